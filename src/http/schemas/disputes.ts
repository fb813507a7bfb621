// The dispute contract: a customer contests an invoice, all of it or an amount, with a reason
// code; while open the disputed amount is not chased. Resolving records an outcome, not a credit.
import { textLimits } from '../../domain/text-limits.ts';
import { z } from '@hono/zod-openapi';
import type { DisputeRow } from '../../db/queries/disputes.ts';
import { disputeOutcomes, disputeReasonCodes } from '../../domain/pauses.ts';
import { Amount, AmountInput, Id, IdInput, IsoDate, NullableAmount, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

const Outcome = z.enum(disputeOutcomes);

export const Dispute = z
  .object({
    id: Id,
    invoiceId: Id,
    invoiceNumber: z.string(),
    customerId: Id,
    status: z.enum(['open', 'resolved']),
    reasonCode: z.string().openapi({ description: `one of ${disputeReasonCodes.join(', ')}` }),
    reason: z.string().nullable(),
    amount: NullableAmount.openapi({ description: 'the disputed part in minor units of the invoice’s currency; null: the whole balance' }),
    currency: z.string(),
    invoiceBalance: Amount.openapi({ description: 'the invoice’s balance now (minor units); resolving a dispute does not change it' }),
    openedOn: IsoDate,
    resolvedOn: IsoDate.nullable(),
    outcome: Outcome.nullable(),
    resolution: z.string().nullable(),
    createdAt: Timestamp,
  })
  .openapi('Dispute');

export const OpenDispute = z
  .strictObject({
    invoiceId: IdInput,
    reasonCode: z.enum(disputeReasonCodes, { message: `must be one of ${disputeReasonCodes.join(', ')}` }),
    reason: z.string().max(textLimits.disputeText).openapi({ example: 'two of the ten chairs arrived broken' }),
    amount: AmountInput.nullable().optional().openapi({ description: 'the disputed part (minor units, at most the balance); leave out to dispute the whole balance' }),
  })
  .openapi('OpenDispute');

export const ResolveDispute = z
  .strictObject({
    outcome: z.enum(disputeOutcomes, { message: `must be one of ${disputeOutcomes.join(', ')}` }),
    resolution: z.string().max(textLimits.disputeText).openapi({ example: 'credit of £40 agreed for the broken chairs' }),
  })
  .openapi('ResolveDispute');

export const ResolvedDispute = Dispute.extend({
  notice: z.string().openapi({ description: 'what resolving did not do to the ledger, and what to do next (e.g. record a credit note)' }),
}).openapi('ResolvedDispute');

export const DisputeListQuery = PageQuery.extend({
  status: z.enum(['open', 'resolved']).optional(),
  customerId: IdInput.optional(),
  invoiceId: IdInput.optional(),
});

export const DisputePage = pageOf(Dispute, 'DisputePage');

export function toDispute(row: DisputeRow): z.input<typeof Dispute> {
  return {
    id: String(row.id),
    invoiceId: String(row.invoice_id),
    invoiceNumber: row.invoice_number,
    customerId: String(row.customer_id),
    status: row.status,
    reasonCode: row.reason_code,
    reason: row.reason,
    amount: row.amount,
    currency: row.currency,
    invoiceBalance: row.invoice_balance,
    openedOn: row.opened_on,
    resolvedOn: row.resolved_on,
    outcome: row.outcome,
    resolution: row.resolution,
    createdAt: row.created_at,
  };
}
