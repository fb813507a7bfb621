// An owner approves (it is then on offer) or declines a settlement awaiting approval, and says
// why; the decision is recorded with who made it. A declined settlement's invoices are chased
// again where the case stood.
import type { Temporal } from 'temporal-polyfill';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findSettlementDetail, type SettlementDetail } from '../../db/queries/settlements.ts';
import type { Role } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';

export interface DecideSettlementInput {
  settlementId: bigint;
  decision: 'approve' | 'decline';
  reason: string | null | undefined;
  role: Role;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function decideSettlement(db: Executor, orgId: bigint, input: DecideSettlementInput): Promise<SettlementDetail> {
  if (input.role !== 'owner') throw new AppError('forbidden', `${input.decision === 'approve' ? 'approving' : 'declining'} a settlement needs the owner role (this is the ${input.role} role); ask an owner`);
  const reason = requiredText(input.reason, 'the reason', 500, `say why you ${input.decision} it (--reason)`);
  return inTransaction(db, async (tx) => {
    const settlement = await tx.selectFrom('settlements').selectAll().where('org_id', '=', orgId).where('id', '=', input.settlementId).forUpdate().executeTakeFirst();
    if (!settlement) throw new AppError('not_found', `there is no settlement ${input.settlementId}`);
    if (settlement.status !== 'awaiting_approval') throw new AppError('conflict', `settlement ${settlement.id} is ${settlement.status.replace('_', ' ')}; only one awaiting approval can be approved or declined`);
    if (input.decision === 'approve' && settlement.expires_on < input.today) throw new AppError('conflict', `settlement ${settlement.id} expired on ${settlement.expires_on}; offer a new one`);
    const status = input.decision === 'approve' ? 'offered' : 'declined';
    await tx
      .updateTable('settlements')
      .set({ status, decided_by: input.actor, decided_on: input.today, decision_reason: reason, resolved_on: status === 'declined' ? input.today : null, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', settlement.id)
      .execute();
    await recordActivity(tx, orgId, {
      customerId: settlement.customer_id,
      kind: input.decision === 'approve' ? 'settlement_approved' : 'settlement_declined',
      actor: input.actor,
      summary: `Settlement ${settlement.id} (${formatMoney(settlement.amount, settlement.currency)} of ${formatMoney(settlement.owed, settlement.currency)}) ${input.decision === 'approve' ? 'approved: on offer' : 'declined: its invoices are chased again'}; ${reason}`,
      data: { settlementId: String(settlement.id), decision: input.decision, reason },
      at: input.now,
    });
    return (await findSettlementDetail(tx, orgId, settlement.id))!;
  });
}
