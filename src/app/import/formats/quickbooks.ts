// QuickBooks Online's "Open Invoices" and "A/R Aging Detail" reports exported to CSV: title and
// date lines before the header row, transaction rows grouped under customer (or aging bucket)
// lines, "Total for …" subtotals, a grand TOTAL and a footer. Only Invoice rows are imported.
// Both reports list every open invoice as of their date, so the reader says so ('open-report')
// and the merge records as paid the invoices a newer report no longer lists.
//
// Open Invoices exported with its default columns has no Amount column: what is open on each
// invoice is known, not what it was for. Those invoices are imported for their open balance (what
// a collector chases) with the original total marked unknown, and nothing made up as paid.
import type { IsoDate } from '../../../domain/calendar.ts';
import { textLimits } from '../../../domain/text-limits.ts';
import { tooLongMessage } from '../field-limits.ts';
import type { HeaderSpec } from '../header.ts';
import type { RowParser } from '../row-parser.ts';
import type { CsvRecord, InvoiceRecord, ReaderContext, ReaderEvent, RowProblem } from '../types.ts';
import { parseDateIn, problemEvents, readTableRows, rowEvents } from './table.ts';

/** QuickBooks Online writes dates month-first. */
const quickbooksDateFormat = 'MM/DD/YYYY';

const quickbooksSynonyms = {
  date: ['Date', 'Transaction Date', 'Txn Date', 'Invoice Date'],
  type: ['Transaction Type', 'Txn Type', 'Type'],
  number: ['Num', 'No.', 'Number', 'Invoice Number', 'Ref No.'],
  customer: ['Customer', 'Customer/Name', 'Name', 'Customer Full Name', 'Customer Display Name'],
  terms: ['Terms', 'Term', 'Term(s)'],
  dueDate: ['Due Date'],
  amount: ['Amount', 'Total', 'Total Amount', 'Orig. Amount'],
  openBalance: ['Open Balance', 'Balance'],
  currency: ['Currency'],
  // Multicurrency companies: Amount and Open Balance are in the home currency, these in the invoice's.
  foreignAmount: ['Foreign Amount'],
  foreignOpenBalance: ['Foreign Open Balance'],
} as const;

type QuickBooksColumn = keyof typeof quickbooksSynonyms;

const quickbooksSpec: HeaderSpec<QuickBooksColumn> = {
  format: 'quickbooks',
  synonyms: quickbooksSynonyms,
  required: [['date'], ['type'], ['number'], ['dueDate'], ['openBalance']],
};

const openInvoicesTitle = /^open invoices\b/i;
const agingDetailTitle = /^(a\/r|accounts receivable) age?ing detail\b|^aged receivables? detail\b/i;
/**
 * QuickBooks nests sub-customers at most five levels deep; a report without subtotals never
 * closes its groups, so only the innermost few are kept (memory stays bounded).
 */
const maxGroupDepth = 8;
/** The group lines of an aging report: buckets, not customers. */
const agingBucket = /^current$|days? past due$|^\d+\s*-\s*\d+ days$|^\d+ (or more|and over) days$|^over \d+ days$/i;

interface Report {
  kind: 'open-invoices' | 'aging-detail' | undefined;
  /** From the "As of …" line. */
  asOf: IsoDate | undefined;
}

/** Title, date and blank-ish lines have at most one cell filled; the header row has several. */
function isPreamble(record: CsvRecord): boolean {
  return record.fields.filter((field) => field.trim() !== '').length <= 1;
}

export async function* readQuickBooksInvoices(records: AsyncIterable<CsvRecord>, context: ReaderContext): AsyncIterable<ReaderEvent<InvoiceRecord>> {
  const dateFormat = context.dateFormat ?? quickbooksDateFormat;
  const report: Report = { kind: undefined, asOf: undefined };
  /** The group lines the current row sits under, outermost first (customers, sub-customers, buckets). */
  const groups: string[] = [];
  /** The report's date, when it is a report of all open invoices; payments it shows were made by then. */
  let openAsOf: IsoDate | null = null;
  for await (const item of readTableRows(records, quickbooksSpec, { isPreamble })) {
    if (item.type === 'fatal') {
      yield item;
    } else if (item.type === 'preamble') {
      const problem = readPreamble(report, item.record, dateFormat);
      if (problem) {
        yield { type: 'fatal', problem };
        return;
      }
    } else if (item.type === 'header') {
      const problem = checkColumns(report, item.columns, item.line);
      if (problem) {
        yield { type: 'fatal', problem };
        return;
      }
      // Other reports with an Open Balance column (Invoice List, Transaction List) may be filtered
      // by date: an invoice missing from them is not known to be paid. An "As of" date marks a
      // point-in-time report of what is open.
      if (report.kind !== undefined || report.asOf !== undefined) {
        openAsOf = report.asOf ?? context.today;
        yield { type: 'open-report', asOf: openAsOf };
      }
    } else {
      yield* readRow(item.row, groups, { context, dateFormat, paidOn: openAsOf });
    }
  }
}

/** Notes the report's title and date; a date line that cannot be read stops the import. */
function readPreamble(report: Report, record: CsvRecord, dateFormat: string): RowProblem | undefined {
  const text = record.fields.find((field) => field.trim() !== '')?.trim() ?? '';
  if (openInvoicesTitle.test(text)) report.kind = 'open-invoices';
  else if (agingDetailTitle.test(text)) report.kind = 'aging-detail';
  const asOf = /^as of\s+(.+)$/i.exec(text)?.[1];
  if (asOf === undefined) return undefined;
  const parsed = parseDateIn(asOf, ['MMM D, YYYY', 'D MMM YYYY', dateFormat]);
  if (parsed.ok) {
    report.asOf = parsed.value;
    return undefined;
  }
  return { line: record.line, column: null, value: text, message: `is not a report date; export the report again with its date line, e.g. "As of November 23, 2026"` };
}

function checkColumns(report: Report, columns: RowParser<QuickBooksColumn>['columns'], line: number): RowProblem | undefined {
  if (report.kind === 'aging-detail' && !columns.has('customer')) {
    const customize = 'in QuickBooks, Customize the report → Rows/Columns, tick it, and export again';
    return { line, column: null, value: null, message: `the A/R Aging Detail report has no Customer column, and its groups are aging buckets, not customers; ${customize}` };
  }
  return undefined;
}

function* readRow(
  row: RowParser<QuickBooksColumn>,
  groups: string[],
  options: { context: ReaderContext; dateFormat: string; paidOn: IsoDate | null },
): Iterable<ReaderEvent<InvoiceRecord>> {
  // A cell the database cannot store (a NUL) leaves out the row, and a customer line with one its customer.
  if (!row.ok) {
    yield* problemEvents(row.problems);
    return;
  }
  const type = row.raw('type');
  if (type === undefined) {
    const cells = row.fields.map((field) => field.trim()).filter((field) => field !== '');
    const label = cells[0] ?? '';
    const subtotalOf = /^total for (.+)$/i.exec(label)?.[1];
    if (subtotalOf !== undefined || /^total$/i.test(label)) {
      if (subtotalOf !== undefined) closeGroup(groups, subtotalOf);
      yield { type: 'skipped', line: row.line, reason: subtotalOf === undefined ? 'grand total' : `subtotal for ${subtotalOf}` };
    } else if (cells.length === 1) {
      // A customer (or aging bucket) heading; the footer's basis-and-time line lands here too, harmlessly.
      groups.push(label);
      if (groups.length > maxGroupDepth) groups.shift();
    } else {
      row.problem('type', '', 'is empty; each transaction row needs its Transaction Type (export the report again)');
      yield* problemEvents(row.problems);
    }
    return;
  }
  if (type.toLowerCase() !== 'invoice') {
    yield { type: 'skipped', line: row.line, reason: `${type}, not an invoice` };
    return;
  }
  const record = readInvoice(row, groups, options);
  if (record.totalKnown === false && record.total === 0n && row.ok) {
    // Nothing open, and without the Amount column nothing else is known of it.
    yield { type: 'skipped', line: row.line, reason: `${record.number}: nothing open, and no Amount column to give its total` };
    return;
  }
  yield* rowEvents(row, { type: 'record', record });
}

/** A "Total for X" line ends group X and any group opened inside it. */
function closeGroup(groups: string[], name: string): void {
  const index = groups.lastIndexOf(name);
  groups.splice(index >= 0 ? index : groups.length - 1);
}

function readInvoice(
  row: RowParser<QuickBooksColumn>,
  groups: string[],
  { context, dateFormat, paidOn }: { context: ReaderContext; dateFormat: string; paidOn: IsoDate | null },
): InvoiceRecord {
  const heading = groups.at(-1);
  const customer = row.text('customer') ?? (heading !== undefined && !agingBucket.test(heading) ? heading : undefined);
  if (customer !== undefined && customer.length > textLimits.externalId) {
    row.problem(row.columns.has('customer') ? 'customer' : null, customer, tooLongMessage(customer.length, textLimits.externalId, 'has a customer name'));
  } else if (customer === undefined) {
    row.problem(row.columns.has('customer') ? 'customer' : null, '', 'has no customer: the row is under no customer line and has no Customer column; export the report grouped by customer, or with the Customer column');
  }
  const number = row.text('number', true);
  const issueDate = row.date('date', dateFormat, true);
  const dueDate = row.date('dueDate', dateFormat, true);
  if (issueDate && dueDate && dueDate < issueDate) row.problem('dueDate', row.raw('dueDate'), `is before the invoice Date ${issueDate}; check the two dates`);
  const currency = row.currency('currency', context.currency);
  const { total, balance, totalKnown } = readAmounts(row, currency, context.currency);
  const record: InvoiceRecord = {
    line: row.line,
    customer: { externalId: customer ?? '', name: customer ?? '' },
    number,
    externalId: null,
    issueDate,
    dueDate,
    currency,
    total: total ?? 0n,
    paid: total !== undefined && balance !== undefined ? total - balance : 0n,
    paidOn,
    terms: row.text('terms') ?? null,
    status: 'open',
  };
  // Without an Amount column the open balance is what is owed and the original total is unknown:
  // it is not invented, and nothing is recorded as paid (total holds the balance; paid is 0).
  return totalKnown ? record : { ...record, total: balance ?? 0n, totalKnown: false, paid: 0n };
}

/**
 * Amount and open balance in the invoice's currency: the foreign columns when the company has
 * several. A report without an Amount column gives the open balance alone (totalKnown false).
 */
function readAmounts(row: RowParser<QuickBooksColumn>, currency: string, homeCurrency: string): { total?: bigint; balance?: bigint; totalKnown: boolean } {
  const foreign = row.raw('foreignAmount') !== undefined || row.raw('foreignOpenBalance') !== undefined;
  const totalColumn = foreign ? 'foreignAmount' : 'amount';
  const balanceColumn = foreign ? 'foreignOpenBalance' : 'openBalance';
  const totalKnown = row.columns.has(totalColumn);
  if (!foreign && currency !== homeCurrency && currency !== '') {
    const column = totalKnown ? 'amount' : 'openBalance';
    row.problem(column, row.raw(column), `is in the home currency ${homeCurrency}, but the invoice is in ${currency}; add the Foreign Amount and Foreign Open Balance columns to the report and export again`);
    return { totalKnown };
  }
  const balance = row.amount(balanceColumn, currency, { required: true, negativeHint: 'an overpaid invoice has an open balance of 0' });
  if (!totalKnown) return { balance, totalKnown };
  const total = row.amount(totalColumn, currency, { required: true, negativeHint: 'a credit is a Credit Memo, not a negative invoice' });
  if (total !== undefined && balance !== undefined && balance > total) {
    row.problem(balanceColumn, row.raw(balanceColumn), `is more than the invoice's ${row.columns.header(totalColumn)} (${row.raw(totalColumn)}); correct one of the two`);
  }
  return { total, balance, totalKnown };
}
