// Cancels a payment plan that is proposed or running (e.g. agreed by mistake, or replaced by
// another): its invoices are chased again from the next cycle, where the case stood. Cancelled
// is not defaulted: no firmer step follows.
import type { Temporal } from 'temporal-polyfill';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findPlanDetail, type PlanDetail } from '../../db/queries/payment-plans.ts';
import type { Role } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { optionalText } from '../shared/required-text.ts';

export interface CancelPlanInput {
  planId: bigint;
  reason?: string | null | undefined;
  role: Role;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function cancelPlan(db: Executor, orgId: bigint, input: CancelPlanInput): Promise<PlanDetail> {
  if (input.role === 'viewer') throw new AppError('forbidden', 'a viewer cannot cancel a payment plan');
  const reason = optionalText(input.reason, 'the reason', 500);
  return inTransaction(db, async (tx) => {
    const plan = await tx.selectFrom('payment_plans').selectAll().where('org_id', '=', orgId).where('id', '=', input.planId).forUpdate().executeTakeFirst();
    if (!plan) throw new AppError('not_found', `there is no payment plan ${input.planId}`);
    if (!['proposed', 'active', 'broken'].includes(plan.status)) {
      throw new AppError('conflict', `payment plan ${plan.id} is already ${plan.status}${plan.resolved_on ? ` (on ${plan.resolved_on})` : ''}; only a proposed or running plan can be cancelled`);
    }
    await tx
      .updateTable('payment_plans')
      .set({ status: 'cancelled', resolved_on: input.today, resolved_by: input.actor, resolution: reason, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', plan.id)
      .execute();
    await recordActivity(tx, orgId, {
      customerId: plan.customer_id,
      kind: 'plan_cancelled',
      actor: input.actor,
      summary: `Payment plan ${plan.id} for ${formatMoney(plan.total, plan.currency)} cancelled${reason ? `: ${reason}` : ''}${plan.status === 'proposed' ? '' : '; its invoices are chased again'}`,
      data: { planId: String(plan.id), was: plan.status, reason },
      at: input.now,
    });
    return (await findPlanDetail(tx, orgId, plan.id))!;
  });
}
