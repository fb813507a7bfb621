// Opens a dispute on an open invoice: the customer contests all of it, or part (an amount). While
// the dispute is open the disputed amount is not chased, nor counted as overdue in aging.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findDispute, type DisputeRow } from '../../db/queries/disputes.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { disputeReasonCodes, isDisputeReasonCode } from '../../domain/pauses.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';

export interface OpenDisputeInput {
  invoiceId: bigint;
  reasonCode: string;
  /** What the customer says, in a sentence. */
  reason: string;
  /** The part disputed, in minor units of the invoice's currency; null or absent: the whole balance. */
  amount?: bigint | null | undefined;
  /** The organisation's date today: the dispute opens on it. */
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function openDispute(db: Executor, orgId: bigint, input: OpenDisputeInput): Promise<DisputeRow> {
  if (!isDisputeReasonCode(input.reasonCode)) {
    throw new AppError('invalid_input', `the reason code "${input.reasonCode}" is not one of ${disputeReasonCodes.join(', ')}; choose the closest (other if none fits)`);
  }
  const reason = requiredText(input.reason, 'the reason', textLimits.disputeText, 'a dispute needs a reason: write what the customer says is wrong, e.g. "two of the ten chairs arrived broken"');
  const amount = input.amount ?? null;
  if (amount !== null && amount <= 0n) throw new AppError('invalid_input', 'the disputed amount must be more than zero; leave it out to dispute the whole balance');
  return inTransaction(db, async (tx) => {
    // Locked, so two disputes opened at the same moment cannot both see "no open dispute".
    const invoice = await tx.selectFrom('invoices').selectAll().where('org_id', '=', orgId).where('id', '=', input.invoiceId).forUpdate().executeTakeFirst();
    if (!invoice) throw new AppError('not_found', `there is no invoice ${input.invoiceId}`);
    if (invoice.status !== 'open') {
      throw new AppError('conflict', `invoice ${invoice.number} is ${invoice.status.replace('_', ' ')}; only an open invoice can be disputed`);
    }
    const existing = await tx.selectFrom('disputes').select(['id', 'opened_on']).where('org_id', '=', orgId).where('invoice_id', '=', invoice.id).where('status', '=', 'open').executeTakeFirst();
    if (existing) {
      throw new AppError('conflict', `invoice ${invoice.number} already has an open dispute (${existing.id}, opened on ${existing.opened_on}); resolve it before opening another`);
    }
    if (amount !== null && amount > invoice.balance) {
      throw new AppError(
        'invalid_input',
        `the disputed amount ${formatMoney(amount, invoice.currency)} is more than the balance of invoice ${invoice.number} (${formatMoney(invoice.balance, invoice.currency)}); dispute at most the balance, or leave the amount out to dispute all of it`,
      );
    }
    const dispute = await tx
      .insertInto('disputes')
      .values({ org_id: orgId, invoice_id: invoice.id, status: 'open', reason_code: input.reasonCode, reason, amount, opened_on: input.today })
      .returning('id')
      .executeTakeFirstOrThrow();
    const disputed = amount === null ? `all of its ${formatMoney(invoice.balance, invoice.currency)}` : `${formatMoney(amount, invoice.currency)} of its ${formatMoney(invoice.balance, invoice.currency)}`;
    await recordActivity(tx, orgId, {
      customerId: invoice.customer_id,
      kind: 'dispute_opened',
      actor: input.actor,
      summary: `Invoice ${invoice.number} disputed (${input.reasonCode.replaceAll('_', ' ')}), ${disputed}: ${reason}`,
      data: {
        disputeId: String(dispute.id),
        invoiceId: String(invoice.id),
        number: invoice.number,
        reasonCode: input.reasonCode,
        reason,
        amount: amount === null ? null : String(amount),
        balance: String(invoice.balance),
        currency: invoice.currency,
        openedOn: input.today,
      },
      at: input.now,
    });
    return (await findDispute(tx, orgId, dispute.id))!;
  });
}
