// Xero's sales-invoice export (Business → Invoices → Export): one row per line item, the
// invoice's own data (contact, dates, total, amounts paid and due, status) repeated on each.
// Xero writes an invoice's lines together, so consecutive rows with one InvoiceNumber are read
// as one invoice and emitted when the number changes: memory stays bounded by one invoice, not
// the file. A number seen again later is emitted again; the pipeline's duplicate check collapses
// identical repeats and reports contradictions.
//
// The export writes statuses and types as Xero's screens show them (Awaiting Payment, Sales
// credit note), its import template as API codes (AUTHORISED, ACCRECCREDIT): both are read. Sales
// credit notes and overpayments in the same file are credit the customer holds: they are read as
// such (a credit note, a payment on account) with what Xero has already applied of them.
import { toDecimalString } from '../../../domain/money.ts';
import type { HeaderSpec } from '../header.ts';
import type { RowParser } from '../row-parser.ts';
import type { CsvRecord, CustomerFields, InvoiceDocument, InvoiceRecord, ReaderContext, ReaderEvent, RowProblem } from '../types.ts';
import { invoiceStatus } from './invoice-status.ts';
import { problemEvents, readDate, readTableRows } from './table.ts';
/** Xero writes dates in the organisation's (day-first) locale, e.g. 05/11/2026 or 5 Nov 2026. */
const xeroDateFormats = ['DD/MM/YYYY', 'D MMM YYYY'] as const;

// Header names exactly as Xero writes them (normalised, so "*InvoiceNumber" matches too).
const xeroSynonyms = {
  contactName: ['ContactName'],
  email: ['EmailAddress'],
  poLine1: ['POAddressLine1'],
  poLine2: ['POAddressLine2'],
  poLine3: ['POAddressLine3'],
  poLine4: ['POAddressLine4'],
  poCity: ['POCity'],
  poRegion: ['PORegion'],
  poPostalCode: ['POPostalCode'],
  poCountry: ['POCountry'],
  saLine1: ['SAAddressLine1'],
  saLine2: ['SAAddressLine2'],
  saLine3: ['SAAddressLine3'],
  saLine4: ['SAAddressLine4'],
  saCity: ['SACity'],
  saRegion: ['SARegion'],
  saPostalCode: ['SAPostalCode'],
  saCountry: ['SACountry'],
  number: ['InvoiceNumber'],
  documentReference: ['Reference'],
  issueDate: ['InvoiceDate'],
  dueDate: ['DueDate'],
  total: ['Total'],
  amountPaid: ['InvoiceAmountPaid'],
  amountDue: ['InvoiceAmountDue'],
  lineAmount: ['LineAmount'],
  taxAmount: ['TaxAmount'],
  currency: ['Currency'],
  type: ['Type'],
  status: ['Status'],
} as const;

type XeroColumn = keyof typeof xeroSynonyms;

const xeroSpec: HeaderSpec<XeroColumn> = {
  format: 'xero',
  synonyms: xeroSynonyms,
  // Without a Total column the total is the sum of the lines.
  required: [['contactName'], ['number'], ['issueDate'], ['dueDate'], ['total', 'lineAmount']],
};

/** The invoice's own data, repeated on each of its lines: every line must agree on it. */
const invoiceColumns: readonly XeroColumn[] = ['contactName', 'email', 'issueDate', 'dueDate', 'currency', 'total', 'amountPaid', 'amountDue', 'type', 'status'];

const addressColumns = {
  po: ['poLine1', 'poLine2', 'poLine3', 'poLine4', 'poCity', 'poRegion', 'poPostalCode', 'poCountry'],
  sa: ['saLine1', 'saLine2', 'saLine3', 'saLine4', 'saCity', 'saRegion', 'saPostalCode', 'saCountry'],
} as const satisfies Record<string, readonly XeroColumn[]>;

/** Xero's Type column: its API codes, or the words its export writes. */
function documentForType(type: string | undefined): { document: InvoiceDocument } | { skip: string } | undefined {
  const key = (type ?? 'accrec').toLowerCase().replace(/[^a-z]/g, '');
  if (['accrec', 'salesinvoice', 'invoice'].includes(key)) return { document: 'invoice' };
  if (['accreccredit', 'salescreditnote', 'creditnote'].includes(key)) return { document: 'credit_note' };
  if (['salesoverpayment', 'overpayment', 'receiveoverpayment'].includes(key)) return { document: 'overpayment' };
  if (['accpay', 'accpaycredit', 'bill', 'purchasebill', 'billcreditnote', 'purchasecreditnote', 'purchaseoverpayment'].includes(key)) {
    return { skip: 'bill (money the business owes, not money owed to it)' };
  }
  return undefined;
}

const documentNames: Record<InvoiceDocument, string> = { invoice: 'invoice', credit_note: 'credit note', overpayment: 'overpayment' };

/** One invoice being read: its first line (whose cells are the invoice's data) and what the later lines add. */
interface PendingInvoice {
  number: string;
  document: InvoiceDocument;
  first: RowParser<XeroColumn>;
  lines: number;
  /** Why the document is not imported (a draft, a bill, a voided credit note), else null. */
  skip: string | null;
  /** Read from the first line; undefined when skipped or unreadable. */
  data: Omit<InvoiceRecord, 'total' | 'paid'> | undefined;
  total: bigint | undefined;
  amountDue: bigint | undefined;
  amountPaid: bigint | undefined;
  /** Sum of LineAmount + TaxAmount, for exports without a Total column. */
  lineSum: bigint;
  /** Problems of the later lines (the first line keeps its own). */
  laterProblems: RowProblem[];
}

export async function* readXeroInvoices(records: AsyncIterable<CsvRecord>, context: ReaderContext): AsyncIterable<ReaderEvent<InvoiceRecord>> {
  const dateFormats = context.dateFormat === undefined ? xeroDateFormats : [context.dateFormat];
  let pending: PendingInvoice | undefined;
  for await (const item of readTableRows(records, xeroSpec)) {
    if (item.type === 'fatal') yield item;
    if (item.type !== 'row') continue;
    const row = item.row;
    const number = row.raw('number') ?? overpaymentKey(row);
    if (pending && number === pending.number) {
      addLine(pending, row);
      continue;
    }
    if (pending) yield* finish(pending);
    pending = undefined;
    if (number === undefined) {
      row.text('number', true);
      yield* problemEvents(row.problems);
      continue;
    }
    pending = startInvoice(row, number, context, dateFormats);
  }
  if (pending) yield* finish(pending);
}

/**
 * Xero numbers invoices and credit notes but may leave an overpayment's number empty: it is then
 * known by its contact, date and amount (stable from one export to the next).
 */
function overpaymentKey(row: RowParser<XeroColumn>): string | undefined {
  const type = documentForType(row.raw('type'));
  if (type === undefined || !('document' in type) || type.document !== 'overpayment') return undefined;
  return `overpayment ${row.raw('contactName') ?? ''} ${row.raw('issueDate') ?? ''} ${row.raw('total') ?? row.raw('lineAmount') ?? ''}`;
}

function startInvoice(row: RowParser<XeroColumn>, number: string, context: ReaderContext, dateFormats: readonly string[]): PendingInvoice {
  const pending: PendingInvoice = {
    number,
    document: 'invoice',
    first: row,
    lines: 0,
    skip: null,
    data: undefined,
    total: undefined,
    amountDue: undefined,
    amountPaid: undefined,
    lineSum: 0n,
    laterProblems: [],
  };
  const typeText = row.text('type');
  const type = documentForType(typeText);
  if (type === undefined) {
    row.problem('type', typeText, 'is not a Xero invoice type; expected Sales invoice, Sales credit note or Sales overpayment (or the codes ACCREC, ACCRECCREDIT), or a bill (ACCPAY)');
  } else if ('document' in type) {
    pending.document = type.document;
  }
  const statusText = row.text('status');
  const status = statusText === undefined ? 'open' : invoiceStatus(statusText);
  if (status === undefined) row.problem('status', statusText, 'is not a Xero invoice status; expected Draft, Awaiting Approval, Awaiting Payment, Paid, Voided or Deleted (or the codes DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED)');
  const name = documentNames[pending.document];
  if (type !== undefined && 'skip' in type) pending.skip = type.skip;
  else if (status === 'draft') pending.skip = `${statusText} ${name} (not approved, so not owed yet)`;
  // A voided credit note or overpayment gives the customer no credit; a void invoice is kept as void.
  else if (status === 'void' && pending.document !== 'invoice') pending.skip = `${statusText} ${name} (no credit left to the customer)`;
  // As in the generic format, rows that are not imported are not checked cell by cell.
  if (pending.skip === null && type !== undefined && status !== undefined && status !== 'draft') {
    pending.data = readInvoiceData(pending, row, number, status, context, dateFormats);
  }
  addLine(pending, row);
  return pending;
}

function readInvoiceData(
  pending: PendingInvoice,
  row: RowParser<XeroColumn>,
  number: string,
  status: InvoiceRecord['status'],
  context: ReaderContext,
  dateFormats: readonly string[],
): PendingInvoice['data'] {
  const customer = readContact(row);
  const currency = row.currency('currency', context.currency);
  const credit = pending.document !== 'invoice';
  const issueDate = readDate(row, 'issueDate', dateFormats, true);
  // Credit has no due date of its own (Xero leaves an overpayment's empty).
  const dueDate = credit ? (readDate(row, 'dueDate', dateFormats) ?? issueDate) : readDate(row, 'dueDate', dateFormats, true);
  if (issueDate && dueDate && dueDate < issueDate) row.problem('dueDate', row.raw('dueDate'), `is before the InvoiceDate ${issueDate}; check the two dates`);
  // Credit is a credit by its Type: some exports write its amounts negative, some positive.
  const amount = (column: XeroColumn, options: { required?: boolean; negativeHint: string }) => {
    const value = row.amount(column, currency, { ...options, allowNegative: credit });
    return value !== undefined && value < 0n ? -value : value;
  };
  if (row.columns.has('total')) {
    pending.total = amount('total', { required: true, negativeHint: 'a credit is a credit note (Sales credit note), not a negative invoice' });
  }
  pending.amountDue = amount('amountDue', { negativeHint: 'an overpaid invoice has an InvoiceAmountDue of 0' });
  pending.amountPaid = amount('amountPaid', { negativeHint: 'write the amount paid as a positive number' });
  return {
    line: row.line,
    document: pending.document,
    customer: customer!,
    number,
    externalId: null,
    issueDate,
    dueDate,
    currency,
    // Xero's export has no payment dates: the payment is dated the day it is imported.
    paidOn: null,
    terms: null,
    status,
    // Xero's export has no column for the invoice a credit note is for; its Reference is where people write it.
    appliesTo: pending.document === 'credit_note' ? (row.text('documentReference') ?? null) : null,
  };
}

/** Counts a line of the invoice; a later line must repeat the first line's invoice data. */
function addLine(pending: PendingInvoice, row: RowParser<XeroColumn>): void {
  pending.lines += 1;
  if (row !== pending.first) {
    for (const column of invoiceColumns) {
      const value = row.raw(column);
      const expected = pending.first.raw(column);
      if (value === expected) continue;
      const header = row.columns.header(column).replace(/^\*/, '');
      row.problem(
        column,
        value ?? '',
        `differs from line ${pending.first.line} (${expected === undefined ? 'empty' : `"${expected}"`}), where invoice ${pending.number} starts; every line of an invoice must carry the same ${header} — correct the export, or give the lines their own invoice numbers`,
      );
    }
  }
  if (pending.data && !row.columns.has('total')) {
    const currency = pending.data.currency;
    const amounts = [row.amount('lineAmount', currency, { allowNegative: true }), row.amount('taxAmount', currency, { allowNegative: true })];
    const lineTotal = amounts.reduce<bigint>((sum, amount) => sum + (amount ?? 0n), 0n);
    // A credit's lines may be written negative (see readInvoiceData): its total is what it credits.
    pending.lineSum += pending.document === 'invoice' ? lineTotal : lineTotal < 0n ? -lineTotal : lineTotal;
  }
  if (row !== pending.first) pending.laterProblems.push(...row.problems);
}

function* finish(pending: PendingInvoice): Iterable<ReaderEvent<InvoiceRecord>> {
  const record = pending.data && invoiceRecord(pending, pending.data);
  const problems = [...pending.first.problems, ...pending.laterProblems];
  if (problems.length > 0) {
    // A line with a problem leaves its whole invoice out: the other lines alone would be a wrong invoice.
    yield* problemEvents(problems);
  } else if (pending.skip !== null) {
    yield { type: 'skipped', line: pending.first.line, reason: `${pending.number}: ${pending.skip}`, rows: pending.lines };
  } else if (record) {
    yield { type: 'record', record, rows: pending.lines };
  }
}

/** The total and what has been paid, once all lines are in; problems go on the first line. */
function invoiceRecord(pending: PendingInvoice, data: Omit<InvoiceRecord, 'total' | 'paid'>): InvoiceRecord | undefined {
  const row = pending.first;
  const total = row.columns.has('total') ? pending.total : pending.lineSum;
  // An unreadable Total is already a problem; comparing amounts with it would only add noise.
  if (total === undefined) return undefined;
  const shownTotal = row.raw('total') ?? toDecimalString(total, data.currency);
  if (total === 0n && data.document !== 'invoice') {
    row.problem(row.columns.has('total') ? 'total' : 'lineAmount', row.raw('total') ?? row.raw('lineAmount'), `is zero; a ${documentNames[data.document!]} credits some amount — correct the export`);
  }
  if (total < 0n) row.problem('lineAmount', row.raw('lineAmount'), `makes the invoice total negative (${shownTotal}); a credit is a credit note, not an invoice`);
  let paid: bigint;
  if (data.status === 'void') {
    // Xero shows a voided invoice as nothing due; nothing was paid either.
    paid = 0n;
  } else if (pending.amountDue !== undefined) {
    if (pending.amountDue > total) row.problem('amountDue', row.raw('amountDue'), `is more than the invoice Total (${shownTotal}); correct one of the two`);
    // Due = total − paid − credited: both reduce what is owed.
    paid = total - pending.amountDue;
  } else if (pending.amountPaid !== undefined) {
    if (pending.amountPaid > total) row.problem('amountPaid', row.raw('amountPaid'), `is more than the invoice Total (${shownTotal}); correct one of the two`);
    paid = pending.amountPaid;
  } else {
    paid = data.status === 'paid' ? total : 0n;
  }
  return { ...data, total, paid };
}

/** The contact of a row, keyed by its name (unique in Xero); the postal address, else the street address. */
function readContact(row: RowParser<XeroColumn>): CustomerFields | undefined {
  const name = row.text('contactName', true);
  if (name === undefined) return undefined;
  const useSa = addressColumns.po.every((column) => row.raw(column) === undefined);
  const [line1, line2, line3, line4, city, region, postalCode, country] = addressColumns[useSa ? 'sa' : 'po'];
  // Arrears keeps three address lines; Xero's fourth joins the third.
  const line34 = [row.text(line3), row.text(line4)].filter((part) => part !== undefined).join(', ');
  return {
    externalId: name,
    name,
    email: row.email('email'),
    addressLine1: row.text(line1),
    addressLine2: row.text(line2),
    addressLine3: line34 === '' ? undefined : line34,
    city: row.text(city),
    region: row.text(region),
    postalCode: row.text(postalCode),
    country: row.country(country),
  };
}
