// The credit note contract: money owed back to a customer, usually set against their invoices.
import { z } from '@hono/zod-openapi';
import type { Allocation as AllocationRow } from '../../db/queries/invoices.ts';
import type { CreditNote as CreditNoteRow } from '../../db/schema.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { Allocation, AllocationInputs, toAllocation } from './allocations.ts';
import { Amount, AmountInput, Currency, Id, IdInput, IsoDate, Text, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const CreditNote = z
  .object({
    id: Id,
    customerId: Id,
    number: z.string(),
    externalId: z.string().nullable(),
    issueDate: IsoDate,
    currency: z.string(),
    total: Amount,
    allocated: Amount,
    unallocated: Amount.openapi({ description: 'total − allocated: credit not yet used' }),
    reason: z.string().nullable(),
    source: z.string(),
    createdAt: Timestamp,
  })
  .openapi('CreditNote');

export const CreditNoteDetail = CreditNote.extend({ allocations: z.array(Allocation) }).openapi('CreditNoteDetail');

export const CreateCreditNote = z
  .strictObject({
    customerId: IdInput,
    number: Text(textLimits.documentNumber).openapi({ description: 'unique in the organisation' }),
    issueDate: IsoDate,
    total: AmountInput.refine((n) => n > 0n, 'must be more than zero'),
    currency: Currency.optional().openapi({ description: 'defaults to the customer’s currency' }),
    externalId: Text(textLimits.externalId).nullable().optional(),
    reason: Text(textLimits.creditNoteReason).nullable().optional(),
    allocations: AllocationInputs.optional(),
  })
  .openapi('CreateCreditNote');

export const CreditNoteListQuery = PageQuery.extend({ customerId: IdInput.optional() });

export const CreditNotePage = pageOf(CreditNote, 'CreditNotePage');

export function toCreditNote(row: CreditNoteRow): z.input<typeof CreditNote> {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    number: row.number,
    externalId: row.external_id,
    issueDate: row.issue_date,
    currency: row.currency,
    total: row.total,
    allocated: row.allocated,
    unallocated: row.total - row.allocated,
    reason: row.reason,
    source: row.source,
    createdAt: row.created_at,
  };
}

export function toCreditNoteDetail(row: CreditNoteRow, allocations: AllocationRow[]): z.input<typeof CreditNoteDetail> {
  return { ...toCreditNote(row), allocations: allocations.map(toAllocation) };
}
