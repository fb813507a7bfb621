// Reads for agency placements, scoped to one organisation: the facts of the accounts being placed
// (a handful of set-based queries for all of them), and placements with their invoices and the
// payments the agency reported.
import { sql, type Selectable } from 'kysely';
import type { PlacementStatus } from '../../domain/placements/placement-status.ts';
import type { Executor } from '../executor.ts';
import type { PlacementsTable } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

/** A placement without its archive's bytes (read those with `placementArchive`). */
export type PlacementRow = Omit<Selectable<PlacementsTable>, 'archive'> & { accounts: number; archive_size: number };

export interface PlacementInvoiceRow {
  invoice_id: bigint;
  number: string;
  customer_id: bigint;
  customer_external_id: string;
  customer_name: string;
  currency: string;
  /** The balance when placed, and now. */
  balance_placed: bigint;
  balance: bigint;
  status: string;
  due_date: string;
}

export interface PlacementPaymentRow {
  id: bigint;
  payment_id: bigint;
  customer_id: bigint;
  amount: bigint;
  commission: bigint;
  currency: string;
  received_on: string;
  recorded_by: string;
}

export interface PlacementDetail {
  placement: PlacementRow;
  invoices: PlacementInvoiceRow[];
  payments: PlacementPaymentRow[];
}

function placementRows(db: Executor, orgId: bigint) {
  return db
    .selectFrom('placements')
    .select([
      'placements.org_id', 'placements.id', 'placements.agency', 'placements.commission_bp', 'placements.status', 'placements.placed_on', 'placements.placed_by',
      'placements.recalled_on', 'placements.recalled_by', 'placements.recall_reason', 'placements.archive_sha256', 'placements.created_at',
      sql<number>`octet_length(placements.archive)::int`.as('archive_size'),
      sql<number>`(select count(distinct li.customer_id)::int from placement_invoices li where li.org_id = placements.org_id and li.placement_id = placements.id)`.as('accounts'),
    ])
    .where('placements.org_id', '=', orgId);
}

export interface PlacementFilters {
  status?: PlacementStatus | undefined;
  /** Only placements covering this customer. */
  customerId?: bigint | undefined;
}

export function listPlacements(db: Executor, orgId: bigint, filters: PlacementFilters, page: PageRequest): Promise<Page<PlacementRow>> {
  let query = placementRows(db, orgId);
  if (filters.status) query = query.where('placements.status', '=', filters.status);
  if (filters.customerId !== undefined) {
    const customerId = filters.customerId;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('placement_invoices as li').select('li.invoice_id').whereRef('li.org_id', '=', 'placements.org_id').whereRef('li.placement_id', '=', 'placements.id').where('li.customer_id', '=', customerId)),
    );
  }
  return fetchPage(query, 'placements.id', page);
}

export async function findPlacementDetail(db: Executor, orgId: bigint, id: bigint): Promise<PlacementDetail | undefined> {
  const placement = await placementRows(db, orgId).where('placements.id', '=', id).executeTakeFirst();
  if (!placement) return undefined;
  const invoices = await db
    .selectFrom('placement_invoices as li')
    .innerJoin('invoices as i', (join) => join.onRef('i.org_id', '=', 'li.org_id').onRef('i.id', '=', 'li.invoice_id'))
    .innerJoin('customers as c', (join) => join.onRef('c.org_id', '=', 'li.org_id').onRef('c.id', '=', 'li.customer_id'))
    .select(['li.invoice_id', 'i.number', 'li.customer_id', 'c.external_id as customer_external_id', 'c.name as customer_name', 'li.currency', 'li.balance as balance_placed', 'i.balance', 'i.status', 'i.due_date'])
    .where('li.org_id', '=', orgId)
    .where('li.placement_id', '=', id)
    .orderBy('li.customer_id')
    .orderBy('i.due_date')
    .orderBy('i.id')
    .execute();
  const payments = await db
    .selectFrom('placement_payments')
    .select(['id', 'payment_id', 'customer_id', 'amount', 'commission', 'currency', 'received_on', 'recorded_by'])
    .where('org_id', '=', orgId)
    .where('placement_id', '=', id)
    .orderBy('id')
    .execute();
  return { placement, invoices, payments };
}

/** The ZIP handed to the agency, as stored. */
export async function placementArchive(db: Executor, orgId: bigint, id: bigint): Promise<{ archive: Uint8Array; archive_sha256: string; placed_on: string } | undefined> {
  return db.selectFrom('placements').select(['archive', 'archive_sha256', 'placed_on']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** What the placement file says of each account, read for all of them at once. */
export async function placedAccountFacts(db: Executor, orgId: bigint, customerIds: readonly bigint[]) {
  const ids = [...customerIds];
  const contacts = await db
    .selectFrom('contacts')
    .select(['customer_id', 'name', 'role', 'email', 'phone', 'address_line1', 'address_line2', 'address_line3', 'city', 'region', 'postal_code', 'country'])
    .where('org_id', '=', orgId)
    .where('customer_id', 'in', ids)
    .orderBy('customer_id')
    .orderBy(sql`case role when 'billing' then 0 when 'primary' then 1 else 2 end`)
    .orderBy('id')
    .execute();
  const lastPayments = await sql<{ customer_id: bigint; received_on: string; amount: bigint; currency: string }>`
    select distinct on (customer_id) customer_id, received_on, amount, currency
      from payments where org_id = ${orgId} and customer_id = any(${ids}::bigint[])
     order by customer_id, received_on desc, id desc`.execute(db);
  const disputes = await db
    .selectFrom('disputes as d')
    .innerJoin('invoices as i', (join) => join.onRef('i.org_id', '=', 'd.org_id').onRef('i.id', '=', 'd.invoice_id'))
    .select(['i.customer_id', 'i.number', 'i.currency', 'd.opened_on', 'd.status', 'd.reason_code', 'd.reason', 'd.amount', 'd.resolved_on', 'd.outcome'])
    .where('d.org_id', '=', orgId)
    .where('i.customer_id', 'in', ids)
    .orderBy('d.opened_on')
    .orderBy('d.id')
    .execute();
  return { contacts, lastPayments: lastPayments.rows, disputes };
}

/** Every timeline entry of these customers, oldest first. */
export function timelinesOf(db: Executor, orgId: bigint, customerIds: readonly bigint[]) {
  return db
    .selectFrom('activities')
    .select(['customer_id', 'occurred_at', 'kind', 'actor', 'summary'])
    .where('org_id', '=', orgId)
    .where('customer_id', 'in', [...customerIds])
    .orderBy('id')
    .execute();
}

/** Every message sent to these customers (outbound), with the files kept with them (a letter's PDF), oldest first. */
export async function messagesSentTo(db: Executor, orgId: bigint, customerIds: readonly bigint[]) {
  const messages = await db
    .selectFrom('communications')
    .select(['id', 'customer_id', 'channel', 'sent_at', 'subject', 'sender', 'recipients', 'body_text', 'body_html', 'template_name'])
    .where('org_id', '=', orgId)
    .where('direction', '=', 'outbound')
    .where('customer_id', 'in', [...customerIds])
    .orderBy('id')
    .execute();
  const files = messages.length === 0
    ? []
    : await db.selectFrom('communication_files').select(['communication_id', 'name', 'content_type', 'sha256', 'bytes']).where('org_id', '=', orgId).where('communication_id', 'in', messages.map((m) => m.id)).orderBy('id').execute();
  return { messages, files };
}
