// Closes a dispute with its outcome and resolution. Resolving changes no balance by itself: what
// the customer is owed back is a credit note, recorded on its own, so the ledger keeps explaining
// every balance. The result says so, because from now on the cycle chases the balance again.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findDispute, type DisputeRow } from '../../db/queries/disputes.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { disputeOutcomes, isDisputeOutcome, type DisputeOutcome } from '../../domain/pauses.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';

export interface ResolveDisputeInput {
  disputeId: bigint;
  outcome: string;
  /** What was decided, in a sentence. */
  resolution: string;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export interface ResolvedDispute {
  dispute: DisputeRow;
  /** What resolving did and did not do to the ledger, and what to do next, for a person to read. */
  notice: string;
}

export async function resolveDispute(db: Executor, orgId: bigint, input: ResolveDisputeInput): Promise<ResolvedDispute> {
  if (!isDisputeOutcome(input.outcome)) {
    throw new AppError('invalid_input', `the outcome "${input.outcome}" is not one of ${disputeOutcomes.join(', ')}`);
  }
  const outcome = input.outcome;
  const resolution = requiredText(input.resolution, 'the resolution', textLimits.disputeText, 'a resolution is needed: write what was decided, e.g. "credit of £40 agreed for the broken chairs"');
  return inTransaction(db, async (tx) => {
    const locked = await tx.selectFrom('disputes').select(['id', 'status', 'resolved_on']).where('org_id', '=', orgId).where('id', '=', input.disputeId).forUpdate().executeTakeFirst();
    if (!locked) throw new AppError('not_found', `there is no dispute ${input.disputeId}`);
    if (locked.status !== 'open') throw new AppError('conflict', `dispute ${locked.id} was already resolved on ${locked.resolved_on}`);
    await tx
      .updateTable('disputes')
      .set({ status: 'resolved', outcome, resolution, resolved_on: input.today })
      .where('org_id', '=', orgId)
      .where('id', '=', locked.id)
      .execute();
    const dispute = (await findDispute(tx, orgId, locked.id))!;
    const notice = ledgerNotice(dispute, outcome);
    await recordActivity(tx, orgId, {
      customerId: dispute.customer_id,
      kind: 'dispute_resolved',
      actor: input.actor,
      summary: `Dispute on invoice ${dispute.invoice_number} resolved (${outcome.replaceAll('_', ' ')}): ${resolution}`,
      data: {
        disputeId: String(dispute.id),
        invoiceId: String(dispute.invoice_id),
        number: dispute.invoice_number,
        outcome,
        resolution,
        resolvedOn: input.today,
        balance: String(dispute.invoice_balance),
        currency: dispute.currency,
      },
      at: input.now,
    });
    return { dispute, notice };
  });
}

function ledgerNotice(dispute: DisputeRow, outcome: DisputeOutcome): string {
  const balance = formatMoney(dispute.invoice_balance, dispute.currency);
  const unchanged = `Resolving the dispute does not change the ledger: invoice ${dispute.invoice_number} still has a balance of ${balance}, and the daily cycle chases it again from now on.`;
  if (outcome === 'rejected') return unchanged;
  const part = outcome === 'upheld' ? 'what the customer is owed' : 'the part upheld';
  return `${unchanged} Record a credit note for ${part} against invoice ${dispute.invoice_number} (or void the invoice) so that only what is really owed is chased.`;
}
