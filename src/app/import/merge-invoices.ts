// Invoices from a stage table into the ledger, set-based: checks across rows, upsert (by external
// id, else by number), payments the accounting system already knows of, and — for reports that
// list every open invoice — closing the invoices a newer report no longer lists.
import { sql, type Transaction } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { DB } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { mergeCustomers } from './merge-customers.ts';
import type { ProblemList } from './problems.ts';
import { invoiceStage } from './stage-tables.ts';

/** This import's stage table, as SQL. */
const staged = sql.table(invoiceStage.name);

/** The columns that make two rows of one invoice number "the same invoice". */
const invoiceData = ['document', 'customer_key', 'external_id', 'issue_date', 'due_date', 'currency', 'total', 'total_known', 'paid', 'status', 'terms', 'applies_to'] as const;

interface DuplicateRow {
  number: string;
  line: number;
  document: string;
  total_known: boolean;
  applies_to: string | null;
  customer_key: string;
  external_id: string | null;
  issue_date: string;
  due_date: string;
  currency: string;
  total: bigint;
  paid: bigint;
  status: string;
  terms: string | null;
}

/**
 * Rows sharing an invoice number must agree; identical repeats collapse to the first. Different
 * data is a problem on every line involved, naming the fields that differ. `numbers`: the numbers
 * that may be on more than one row (ImportStage.repeatedKeys); the rows of others are not read.
 */
export async function checkDuplicateInvoices(tx: Transaction<DB>, problems: ProblemList, numbers: readonly string[]): Promise<void> {
  const rows = await sql<DuplicateRow>`
    select s.number, s.line, ${sql.raw(invoiceData.map((c) => `s.${c}`).join(', '))}
      from ${staged} s
     where s.number = any(${numbers}::text[])
     order by s.number, s.line`.execute(tx);
  const byNumber = new Map<string, DuplicateRow[]>();
  for (const row of rows.rows) byNumber.set(row.number, [...(byNumber.get(row.number) ?? []), row]);
  for (const [number, [first, ...rest]] of byNumber) {
    const conflicting = rest.filter((row) => invoiceData.some((column) => row[column] !== first![column]));
    if (conflicting.length === 0) continue;
    // Every line involved is reported, so --partial leaves them all out rather than guess which is right.
    problems.add({
      line: first!.line,
      column: 'invoice number',
      value: number,
      message: `invoice ${number} appears again on line(s) ${conflicting.map((r) => r.line).join(', ')} with different data; keep one row per invoice, or fix the number`,
    });
    for (const row of conflicting) {
      const differing = invoiceData.filter((column) => row[column] !== first![column]);
      const fields = differing.map((c) => `${c.replace('_', ' ')} ${show(first![c])} vs ${show(row[c])}`).join(', ');
      problems.add({
        line: row.line,
        column: 'invoice number',
        value: number,
        message: `invoice ${number} is also on line ${first!.line} with different data (${fields}); keep one row per invoice, or fix the number`,
      });
    }
  }
  if (rows.rows.length <= byNumber.size) return; // no number twice: nothing to collapse
  await sql`delete from ${staged} s using ${staged} earlier
             where s.number = any(${numbers}::text[]) and earlier.number = s.number and earlier.line < s.line`.execute(tx);
}

function show(value: unknown): string {
  return value === null || value === undefined ? 'empty' : String(value);
}

/** Links each staged invoice to the stored one it updates (by external id, else number). */
export async function matchInvoices(tx: Transaction<DB>, orgId: bigint, problems: ProblemList): Promise<void> {
  await sql`create temporary table stage_invoice_matches on commit drop as
    select s.line, s.number, s.external_id,
           coalesce(by_id.id, case when by_number.external_id is null or s.external_id is null
                                     or by_number.external_id = s.external_id then by_number.id end) as invoice_id,
           case when by_id.id is null and by_number.id is not null and by_number.external_id <> s.external_id then by_number.external_id end
             as number_taken_by,
           case when coalesce(by_id.currency, by_number.currency) <> s.currency then coalesce(by_id.currency, by_number.currency) end
             as stored_currency
      from ${staged} s
      left join invoices by_id on by_id.org_id = ${orgId} and by_id.external_id = s.external_id
      left join invoices by_number on by_number.org_id = ${orgId} and by_number.number = s.number
     -- credit notes and overpayments in an invoice file are merged as credit (merge-credits.ts)
     where s.document = 'invoice'`.execute(tx);
  // from the matches alone: on a view of a run of chunks (the checks), a join back to the stage could be planned as nested loops
  const conflicts = await sql<{ line: number; number: string; external_id: string | null; number_taken_by: string | null; stored_currency: string | null }>`
    select line, number, external_id, number_taken_by, stored_currency
      from stage_invoice_matches
     where number_taken_by is not null or stored_currency is not null`.execute(tx);
  for (const row of conflicts.rows) {
    if (row.number_taken_by !== null) {
      problems.add({
        line: row.line,
        column: 'invoice number',
        value: row.number,
        message: `invoice ${row.number} is already stored with external id ${row.number_taken_by}, not ${row.external_id}; invoice numbers must be unique`,
      });
    } else {
      problems.add({
        line: row.line,
        column: 'currency',
        value: row.number,
        message: `invoice ${row.number} is stored in ${row.stored_currency}; an invoice's currency cannot change (void it and issue a new one)`,
      });
    }
  }
}

export interface InvoiceMergeOptions {
  orgId: bigint;
  orgCurrency: string;
  importId: bigint | null;
  /** The format name: stored as the invoices' source and in the ids of payments recorded from it. */
  format: string;
  /** Where addresses came from, e.g. "import:xero:invoices.csv". */
  sourceLabel: string;
  today: IsoDate;
  /** The import's instant: the timeline entries' time. */
  at: Temporal.Instant;
}

export async function mergeInvoices(tx: Transaction<DB>, options: InvoiceMergeOptions): Promise<Record<string, number>> {
  const { orgId } = options;
  const customerCounts = await mergeCustomers(tx, invoiceStage, {
    orgId,
    orgCurrency: options.orgCurrency,
    source: options.sourceLabel,
    fallbackCurrency: 'currency',
  });

  // Existing invoices take the file's data. Void and written-off come from the file; open and
  // paid follow the balance; an invoice voided or written off here is not reopened by an import.
  // A file that gives only the open balance (total_known false, migration 0013) keeps the stored
  // total: what it shows as paid since is worked out from it (recordAccountingPayments). When the
  // total of an invoice first known by its open balance arrives, the difference was paid before
  // Arrears knew the invoice: it joins the opening paid amount, so the balance does not jump.
  // Rows that update a stored invoice: none in a first import. Then the three steps that join the
  // stored invoices (update, accounting payments, status) are skipped: each reads the whole
  // invoices table, once per chunk when a large file is written in chunks (PGlite).
  const matched = await sql<{ any: boolean }>`select exists (select 1 from stage_invoice_matches where invoice_id is not null) as any`.execute(tx);
  const updatesStored = matched.rows[0]!.any;
  const total = sql.raw(`case when s.total_known then s.total else i.total end`);
  const totalKnown = sql.raw(`(i.total_known or s.total_known)`);
  const foundPaid = sql.raw(`case when s.total_known and not i.total_known then greatest(s.total - i.total, 0) else 0 end`);
  const updated = !updatesStored ? { numAffectedRows: 0n } : await sql`
    update invoices i set
      customer_id = c.id,
      external_id = coalesce(s.external_id, i.external_id),
      issue_date = s.issue_date,
      due_date = s.due_date,
      total = ${total},
      total_known = ${totalKnown},
      opening_paid = i.opening_paid + ${foundPaid},
      opening_paid_on = case when ${foundPaid} > 0 then coalesce(i.opening_paid_on, ${options.today}::date) else i.opening_paid_on end,
      allocated = i.allocated + ${foundPaid},
      terms = coalesce(s.terms, i.terms),
      status = case when s.status in ('void', 'written_off') then s.status else i.status end,
      import_id = ${options.importId},
      updated_at = now()
    from ${staged} s
    join stage_invoice_matches m using (line)
    join customers c on c.org_id = ${orgId} and c.external_id = s.customer_key
    where i.org_id = ${orgId} and i.id = m.invoice_id
      and (i.customer_id, i.external_id, i.issue_date, i.due_date, i.total, i.total_known, i.terms, i.status)
          is distinct from
          (c.id, coalesce(s.external_id, i.external_id), s.issue_date, s.due_date, ${total}, ${totalKnown}, coalesce(s.terms, i.terms),
           case when s.status in ('void', 'written_off') then s.status else i.status end)`.execute(tx);

  // A new invoice takes what the accounting system had already collected on it as its opening
  // paid amount (migration 0007): no payment, allocation or trigger update per paid invoice.
  const created = await sql<{ created: bigint; opening: bigint }>`
    with inserted as (
      insert into invoices (org_id, customer_id, number, external_id, issue_date, due_date, currency, total, total_known, terms, status,
                            allocated, opening_paid, opening_paid_on, paid_on, source, import_id)
      select ${orgId}, c.id, s.number, s.external_id, s.issue_date, s.due_date, s.currency, s.total, s.total_known, s.terms,
             case when s.status in ('void', 'written_off') then s.status when o.paid >= s.total then 'paid' else 'open' end,
             o.paid, o.paid, case when o.paid > 0 then o.paid_on end,
             case when o.paid >= s.total and s.status <> 'void' and (o.paid > 0 or s.status <> 'written_off') then o.paid_on end,
             ${options.format}, ${options.importId}
        from ${staged} s
        join stage_invoice_matches m using (line)
        join customers c on c.org_id = ${orgId} and c.external_id = s.customer_key
       cross join lateral (
         select case when s.status = 'void' then 0 else least(s.paid, s.total) end as paid,
                coalesce(s.paid_on, ${options.today}::date) as paid_on
       ) o
       where m.invoice_id is null
      returning opening_paid > 0 as opening
    )
    select count(*) as created, count(*) filter (where opening) as opening from inserted`.execute(tx);

  const paymentsRecorded = updatesStored ? await recordAccountingPayments(tx, options) : 0;
  if (updatesStored) await settleStatusByBalance(tx, orgId, options.today);

  // Said in the report whenever the file gave only open balances: their totals are unknown, none is recorded as paid.
  const unknown = await sql<{ count: bigint }>`select count(*) as count from ${staged} where document = 'invoice' and not total_known`.execute(tx);
  const invoicesTotalUnknown = Number(unknown.rows[0]?.count ?? 0n);
  return {
    ...customerCounts,
    ...(invoicesTotalUnknown > 0 ? { invoicesTotalUnknown } : {}),
    invoicesCreated: Number(created.rows[0]!.created),
    openingPaid: Number(created.rows[0]!.opening),
    invoicesUpdated: Number(updated.numAffectedRows ?? 0n),
    paymentsRecorded,
  };
}

/**
 * On invoices Arrears already held, what the accounting system says was paid beyond what the
 * ledger already allocates becomes a payment (source 'accounting') allocated to the invoice, dated
 * when it was paid if the file says, else today (new invoices took theirs as opening_paid). Its
 * id is derived from the invoice and the amount paid, so a re-import adds nothing; payments
 * recorded here that the accounting system has not seen yet are never undone.
 */
async function recordAccountingPayments(tx: Transaction<DB>, options: InvoiceMergeOptions): Promise<number> {
  const { orgId } = options;
  const result = await sql<{ count: bigint }>`
    with file as (
      -- What the file shows as paid; a file giving only the open balance, measured from the stored total.
      select m.invoice_id, s.paid_on,
             case when s.total_known then s.paid else greatest(i.total - s.total, 0) end as paid
        from stage_invoice_matches m
        join ${staged} s using (line)
        join invoices i on i.org_id = ${orgId} and i.id = m.invoice_id
       where m.invoice_id is not null
    ), due as (
      select i.id as invoice_id, i.customer_id, i.currency, i.number,
             least(f.paid, i.total + i.charged) - i.allocated as amount,
             coalesce(f.paid_on, ${options.today}::date) as paid_on,
             ${options.format} || ':' || i.number || ':paid:' || f.paid as external_id
        from file f
        join invoices i on i.org_id = ${orgId} and i.id = f.invoice_id
       where i.status <> 'void' and least(f.paid, i.total + i.charged) > i.allocated
    ), paid as (
      insert into payments (org_id, customer_id, external_id, received_on, amount, currency, reference, source, import_id)
      select ${orgId}, customer_id, external_id, paid_on, amount, currency, 'paid in accounting: ' || number, 'accounting', ${options.importId}
        from due
      on conflict (org_id, external_id) do nothing
      returning id, external_id, customer_id, amount, currency, received_on
    ), allocated as (
      insert into allocations (org_id, invoice_id, payment_id, amount, allocated_on)
      select ${orgId}, due.invoice_id, paid.id, paid.amount, paid.received_on from paid join due using (external_id)
      returning invoice_id
    ), timeline as (
      insert into activities (org_id, customer_id, kind, actor, summary, data, occurred_at)
      select ${orgId}, paid.customer_id, 'payment', 'import', 'Payment recorded in the accounting system: ' || due.number,
             jsonb_build_object('paymentId', paid.id::text, 'invoiceId', due.invoice_id::text, 'amount', paid.amount::text,
                                'currency', paid.currency, 'receivedOn', paid.received_on, 'importId', ${options.importId?.toString() ?? null}::text),
             ${options.at.toString()}::timestamptz
        from paid join due using (external_id)
    )
    select count(*) as count from allocated`.execute(tx);
  return Number(result.rows[0]?.count ?? 0n);
}

/**
 * An open-invoices report (QuickBooks "Open Invoices") lists every open invoice of the customers it
 * covers; an invoice of such a customer, imported from the same kind of report, that is missing now
 * has been paid by the report's date. Customers the report does not list are left alone (it may
 * not cover them). Run over the whole file, after its invoices are merged: it touches only stored
 * invoices the file does not name, so the merge of the file's rows does not change what it finds.
 */
export async function closeInvoicesMissingFromReport(
  tx: Transaction<DB>,
  options: Pick<InvoiceMergeOptions, 'orgId' | 'importId' | 'format' | 'at'>,
  asOf: IsoDate,
): Promise<number> {
  const { orgId } = options;
  const result = await sql<{ count: bigint }>`
    with due as (
      select i.id as invoice_id, i.customer_id, i.currency, i.number, i.balance as amount,
             ${options.format} || ':' || i.number || ':closed:' || ${asOf} as external_id
        from invoices i
       where i.org_id = ${orgId} and i.status = 'open' and i.source = ${options.format} and i.balance > 0
         and i.customer_id in (select c.id from customers c join ${staged} s on c.org_id = ${orgId} and c.external_id = s.customer_key)
         and not exists (select 1 from ${staged} s where s.number = i.number)
         and not exists (select 1 from disputes d where d.org_id = i.org_id and d.invoice_id = i.id and d.status = 'open')
    ), paid as (
      insert into payments (org_id, customer_id, external_id, received_on, amount, currency, reference, source, import_id)
      select ${orgId}, customer_id, external_id, ${asOf}::date, amount, currency,
             'no longer open in the report of ' || ${asOf} || ': ' || number, 'accounting', ${options.importId}
        from due
      on conflict (org_id, external_id) do nothing
      returning id, external_id, customer_id, amount, currency
    ), allocated as (
      insert into allocations (org_id, invoice_id, payment_id, amount, allocated_on)
      select ${orgId}, due.invoice_id, paid.id, paid.amount, ${asOf}::date from paid join due using (external_id)
      returning invoice_id
    ), timeline as (
      insert into activities (org_id, customer_id, kind, actor, summary, data, occurred_at)
      select ${orgId}, paid.customer_id, 'payment', 'import',
             'Invoice ' || due.number || ' is no longer open in the accounting report of ' || ${asOf} || ': recorded as paid',
             jsonb_build_object('paymentId', paid.id::text, 'invoiceId', due.invoice_id::text, 'amount', paid.amount::text,
                                'currency', paid.currency, 'receivedOn', ${asOf}::text),
             ${options.at.toString()}::timestamptz
        from paid join due using (external_id)
    )
    select count(*) as count from allocated`.execute(tx);
  return Number(result.rows[0]?.count ?? 0n);
}

/**
 * After the totals of invoices already held changed, open and paid follow the balance (the
 * allocation trigger does the rest; new invoices were inserted with the right status).
 */
async function settleStatusByBalance(tx: Transaction<DB>, orgId: bigint, today: IsoDate): Promise<void> {
  await sql`
    update invoices i set
      status = case when i.balance > 0 then 'open' else 'paid' end,
      paid_on = case when i.balance > 0 then null else coalesce(i.paid_on, s.paid_on, ${today}::date) end,
      updated_at = now()
    from stage_invoice_matches m
    join ${staged} s using (line)
    where m.invoice_id is not null and i.org_id = ${orgId} and i.id = m.invoice_id and i.status in ('open', 'paid')
      and i.status <> case when i.balance > 0 then 'open' else 'paid' end`.execute(tx);
}
