// The payment contract: money received from a customer, and where it was allocated.
import { z } from '@hono/zod-openapi';
import type { Allocation as AllocationRow } from '../../db/queries/invoices.ts';
import type { Payment as PaymentRow } from '../../db/schema.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { Allocation, AllocationInputs, toAllocation } from './allocations.ts';
import { Amount, AmountInput, Currency, Id, IdInput, IsoDate, Text, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const Payment = z
  .object({
    id: Id,
    customerId: Id,
    externalId: z.string().nullable(),
    receivedOn: IsoDate,
    amount: Amount,
    currency: z.string(),
    allocated: Amount,
    unallocated: Amount.openapi({ description: 'amount − allocated: money not yet on any invoice' }),
    method: z.string().nullable(),
    reference: z.string().nullable(),
    source: z.string(),
    createdAt: Timestamp,
  })
  .openapi('Payment');

export const PaymentDetail = Payment.extend({ allocations: z.array(Allocation) }).openapi('PaymentDetail');

export const CreatePayment = z
  .strictObject({
    customerId: IdInput,
    receivedOn: IsoDate,
    amount: AmountInput.refine((n) => n > 0n, 'must be more than zero'),
    currency: Currency.optional().openapi({ description: 'defaults to the customer’s currency' }),
    externalId: Text(textLimits.externalId).nullable().optional().openapi({ description: 'e.g. the bank transaction id; a payment is recorded once' }),
    method: Text(textLimits.paymentMethod).nullable().optional().openapi({ example: 'bank transfer' }),
    reference: Text(textLimits.paymentReference).nullable().optional(),
    allocations: AllocationInputs.optional(),
  })
  .openapi('CreatePayment');

export const PaymentListQuery = PageQuery.extend({ customerId: IdInput.optional() });

export const PaymentPage = pageOf(Payment, 'PaymentPage');

export function toPayment(row: PaymentRow): z.input<typeof Payment> {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    externalId: row.external_id,
    receivedOn: row.received_on,
    amount: row.amount,
    currency: row.currency,
    allocated: row.allocated,
    unallocated: row.amount - row.allocated,
    method: row.method,
    reference: row.reference,
    source: row.source,
    createdAt: row.created_at,
  };
}

export function toPaymentDetail(row: PaymentRow, allocations: AllocationRow[]): z.input<typeof PaymentDetail> {
  return { ...toPayment(row), allocations: allocations.map(toAllocation) };
}
