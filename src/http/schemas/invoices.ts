// The invoice contract. Balance = total + charged − allocated, kept by the ledger; a client never
// sets it, it records payments, credit notes and charges instead.
import { z } from '@hono/zod-openapi';
import type { Charge as ChargeRow, Allocation as AllocationRow } from '../../db/queries/invoices.ts';
import type { Invoice as InvoiceRow } from '../../db/schema.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { Allocation, toAllocation } from './allocations.ts';
import { Amount, AmountInput, Currency, Id, IdInput, IsoDate, Text, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

const Status = z.enum(['open', 'paid', 'void', 'written_off']);

export const Invoice = z
  .object({
    id: Id,
    customerId: Id,
    number: z.string(),
    externalId: z.string().nullable(),
    issueDate: IsoDate,
    dueDate: IsoDate,
    currency: z.string(),
    total: Amount,
    charged: Amount.openapi({ description: 'fees, interest and compensation added (minor units)' }),
    allocated: Amount.openapi({ description: 'paid or credited (minor units): openingPaid plus the allocations' }),
    openingPaid: Amount.openapi({
      description: 'already paid in the accounting system when the invoice was first imported (minor units); it has no allocation of its own',
    }),
    openingPaidOn: IsoDate.nullable().openapi({ description: 'when openingPaid was paid (as the export said, else the import date)' }),
    balance: Amount.openapi({ description: 'total + charged − allocated (minor units)' }),
    status: Status,
    paidOn: IsoDate.nullable(),
    terms: z.string().nullable(),
    source: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Invoice');

export const Charge = z
  .object({
    id: Id,
    kind: z.enum(['fee', 'interest', 'compensation']),
    amount: Amount,
    chargedOn: IsoDate,
    calculation: z.record(z.string(), z.unknown()).openapi({ description: 'how the amount was worked out' }),
    createdAt: Timestamp,
  })
  .openapi('Charge');

export const InvoiceDetail = Invoice.extend({
  allocations: z.array(Allocation),
  charges: z.array(Charge),
}).openapi('InvoiceDetail');

export const CreateInvoice = z
  .strictObject({
    customerId: IdInput,
    number: Text(textLimits.documentNumber).openapi({ description: 'unique in the organisation' }),
    externalId: Text(textLimits.externalId).nullable().optional(),
    issueDate: IsoDate,
    dueDate: IsoDate.openapi({ description: 'on or after issueDate' }),
    currency: Currency.optional().openapi({ description: 'defaults to the customer’s currency' }),
    total: AmountInput.refine((n) => n >= 0n, 'must be zero or more'),
    terms: Text(textLimits.terms).nullable().optional().openapi({ description: 'the terms and conditions sent with the invoice' }),
  })
  .openapi('CreateInvoice');

export const UpdateInvoice = z
  .strictObject({
    // A write-off needs a reason code and an owner, and can be reversed: it has its own endpoint,
    // so this one says where to go rather than writing off without either.
    status: z
      .enum(['void', 'written_off'])
      .refine((status) => status === 'void', 'an invoice is written off with POST /api/v1/write-offs (a reason code, owners only, reversible); this only voids')
      .optional()
      .openapi({ description: '`void`, only while the invoice is open (write-offs: POST /api/v1/write-offs)' }),
    terms: Text(textLimits.terms).nullable().optional(),
  })
  .openapi('UpdateInvoice');

export const InvoiceListQuery = PageQuery.extend({
  customerId: IdInput.optional(),
  status: Status.optional(),
  dueBefore: IsoDate.optional().openapi({ description: 'due strictly before this date' }),
  dueAfter: IsoDate.optional().openapi({ description: 'due strictly after this date' }),
  currency: Currency.optional(),
});

export const InvoicePage = pageOf(Invoice, 'InvoicePage');

export function toInvoice(row: InvoiceRow): z.input<typeof Invoice> {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    number: row.number,
    externalId: row.external_id,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    currency: row.currency,
    total: row.total,
    charged: row.charged,
    allocated: row.allocated,
    openingPaid: row.opening_paid,
    openingPaidOn: row.opening_paid_on,
    balance: row.balance,
    status: row.status,
    paidOn: row.paid_on,
    terms: row.terms,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toInvoiceDetail(row: InvoiceRow, ledger: { allocations: AllocationRow[]; charges: ChargeRow[] }): z.input<typeof InvoiceDetail> {
  return {
    ...toInvoice(row),
    allocations: ledger.allocations.map(toAllocation),
    charges: ledger.charges.map((charge) => ({
      id: String(charge.id),
      kind: charge.kind,
      amount: charge.amount,
      chargedOn: charge.charged_on,
      calculation: charge.calculation,
      createdAt: charge.created_at,
    })),
  };
}
