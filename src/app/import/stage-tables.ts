// The stage tables of the three imports: each file's rows land in one (see staging.ts), named here
// once; the merges read them by these names. Customer and invoice files are written a chunk of
// whole customers at a time (groupKey); a payment file in one transaction (a payment may be
// allocated across the customer's invoices by name or number, resolved over the whole file).
import type { StageTable } from './staging.ts';
import type { CustomerFields, CustomerRecord, InvoiceRecord, PaymentRecord } from './types.ts';

function customerStageColumns<Row>(customer: (row: Row) => CustomerFields): StageTable<Row>['columns'] {
  return [
    ['customer_key', 'text', (r) => customer(r).externalId],
    ['customer_name', 'text', (r) => customer(r).name],
    ['kind', 'text', (r) => customer(r).kind],
    ['email', 'text', (r) => customer(r).email],
    ['phone', 'text', (r) => customer(r).phone],
    ['address_line1', 'text', (r) => customer(r).addressLine1],
    ['address_line2', 'text', (r) => customer(r).addressLine2],
    ['address_line3', 'text', (r) => customer(r).addressLine3],
    ['city', 'text', (r) => customer(r).city],
    ['region', 'text', (r) => customer(r).region],
    ['postal_code', 'text', (r) => customer(r).postalCode],
    ['country', 'text', (r) => customer(r).country],
    ['time_zone', 'text', (r) => customer(r).timeZone],
    ['language', 'text', (r) => customer(r).language],
    ['customer_currency', 'text', (r) => customer(r).currency],
    ['customer_since', 'date', (r) => customer(r).customerSince],
    // JSON text: array_agg of text[] would build a 2-D array, and [1] of that is null
    ['tags', 'text', (r) => { const tags = customer(r).tags; return tags && JSON.stringify(tags); }],
    ['credit_limit', 'bigint', (r) => customer(r).creditLimit],
  ];
}

export const customerStage: StageTable<CustomerRecord> = {
  name: 'stage_customers',
  groupKey: (r) => r.customer.externalId,
  uniqueKey: (r) => r.customer.externalId,
  columns: [['line', 'integer', (r) => r.line], ...customerStageColumns<CustomerRecord>((r) => r.customer)],
};

export const invoiceStage: StageTable<InvoiceRecord> = {
  name: 'stage_invoices',
  // a customer's invoices and credit are merged with the customer (credit goes to an invoice of the same customer)
  groupKey: (r) => r.customer.externalId,
  uniqueKey: (r) => r.number,
  columns: [
    ['line', 'integer', (r) => r.line],
    ['document', 'text', (r) => r.document ?? 'invoice'],
    ...customerStageColumns<InvoiceRecord>((r) => r.customer),
    ['number', 'text', (r) => r.number],
    ['external_id', 'text', (r) => r.externalId],
    ['issue_date', 'date', (r) => r.issueDate],
    ['due_date', 'date', (r) => r.dueDate],
    ['currency', 'text', (r) => r.currency],
    ['total', 'bigint', (r) => r.total],
    ['total_known', 'boolean', (r) => r.totalKnown ?? true],
    ['paid', 'bigint', (r) => r.paid],
    ['paid_on', 'date', (r) => r.paidOn],
    ['terms', 'text', (r) => r.terms],
    ['status', 'text', (r) => r.status],
    ['applies_to', 'text', (r) => r.appliesTo],
  ],
};

export const paymentStage: StageTable<PaymentRecord> = {
  name: 'stage_payments',
  columns: [
    ['line', 'integer', (r) => r.line],
    ['customer_key', 'text', (r) => r.customer?.externalId],
    ['external_id', 'text', (r) => r.externalId],
    ['received_on', 'date', (r) => r.receivedOn],
    ['amount', 'bigint', (r) => r.amount],
    ['currency', 'text', (r) => r.currency],
    ['invoice_number', 'text', (r) => r.invoiceNumber],
    ['method', 'text', (r) => r.method],
    ['reference', 'text', (r) => r.reference],
  ],
};
