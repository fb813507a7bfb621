// Erases the personal data of one customer (a debtor's erasure request) and says exactly what was
// erased, what was kept and under which rule. The ledger stays whole (invoices, payments, credit
// notes, allocations, charges: accounting records and the amounts of a possible claim); the
// collection record (timeline, cases, actions, holds, promises) is kept until its retention runs
// out (three years after the customer's last activity), then a later erasure deletes it. Free
// text people wrote (dispute reasons, hold reasons, promise notes) is cleared at once; the
// timeline cannot be edited, so its entries are kept whole until they may be deleted.
// Without `apply` nothing changes: the report says what would happen.
import type { Temporal } from 'temporal-polyfill';
import { textLimits } from '../../domain/text-limits.ts';
import { sql, type Transaction } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { lockOrgCycle } from '../../db/queries/cycle-lock.ts';
import type { Customer, DB, Org } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import {
  collectionRecordRetention,
  erasureRecordRetention,
  ledgerRetention,
  retentionStatus,
  type RetentionRule,
  type RetentionStatus,
} from '../../domain/compliance/retention.ts';
import { customerByExternalId } from '../shared/customer-by-external-id.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';

/** The name an erased customer keeps (the column cannot be empty; the ledger still points at the row). */
export const erasedCustomerName = 'Erased customer';
/** What replaces a required free-text column (a hold's reason) that held personal text. */
export const erasedText = '[erased]';
/** The timeline kind of the record of an erasure (kept: it holds none of the erased data). */
export const erasureActivityKind = 'customer_erased';

const unsentStatuses = ['planned', 'ready', 'deferred', 'blocked'] as const;

export interface ErasedItem {
  table: string;
  rows: number;
  /** deleted: the rows are gone; cleared / pseudonymised: the fields named were emptied or replaced. */
  action: 'deleted' | 'cleared' | 'pseudonymised';
  fields: string[];
}

export interface KeptItem {
  table: string;
  rows: number;
  /** What of those rows is kept. */
  fields: string;
  rule: string;
  reason: string;
  citation: string;
  /** The last day the rule keeps them; null: no end set by Arrears. */
  keepUntil: IsoDate | null;
  /** From this day a new erasure deletes them; null as keepUntil. */
  mayEraseFrom: IsoDate | null;
}

export interface ErasureReport {
  externalId: string;
  /** False: a dry run, nothing changed. */
  applied: boolean;
  /** True when this call changed something (and recorded the erasure on the timeline). */
  changed: boolean;
  today: IsoDate;
  /** When the personal data was first erased, if before this call. */
  previouslyErasedAt: string | null;
  /** The customer's last activity (timeline, ledger, collection), erasure records aside. */
  lastActivityOn: IsoDate | null;
  retention: RetentionStatus;
  erased: ErasedItem[];
  kept: KeptItem[];
  /** Reminders and tasks planned but not sent, cancelled so nothing reaches the debtor. */
  cancelledActions: number;
  excludedReason: string;
}

export interface EraseCustomerInput {
  externalId: string;
  reason: string;
  actor: string;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  apply: boolean;
}

interface Survey {
  contacts: bigint;
  invoices: bigint;
  payments: bigint;
  credit_notes: bigint;
  allocations: bigint;
  charges: bigint;
  disputes: bigint;
  disputes_text: bigint;
  holds: bigint;
  holds_text: bigint;
  promises: bigint;
  promises_text: bigint;
  cases: bigint;
  actions: bigint;
  actions_unsent: bigint;
  activities: bigint;
  erasure_records: bigint;
  last_activity_on: string | null;
}

// Every count the report needs, in one statement (a scalar subquery per table, each on an index
// that leads with org_id and customer_id or invoice_id), plus the last activity date.
async function survey(tx: Transaction<DB>, org: Org, customerId: bigint): Promise<Survey> {
  const o = org.id;
  const c = customerId;
  const invoiceIds = sql`(select id from invoices where org_id = ${o} and customer_id = ${c})`;
  const result = await sql<Survey>`
    select
      (select count(*) from contacts where org_id = ${o} and customer_id = ${c}) as contacts,
      (select count(*) from invoices where org_id = ${o} and customer_id = ${c}) as invoices,
      (select count(*) from payments where org_id = ${o} and customer_id = ${c}) as payments,
      (select count(*) from credit_notes where org_id = ${o} and customer_id = ${c}) as credit_notes,
      (select count(*) from allocations where org_id = ${o} and (invoice_id in ${invoiceIds}
          or payment_id in (select id from payments where org_id = ${o} and customer_id = ${c})
          or credit_note_id in (select id from credit_notes where org_id = ${o} and customer_id = ${c}))) as allocations,
      (select count(*) from charges where org_id = ${o} and invoice_id in ${invoiceIds}) as charges,
      (select count(*) from disputes where org_id = ${o} and invoice_id in ${invoiceIds}) as disputes,
      (select count(*) from disputes where org_id = ${o} and invoice_id in ${invoiceIds} and (reason is not null or resolution is not null)) as disputes_text,
      (select count(*) from holds where org_id = ${o} and customer_id = ${c}) as holds,
      (select count(*) from holds where org_id = ${o} and customer_id = ${c} and reason <> ${erasedText}) as holds_text,
      (select count(*) from promises where org_id = ${o} and customer_id = ${c}) as promises,
      (select count(*) from promises where org_id = ${o} and customer_id = ${c} and note is not null) as promises_text,
      (select count(*) from cases where org_id = ${o} and customer_id = ${c}) as cases,
      (select count(*) from actions where org_id = ${o} and customer_id = ${c}) as actions,
      (select count(*) from actions where org_id = ${o} and customer_id = ${c} and status in (${sql.join(unsentStatuses)})) as actions_unsent,
      (select count(*) from activities where org_id = ${o} and customer_id = ${c} and kind <> ${erasureActivityKind}) as activities,
      (select count(*) from activities where org_id = ${o} and customer_id = ${c} and kind = ${erasureActivityKind}) as erasure_records,
      (select max(d) from (
          select max((occurred_at at time zone ${org.time_zone})::date) as d from activities
           where org_id = ${o} and customer_id = ${c} and kind <> ${erasureActivityKind}
          union all select max(greatest(issue_date, paid_on)) from invoices where org_id = ${o} and customer_id = ${c}
          union all select max(received_on) from payments where org_id = ${o} and customer_id = ${c}
          union all select max(issue_date) from credit_notes where org_id = ${o} and customer_id = ${c}
          union all select max(allocated_on) from allocations where org_id = ${o} and invoice_id in ${invoiceIds}
          union all select max(charged_on) from charges where org_id = ${o} and invoice_id in ${invoiceIds}
          union all select max(greatest(opened_on, resolved_on)) from disputes where org_id = ${o} and invoice_id in ${invoiceIds}
          union all select max(greatest(starts_on, released_on)) from holds where org_id = ${o} and customer_id = ${c}
          union all select max(greatest(made_on, resolved_on)) from promises where org_id = ${o} and customer_id = ${c}
          union all select max(greatest(opened_on, closed_on)) from cases where org_id = ${o} and customer_id = ${c}
          union all select max(cycle_date) from actions where org_id = ${o} and customer_id = ${c}
        ) as dates) as last_activity_on`.execute(tx);
  return result.rows[0]!;
}

/** The customer's fields that hold personal data and are not erased yet. */
function personalCustomerFields(customer: Customer): string[] {
  const fields: string[] = [];
  if (customer.name !== erasedCustomerName) fields.push('name');
  if (customer.tags.length > 0) fields.push('tags');
  if (customer.time_zone !== null) fields.push('time_zone');
  if (customer.language !== null) fields.push('language');
  // Any exclusion reason other than the erasure's own is free text a person wrote.
  if (customer.excluded_reason !== null && !(customer.erased_at !== null && customer.excluded_reason.startsWith('personal data erased'))) fields.push('excluded_reason');
  return fields;
}

/**
 * The contact-rule flags set on the customer (migration 0004): the evidence of why contact stopped
 * or paused, so part of the collection record, kept while it is and cleared after.
 */
function contactRuleFlags(customer: Customer): string[] {
  const flags: string[] = [];
  if (customer.cease_requested_on !== null) flags.push('cease_requested_on');
  if (customer.attorney_represented) flags.push('attorney_represented');
  if (customer.bankruptcy) flags.push('bankruptcy');
  if (customer.breathing_space_until !== null) flags.push('breathing_space_until');
  if (customer.inconvenient_times.length > 0) flags.push('inconvenient_times');
  return flags;
}

function kept(table: string, rows: bigint | number, fields: string, rule: RetentionRule, status: RetentionStatus): KeptItem {
  return { table, rows: Number(rows), fields, rule: rule.id, reason: rule.reason, citation: rule.citation, keepUntil: status.keepUntil, mayEraseFrom: status.mayEraseFrom };
}

export async function eraseCustomer(db: Executor, org: Org, input: EraseCustomerInput): Promise<ErasureReport> {
  const reason = requiredText(input.reason, 'the reason', textLimits.reason, 'give the reason for the erasure, e.g. "erasure request received 2026-11-20" (it is kept on the timeline: write no personal data in it)');
  return inTransaction(db, async (tx) => {
    // Wait for a daily cycle of the organisation that is running, so it cannot plan a reminder
    // from a snapshot read before the erasure.
    if (input.apply) await lockOrgCycle(tx, org.id);
    const customer = await customerByExternalId(tx, org.id, input.externalId, { forUpdate: true });
    const counts = await survey(tx, org, customer.id);
    const collection = retentionStatus(counts.last_activity_on, input.today, collectionRecordRetention);
    const noEnd = retentionStatus(counts.last_activity_on, input.today, ledgerRetention);
    const purge = collection.expired;
    const excludedReason = customer.erased_at !== null && customer.excluded_reason?.startsWith('personal data erased')
      ? customer.excluded_reason
      : `personal data erased on ${input.today}`;

    const erased: ErasedItem[] = [];
    const flags = contactRuleFlags(customer);
    const customerFields = [...personalCustomerFields(customer), ...(purge ? flags : [])];
    if (customerFields.length > 0) erased.push({ table: 'customers', rows: 1, action: 'pseudonymised', fields: customerFields });
    if (counts.contacts > 0n) erased.push({ table: 'contacts', rows: Number(counts.contacts), action: 'deleted', fields: ['name', 'email', 'phone', 'postal address', 'where each came from', 'opt-outs'] });
    if (counts.disputes_text > 0n) erased.push({ table: 'disputes', rows: Number(counts.disputes_text), action: 'cleared', fields: ['reason', 'resolution'] });
    if (purge) {
      if (counts.holds > 0n) erased.push({ table: 'holds', rows: Number(counts.holds), action: 'deleted', fields: ['all'] });
      if (counts.promises > 0n) erased.push({ table: 'promises', rows: Number(counts.promises), action: 'deleted', fields: ['all'] });
      if (counts.actions > 0n) erased.push({ table: 'actions', rows: Number(counts.actions), action: 'deleted', fields: ['all'] });
      if (counts.cases > 0n) erased.push({ table: 'cases', rows: Number(counts.cases), action: 'deleted', fields: ['all'] });
      if (counts.activities > 0n) erased.push({ table: 'activities', rows: Number(counts.activities), action: 'deleted', fields: ['all'] });
    } else {
      if (counts.holds_text > 0n) erased.push({ table: 'holds', rows: Number(counts.holds_text), action: 'cleared', fields: ['reason'] });
      if (counts.promises_text > 0n) erased.push({ table: 'promises', rows: Number(counts.promises_text), action: 'cleared', fields: ['note'] });
    }
    const cancelledActions = purge ? 0 : Number(counts.actions_unsent);

    const keptItems: KeptItem[] = [
      kept('customers', 1, 'external_id, kind, country, region, currency, customer_since, credit_limit, risk and collection settings (the name is replaced by "Erased customer")', ledgerRetention, noEnd),
    ];
    const ledger: [string, bigint, string][] = [
      ['invoices', counts.invoices, 'all, including the terms text'],
      ['payments', counts.payments, 'all, including the method and the bank reference (which may quote the payer’s name)'],
      ['credit_notes', counts.credit_notes, 'all, including the reason text of each credit note'],
      ['allocations', counts.allocations, 'all (amounts and dates)'],
      ['charges', counts.charges, 'all, with how each was calculated'],
      ['disputes', counts.disputes, 'reason code, amount, status, outcome and dates (the reason and resolution text are cleared)'],
    ];
    for (const [table, rows, fields] of ledger) if (rows > 0n) keptItems.push(kept(table, rows, fields, ledgerRetention, noEnd));
    if (!purge && flags.length > 0) {
      keptItems.push(kept('customers', 1, `the contact-rule flags ${flags.join(', ')} (the evidence of why contact stopped or paused)`, collectionRecordRetention, collection));
    }
    if (!purge) {
      const record: [string, bigint, string][] = [
        ['activities', counts.activities, 'all: the timeline is append-only, and its summaries may quote what people wrote at the time (notes, reasons)'],
        ['cases', counts.cases, 'all (dates, status, system-written reason)'],
        ['actions', counts.actions, 'all (what was planned or sent, when, and the rule behind each one not sent)'],
        ['holds', counts.holds, 'dates and who placed them (the reason text is cleared)'],
        ['promises', counts.promises, 'amount, dates and outcome (the note is cleared)'],
      ];
      for (const [table, rows, fields] of record) if (rows > 0n) keptItems.push(kept(table, rows, fields, collectionRecordRetention, collection));
    }

    const changed = erased.length > 0 || cancelledActions > 0 || customer.erased_at === null || customer.excluded_reason !== excludedReason;
    // The record of this erasure, when one is made, is kept too.
    const erasureRecords = Number(counts.erasure_records) + (changed ? 1 : 0);
    if (erasureRecords > 0) keptItems.push(kept('activities', erasureRecords, `the ${erasureActivityKind} entries: when, why and by whom, and the counts of this report`, erasureRecordRetention, noEnd));

    const report: ErasureReport = {
      externalId: customer.external_id,
      applied: input.apply,
      changed: input.apply && changed,
      today: input.today,
      previouslyErasedAt: customer.erased_at,
      lastActivityOn: counts.last_activity_on,
      retention: collection,
      erased,
      kept: keptItems,
      cancelledActions,
      excludedReason,
    };
    if (!input.apply || !changed) return report;

    const o = org.id;
    const c = customer.id;
    const invoiceIds = tx.selectFrom('invoices').select('id').where('org_id', '=', o).where('customer_id', '=', c);
    await tx
      .updateTable('customers')
      .set({
        name: erasedCustomerName,
        tags: sql<string[]>`'{}'::text[]`,
        time_zone: null,
        language: null,
        excluded_reason: excludedReason,
        ...(purge ? { cease_requested_on: null, attorney_represented: false, bankruptcy: false, breathing_space_until: null, inconvenient_times: '[]' } : {}),
        erased_at: customer.erased_at ?? input.now.toString(),
        updated_at: sql<string>`now()`,
      })
      .where('org_id', '=', o)
      .where('id', '=', c)
      .execute();
    await tx.deleteFrom('contacts').where('org_id', '=', o).where('customer_id', '=', c).execute();
    await tx
      .updateTable('disputes')
      .set({ reason: null, resolution: null })
      .where('org_id', '=', o)
      .where('invoice_id', 'in', invoiceIds)
      .where((eb) => eb.or([eb('reason', 'is not', null), eb('resolution', 'is not', null)]))
      .execute();
    if (purge) {
      await tx.deleteFrom('holds').where('org_id', '=', o).where('customer_id', '=', c).execute();
      await tx.deleteFrom('promises').where('org_id', '=', o).where('customer_id', '=', c).execute();
      await tx.deleteFrom('actions').where('org_id', '=', o).where('customer_id', '=', c).execute();
      await tx.deleteFrom('cases').where('org_id', '=', o).where('customer_id', '=', c).execute();
      // The one way past the timeline's append-only trigger (migration 0005): for this customer, in
      // this transaction only.
      await sql`select set_config('arrears.purge_customer', ${`${o}:${c}`}, true)`.execute(tx);
      await tx.deleteFrom('activities').where('org_id', '=', o).where('customer_id', '=', c).where('kind', '<>', erasureActivityKind).execute();
      await sql`select set_config('arrears.purge_customer', '', true)`.execute(tx);
    } else {
      await tx.updateTable('holds').set({ reason: erasedText }).where('org_id', '=', o).where('customer_id', '=', c).where('reason', '<>', erasedText).execute();
      await tx.updateTable('promises').set({ note: null, updated_at: sql<string>`now()` }).where('org_id', '=', o).where('customer_id', '=', c).where('note', 'is not', null).execute();
      await tx
        .updateTable('actions')
        .set({
          status: 'cancelled',
          rule: 'customer-erased',
          reason: `Cancelled: the customer's personal data was erased on ${input.today}.`,
          updated_at: sql<string>`now()`,
        })
        .where('org_id', '=', o)
        .where('customer_id', '=', c)
        .where('status', 'in', unsentStatuses)
        .execute();
    }
    await recordActivity(tx, o, {
      customerId: c,
      kind: erasureActivityKind,
      actor: input.actor,
      summary: `Personal data erased (${reason}); the ledger and the records under retention are kept`,
      data: {
        reason,
        erasedOn: input.today,
        erased: erased.map((item) => ({ table: item.table, rows: item.rows, action: item.action, fields: item.fields })),
        kept: keptItems.map((item) => ({ table: item.table, rows: item.rows, rule: item.rule, keepUntil: item.keepUntil })),
        cancelledActions,
      },
      at: input.now,
    });
    return report;
  });
}
