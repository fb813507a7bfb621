// The generic CSV format: one row per invoice, customer or payment, headers matched by synonym.
import { createHash } from 'node:crypto';
import type { HeaderSpec } from '../header.ts';
import type { CsvRecord, CustomerRecord, InvoiceRecord, PaymentRecord, ReaderContext, ReaderEvent } from '../types.ts';
import { customerSynonyms, readCustomer, type CustomerColumn } from './customer-columns.ts';
import { invoiceStatus } from './invoice-status.ts';
import { readTable } from './table.ts';

const isoDates = 'YYYY-MM-DD';

const invoiceSynonyms = {
  number: ['invoice number', 'invoice no', 'invoice num', 'invoice', 'inv number', 'inv no', 'number', 'num', 'document number'],
  externalId: ['invoice id', 'invoice external id', 'external id', 'id'],
  issueDate: ['invoice date', 'issue date', 'date issued', 'issued', 'issued on', 'date'],
  dueDate: ['due date', 'date due', 'payment due', 'due', 'due on'],
  currency: ['currency', 'currency code', 'ccy'],
  total: ['total', 'amount', 'invoice total', 'invoice amount', 'total amount', 'gross', 'gross amount'],
  paid: ['amount paid', 'paid', 'paid amount', 'payments', 'paid to date'],
  balance: ['balance', 'amount due', 'balance due', 'open balance', 'outstanding', 'amount outstanding', 'due amount'],
  paidOn: ['paid date', 'date paid', 'paid on', 'fully paid on', 'payment date'],
  status: ['status', 'invoice status', 'state'],
  terms: ['terms', 'payment terms'],
} as const;

const invoiceSpec: HeaderSpec<CustomerColumn | keyof typeof invoiceSynonyms> = {
  format: 'generic',
  synonyms: { ...invoiceSynonyms, ...customerSynonyms },
  required: [['customerId', 'customerName'], ['number'], ['issueDate'], ['dueDate'], ['total']],
};

export function readGenericInvoices(records: AsyncIterable<CsvRecord>, context: ReaderContext): AsyncIterable<ReaderEvent<InvoiceRecord>> {
  const dateFormat = context.dateFormat ?? isoDates;
  return readTable(records, invoiceSpec, (row) => {
    const statusText = row.text('status');
    const status = statusText === undefined ? 'open' : invoiceStatus(statusText);
    if (status === undefined) row.problem('status', statusText, 'is not an invoice status; write open, paid, void, written off or draft');
    if (status === 'draft') return { type: 'skipped', line: row.line, reason: 'draft invoice (not owed yet)' };
    const customer = readCustomer(row, dateFormat);
    const currency = row.currency('currency', customer?.currency ?? context.currency);
    const number = row.text('number', true);
    const issueDate = row.date('issueDate', dateFormat, true);
    const dueDate = row.date('dueDate', dateFormat, true);
    const total = row.amount('total', currency, { required: true, negativeHint: 'record credits with a credit note, not a negative invoice' });
    const paidColumn = row.amount('paid', currency);
    const balance = row.amount('balance', currency, { allowNegative: false, negativeHint: 'an overpaid invoice has a balance of 0' });
    const paidOn = row.date('paidOn', dateFormat);
    if (issueDate && dueDate && dueDate < issueDate) row.problem('dueDate', row.raw('dueDate'), `is before the invoice date ${issueDate}; check the two dates`);
    let paid = paidColumn ?? (total !== undefined && balance !== undefined ? total - balance : undefined);
    if (total !== undefined && paidColumn !== undefined && balance !== undefined && paidColumn + balance !== total) {
      row.problem('balance', row.raw('balance'), `plus the amount paid (${row.raw('paid')}) does not equal the total (${row.raw('total')}); correct one of the three`);
    }
    if (total !== undefined && paid !== undefined && (paid > total || paid < 0n)) {
      row.problem(paidColumn !== undefined ? 'paid' : 'balance', row.raw(paidColumn !== undefined ? 'paid' : 'balance'), 'is more than the invoice total; correct the amount');
    }
    if (paid === undefined) paid = status === 'paid' ? (total ?? 0n) : 0n;
    const record: InvoiceRecord = {
      line: row.line,
      customer: customer!,
      number,
      externalId: row.text('externalId') ?? null,
      issueDate,
      dueDate,
      currency,
      total: total ?? 0n,
      paid,
      paidOn: paidOn ?? null,
      terms: row.text('terms') ?? null,
      status: status === undefined ? 'open' : status,
    };
    return { type: 'record', record };
  });
}

const customerSpec: HeaderSpec<CustomerColumn | 'currency' | 'creditLimit'> = {
  format: 'generic',
  synonyms: {
    ...customerSynonyms,
    currency: ['currency', 'currency code', 'ccy'],
    creditLimit: ['credit limit', 'limit'],
  },
  required: [['customerId', 'customerName']],
};

export function readGenericCustomers(records: AsyncIterable<CsvRecord>, context: ReaderContext): AsyncIterable<ReaderEvent<CustomerRecord>> {
  const dateFormat = context.dateFormat ?? isoDates;
  return readTable(records, customerSpec, (row) => {
    const customer = readCustomer(row, dateFormat);
    const currency = row.currency('currency', context.currency);
    const creditLimit = row.amount('creditLimit', currency);
    return { type: 'record', record: { line: row.line, customer: { ...customer!, currency, creditLimit } } };
  });
}

const paymentSpec: HeaderSpec<'paymentId' | 'customerId' | 'customerName' | 'date' | 'amount' | 'currency' | 'invoiceNumber' | 'method' | 'reference'> = {
  format: 'generic',
  synonyms: {
    paymentId: ['payment id', 'payment number', 'payment no', 'transaction id', 'receipt number', 'id'],
    customerId: customerSynonyms.customerId,
    customerName: customerSynonyms.customerName,
    date: ['payment date', 'date', 'received', 'received on', 'date received', 'paid on', 'paid date'],
    amount: ['amount', 'payment amount', 'amount paid', 'paid', 'total'],
    currency: ['currency', 'currency code', 'ccy'],
    invoiceNumber: ['invoice number', 'invoice no', 'invoice', 'applied to', 'invoice num'],
    method: ['method', 'payment method', 'type'],
    reference: ['reference', 'ref', 'memo', 'description'],
  },
  required: [['customerId', 'customerName', 'invoiceNumber'], ['date'], ['amount']],
};

export function readGenericPayments(records: AsyncIterable<CsvRecord>, context: ReaderContext): AsyncIterable<ReaderEvent<PaymentRecord>> {
  const dateFormat = context.dateFormat ?? isoDates;
  return readTable(records, paymentSpec, (row) => {
    const customerId = row.text('customerId');
    const customerName = row.text('customerName');
    const invoiceNumber = row.text('invoiceNumber') ?? null;
    if (customerId === undefined && customerName === undefined && invoiceNumber === null) {
      row.problem('customerName', '', 'is empty; a payment needs the customer or the invoice it pays');
    }
    const currency = row.currency('currency', context.currency);
    const receivedOn = row.date('date', dateFormat, true);
    const amount = row.amount('amount', currency, { required: true, negativeHint: 'a refund is not a payment; leave it out' });
    if (amount === 0n) row.problem('amount', row.raw('amount'), 'is zero; leave the row out');
    const reference = row.text('reference') ?? null;
    const customerKey = customerId ?? customerName;
    // Without a payment id, the row's content is its identity, so re-importing the file adds nothing.
    const externalId =
      row.text('paymentId') ??
      `row:${createHash('sha256').update([customerKey, receivedOn, amount, currency, invoiceNumber, reference].join('|')).digest('hex').slice(0, 24)}`;
    const record: PaymentRecord = {
      line: row.line,
      customer: customerKey === undefined ? null : { externalId: customerKey, name: customerName ?? customerKey },
      externalId,
      receivedOn,
      amount: amount ?? 0n,
      currency,
      invoiceNumber,
      method: row.text('method') ?? null,
      reference,
    };
    return { type: 'record', record };
  });
}
