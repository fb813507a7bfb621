// The reads and the one write behind applying charges: one query per concern for a whole batch of
// customers and invoices (never one per invoice), every one scoped to the organisation.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import type { ChargeKind } from '../../domain/charges/invoice-charges.ts';
import { stringifyJson } from '../../json.ts';
import type { Executor } from '../executor.ts';
import { chaseableInvoicesSql } from './chaseable.ts';
import type { CustomerKind, InvoiceStatus } from '../schema.ts';

export interface ChargeCustomerRow {
  id: bigint;
  kind: CustomerKind;
  charges_liable: boolean;
  charge_policy: unknown;
  /** The organisation's settings (its charge policy is in collections.chargePolicy). */
  org_settings: unknown;
}

/** The customers with their policy and the organisation's settings. */
export async function customersForCharges(db: Executor, orgId: bigint, customerIds: readonly bigint[]): Promise<ChargeCustomerRow[]> {
  const { rows } = await sql<ChargeCustomerRow>`
    select c.id, c.kind, c.charges_liable, c.charge_policy, o.settings as org_settings
      from customers c
      join orgs o on o.id = c.org_id
     where c.org_id = ${orgId} and c.id = any(${[...customerIds]}::bigint[])`.execute(db);
  return rows;
}

export interface ChargeInvoiceRow {
  id: bigint;
  customer_id: bigint;
  number: string;
  currency: string;
  total: bigint;
  due_date: IsoDate;
  status: InvoiceStatus;
  disputed: boolean;
  /** Some of its balance may not be chased on the day (chaseable.ts: disputed, on hold, promised). */
  paused: boolean;
}

/**
 * The invoices, with whether an open dispute is on them and whether collection of any of it is
 * paused on `date` (the one rule of chaseable.ts). `lock` takes their row locks first, so two
 * transactions charging the same invoice run one after the other and the second sees the first's
 * charges (inserting a charge locks the invoice row anyway, through the trigger).
 */
export async function invoicesForCharges(db: Executor, orgId: bigint, invoiceIds: readonly bigint[], date: IsoDate, lock: boolean): Promise<ChargeInvoiceRow[]> {
  if (invoiceIds.length === 0) return [];
  const ids = [...invoiceIds];
  const paused = chaseableInvoicesSql({ orgId, date, customerPauses: true, onlyPaused: true, where: sql`and i.id = any(${ids}::bigint[])` });
  const { rows } = await sql<ChargeInvoiceRow>`
    select i.id, i.customer_id, i.number, i.currency, i.total, i.due_date, i.status,
           exists (select 1 from disputes d where d.org_id = i.org_id and d.invoice_id = i.id and d.status = 'open') as disputed,
           i.id in (select c.id from (${paused}) c where c.amount < c.balance) as paused
      from invoices i
     where i.org_id = ${orgId} and i.id = any(${ids}::bigint[])
     order by i.id -- two batches lock shared invoices in the same order, so they cannot deadlock
     ${lock ? sql`for update of i` : sql``}`.execute(db);
  return rows;
}

/** The open invoices of a customer due before `date` (what a preview looks at). */
export async function overdueInvoiceIds(db: Executor, orgId: bigint, customerId: bigint, date: IsoDate): Promise<bigint[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('id')
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .where('due_date', '<', date)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

export interface ChargeAllocationRow {
  invoice_id: bigint;
  allocated_on: IsoDate;
  amount: bigint;
}

/**
 * Amounts paid or credited on the invoices per day, up to `upTo`: their allocations, and what
 * the accounting system had collected before the invoice was imported (opening_paid).
 */
export async function allocationsForCharges(db: Executor, orgId: bigint, invoiceIds: readonly bigint[], upTo: IsoDate): Promise<ChargeAllocationRow[]> {
  const ids = [...invoiceIds];
  const { rows } = await sql<ChargeAllocationRow>`
    select invoice_id, allocated_on, sum(amount)::bigint as amount
      from (select invoice_id, allocated_on, amount
              from allocations
             where org_id = ${orgId} and invoice_id = any(${ids}::bigint[]) and allocated_on <= ${upTo}::date
            union all
            select id, opening_paid_on, opening_paid
              from invoices
             where org_id = ${orgId} and id = any(${ids}::bigint[]) and opening_paid_on <= ${upTo}::date) paid
     group by invoice_id, allocated_on`.execute(db);
  return rows;
}

export interface ChargeTotalRow {
  invoice_id: bigint;
  kind: ChargeKind;
  amount: bigint;
  entries: number;
}

/** What has been charged on the invoices so far, per kind: the net amount and the number of entries. */
export async function chargeTotals(db: Executor, orgId: bigint, invoiceIds: readonly bigint[]): Promise<ChargeTotalRow[]> {
  const { rows } = await sql<ChargeTotalRow>`
    select invoice_id, kind, sum(amount)::bigint as amount, count(*)::integer as entries
      from charges
     where org_id = ${orgId} and invoice_id = any(${[...invoiceIds]}::bigint[])
     group by invoice_id, kind`.execute(db);
  return rows;
}

export interface NewChargeRow {
  invoiceId: bigint;
  kind: ChargeKind;
  amount: bigint;
  chargedOn: IsoDate;
  calculation: Record<string, unknown>;
  idempotencyKey: string;
}

export interface InsertedChargeRow {
  invoice_id: bigint;
  kind: ChargeKind;
  amount: bigint;
  idempotency_key: string;
}

/** One multi-row insert; a key already used is skipped (ON CONFLICT DO NOTHING), so a re-run charges nothing twice. */
export async function insertCharges(db: Executor, orgId: bigint, rows: readonly NewChargeRow[]): Promise<InsertedChargeRow[]> {
  if (rows.length === 0) return [];
  const col = <T>(pick: (row: NewChargeRow) => T) => rows.map(pick);
  const { rows: inserted } = await sql<InsertedChargeRow>`
    insert into charges (org_id, invoice_id, kind, amount, charged_on, calculation, idempotency_key)
    select ${orgId}, invoice_id, kind, amount, charged_on, calculation::jsonb, idempotency_key
      from unnest(${col((r) => r.invoiceId)}::bigint[], ${col((r) => r.kind)}::text[], ${col((r) => r.amount)}::bigint[],
                  ${col((r) => r.chargedOn)}::date[], ${col((r) => stringifyJson(r.calculation))}::text[], ${col((r) => r.idempotencyKey)}::text[])
           as n(invoice_id, kind, amount, charged_on, calculation, idempotency_key)
    on conflict (org_id, idempotency_key) where idempotency_key is not null do nothing
    returning invoice_id, kind, amount, idempotency_key`.execute(db);
  return inserted;
}
