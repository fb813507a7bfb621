// Allocations: money moved from a payment or credit note onto an invoice. Shown on all three.
import { z } from '@hono/zod-openapi';
import type { Allocation as AllocationRow } from '../../db/queries/invoices.ts';
import { Amount, AmountInput, Id, IdInput, IsoDate, Timestamp } from './common.ts';

export const Allocation = z
  .object({
    id: Id,
    invoiceId: Id,
    paymentId: Id.nullable(),
    creditNoteId: Id.nullable(),
    amount: Amount.openapi({ description: 'minor units; negative for a correction' }),
    allocatedOn: IsoDate,
    createdAt: Timestamp,
  })
  .openapi('Allocation');

export const AllocationInput = z
  .strictObject({
    invoiceId: IdInput,
    amount: AmountInput.refine((n) => n > 0n, 'must be more than zero'),
  })
  .openapi('AllocationInput');

export const AllocationInputs = z
  .array(AllocationInput)
  .max(1000)
  .openapi({
    description:
      'invoices of the same customer and currency to settle; each amount at most the invoice’s balance, together at most the money there is',
  });

export function toAllocation(row: AllocationRow): z.input<typeof Allocation> {
  return {
    id: String(row.id),
    invoiceId: String(row.invoice_id),
    paymentId: row.payment_id === null ? null : String(row.payment_id),
    creditNoteId: row.credit_note_id === null ? null : String(row.credit_note_id),
    amount: row.amount,
    allocatedOn: row.allocated_on,
    createdAt: row.created_at,
  };
}
