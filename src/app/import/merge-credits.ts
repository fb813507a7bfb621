// Credit listed in an invoice export (Xero's sales credit notes and overpayments), from the
// invoice stage table into the ledger, set-based: a credit note, or a payment on account, for the
// customer. What the accounting system has already applied of it is already counted in the amounts
// due of the invoices it went to, so it is kept as applied (opening_applied, migration 0013), never
// applied again. A new credit note's remaining credit goes to the invoice it names (Xero's
// Reference) when that invoice is open, of the same customer and currency; otherwise it is left
// unallocated and the customer's timeline says so.
import { sql, type Transaction } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { DB } from '../../db/schema.ts';
import type { ProblemList } from './problems.ts';
import { invoiceStage } from './stage-tables.ts';

/** This import's stage table, as SQL. */
const staged = sql.table(invoiceStage.name);

interface CreditConflict {
  line: number;
  number: string;
  stored_customer: string;
  stored_currency: string;
  customer_key: string;
  currency: string;
}

/** A credit note number already stored for another customer, or in another currency, is a problem on its line. */
export async function checkCredits(tx: Transaction<DB>, orgId: bigint, problems: ProblemList): Promise<void> {
  const conflicts = await sql<CreditConflict>`
    select s.line, s.number, c.external_id as stored_customer, n.currency as stored_currency, s.customer_key, s.currency
      from ${staged} s
      join credit_notes n on n.org_id = ${orgId} and n.number = s.number
      join customers c on c.org_id = n.org_id and c.id = n.customer_id
     where s.document = 'credit_note' and (c.external_id <> s.customer_key or n.currency <> s.currency)
     order by s.line`.execute(tx);
  for (const row of conflicts.rows) {
    problems.add({
      line: row.line,
      column: 'credit note number',
      value: row.number,
      message:
        row.stored_customer !== row.customer_key
          ? `credit note ${row.number} is stored for customer "${row.stored_customer}", not "${row.customer_key}"; credit note numbers must be unique`
          : `credit note ${row.number} is stored in ${row.stored_currency}; a credit note's currency cannot change`,
    });
  }
}

export interface CreditMergeOptions {
  orgId: bigint;
  importId: bigint | null;
  /** The format name: the credit notes' source, and in the ids of the payments made of overpayments. */
  format: string;
  today: string;
  /** The import's instant: the timeline entries' time. */
  at: Temporal.Instant;
}

/** Formats whose invoice files list credit; their reports always say how much was read, even none. */
const formatsListingCredit = new Set(['xero']);

export async function mergeCredits(tx: Transaction<DB>, options: CreditMergeOptions): Promise<Record<string, number>> {
  const read = await sql<{ credit_notes: bigint; overpayments: bigint }>`
    select count(*) filter (where document = 'credit_note') as credit_notes, count(*) filter (where document = 'overpayment') as overpayments
      from ${staged}`.execute(tx);
  const creditNotesRead = Number(read.rows[0]!.credit_notes);
  const overpaymentsRead = Number(read.rows[0]!.overpayments);
  if (creditNotesRead + overpaymentsRead === 0 && !formatsListingCredit.has(options.format)) return {};
  const counts = { creditNotesRead, creditNotesCreated: 0, creditNotesApplied: 0, creditNotesUnallocated: 0, overpaymentsRead, overpaymentsCreated: 0 };
  if (creditNotesRead > 0) Object.assign(counts, await mergeCreditNotes(tx, options));
  if (overpaymentsRead > 0) counts.overpaymentsCreated = await mergeOverpayments(tx, options);
  if (creditNotesRead + overpaymentsRead > 0) await catchUpAppliedElsewhere(tx, options);
  return counts;
}

async function mergeCreditNotes(tx: Transaction<DB>, options: CreditMergeOptions) {
  const { orgId } = options;
  await sql`create temporary table new_credit_notes on commit drop as
    with inserted as (
      insert into credit_notes (org_id, customer_id, number, issue_date, currency, total, allocated, opening_applied, reason, source)
      select ${orgId}, c.id, s.number, s.issue_date, s.currency, s.total, least(s.paid, s.total), least(s.paid, s.total), s.applies_to, ${options.format}
        from ${staged} s
        join customers c on c.org_id = ${orgId} and c.external_id = s.customer_key
       where s.document = 'credit_note'
         and not exists (select 1 from credit_notes n where n.org_id = ${orgId} and n.number = s.number)
      returning id, customer_id, number, currency, total, allocated
    )
    select n.*, s.applies_to from inserted n join ${staged} s on s.document = 'credit_note' and s.number = n.number`.execute(tx);

  // Credit left after what the accounting system applied, onto the open invoice the note names.
  const applied = await sql`
    insert into allocations (org_id, invoice_id, credit_note_id, amount, allocated_on)
    select ${orgId}, i.id, n.id, least(n.total - n.allocated, i.balance), ${options.today}::date
      from new_credit_notes n
      join invoices i on i.org_id = ${orgId} and i.number = n.applies_to and i.customer_id = n.customer_id and i.currency = n.currency
     where i.status = 'open' and i.balance > 0 and n.total > n.allocated
       and not exists (select 1 from disputes d where d.org_id = i.org_id and d.invoice_id = i.id and d.status = 'open')`.execute(tx);

  const outcome = await sql<{ created: bigint; unallocated: bigint }>`
    with timeline as (
      insert into activities (org_id, customer_id, kind, actor, summary, data, occurred_at)
      select ${orgId}, n.customer_id, 'credit_note', 'import',
             'Credit note ' || n.number || ' imported from the accounting system'
               || case when a.invoice is not null then ': applied to ' || a.invoice
                       when c.allocated < c.total then ': not applied to any invoice (credit left on the account)'
                       else ': already applied in the accounting system' end,
             jsonb_build_object('creditNoteId', n.id::text, 'number', n.number, 'total', n.total::text, 'currency', n.currency,
                                'unallocated', (c.total - c.allocated)::text, 'importId', ${options.importId?.toString() ?? null}::text),
             ${options.at.toString()}::timestamptz
        from new_credit_notes n
        join credit_notes c on c.org_id = ${orgId} and c.id = n.id
        left join lateral (
          select min(i.number) as invoice from allocations l join invoices i on i.org_id = l.org_id and i.id = l.invoice_id
           where l.org_id = ${orgId} and l.credit_note_id = n.id) a on true
      returning 1
    )
    select (select count(*) from new_credit_notes) as created,
           (select count(*) from new_credit_notes n join credit_notes c on c.org_id = ${orgId} and c.id = n.id where c.allocated < c.total) as unallocated`.execute(tx);
  return {
    creditNotesCreated: Number(outcome.rows[0]!.created),
    creditNotesApplied: Number(applied.numAffectedRows ?? 0n),
    creditNotesUnallocated: Number(outcome.rows[0]!.unallocated),
  };
}

/** An overpayment is money received and not (wholly) applied: a payment on account, left unallocated. */
async function mergeOverpayments(tx: Transaction<DB>, options: CreditMergeOptions): Promise<number> {
  const { orgId } = options;
  const result = await sql<{ count: bigint }>`
    with inserted as (
      insert into payments (org_id, customer_id, external_id, received_on, amount, currency, allocated, opening_applied, reference, source, import_id)
      select ${orgId}, c.id, ${options.format} || ':overpayment:' || s.number, s.issue_date, s.total, s.currency,
             least(s.paid, s.total), least(s.paid, s.total), 'overpayment in the accounting system', 'accounting', ${options.importId}
        from ${staged} s
        join customers c on c.org_id = ${orgId} and c.external_id = s.customer_key
       where s.document = 'overpayment'
      on conflict (org_id, external_id) do nothing
      returning id, customer_id, amount, allocated, currency, received_on
    ), timeline as (
      insert into activities (org_id, customer_id, kind, actor, summary, data, occurred_at)
      select ${orgId}, p.customer_id, 'payment', 'import', 'Overpayment imported from the accounting system: a payment on account',
             jsonb_build_object('paymentId', p.id::text, 'amount', p.amount::text, 'unallocated', (p.amount - p.allocated)::text,
                                'currency', p.currency, 'receivedOn', p.received_on),
             ${options.at.toString()}::timestamptz
        from inserted p
    )
    select count(*) as count from inserted`.execute(tx);
  return Number(result.rows[0]?.count ?? 0n);
}

/**
 * Credit Arrears holds unallocated that the accounting system has since applied (its remaining
 * credit is now less): the invoices it went to show it as paid (recordAccountingPayments), so the
 * difference is marked applied here rather than left to be used twice.
 */
async function catchUpAppliedElsewhere(tx: Transaction<DB>, { orgId, format }: CreditMergeOptions): Promise<void> {
  await sql`
    update credit_notes n set
      opening_applied = n.opening_applied + (n.total - n.allocated) - (s.total - s.paid),
      allocated = n.allocated + (n.total - n.allocated) - (s.total - s.paid)
    from ${staged} s
    where n.org_id = ${orgId} and s.document = 'credit_note' and n.number = s.number
      and s.paid <= s.total and n.total - n.allocated > s.total - s.paid`.execute(tx);
  await sql`
    update payments p set
      opening_applied = p.opening_applied + (p.amount - p.allocated) - (s.total - s.paid),
      allocated = p.allocated + (p.amount - p.allocated) - (s.total - s.paid)
    from ${staged} s
    join customers c on c.org_id = ${orgId} and c.external_id = s.customer_key
    where p.org_id = ${orgId} and s.document = 'overpayment' and p.customer_id = c.id and p.source = 'accounting'
      and p.external_id = ${format} || ':overpayment:' || s.number
      and s.paid <= s.total and p.amount - p.allocated > s.total - s.paid`.execute(tx);
}
