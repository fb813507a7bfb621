// Accepts a proposed payment plan: from then on its invoices are not chased by the playbook
// (chaseable.ts) and the daily cycle follows its instalments (evaluate-plans.ts). An owner may
// accept any plan; anyone else only a plan within the organisation's policy, and only when the
// policy lets such plans be accepted without an owner.
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
import { planNeedsOwner } from '../../domain/arrangements/policy.ts';
import { arrangementPolicyForCustomer } from './arrangement-policy-of.ts';

export interface AcceptPlanInput {
  planId: bigint;
  role: Role;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function acceptPlan(db: Executor, orgId: bigint, input: AcceptPlanInput): Promise<PlanDetail> {
  return inTransaction(db, async (tx) => {
    const plan = await tx.selectFrom('payment_plans').selectAll().where('org_id', '=', orgId).where('id', '=', input.planId).forUpdate().executeTakeFirst();
    if (!plan) throw new AppError('not_found', `there is no payment plan ${input.planId}`);
    if (plan.status !== 'proposed') throw new AppError('conflict', `payment plan ${plan.id} is ${plan.status}; only a proposed plan can be accepted`);
    if (input.role !== 'owner') {
      if (input.role === 'viewer') throw new AppError('forbidden', 'a viewer cannot accept a payment plan');
      const policy = await arrangementPolicyForCustomer(tx, orgId, plan.customer_id, input.today);
      if (planNeedsOwner(plan.within_policy, policy)) {
        throw new AppError(
          'forbidden',
          plan.within_policy
            ? `the plan policy${policy.segment === null ? '' : ` for this customer (segment ${policy.segment})`} says payment plans need an owner’s approval (planAutoAccept is off): ask an owner to accept it`
            : `payment plan ${plan.id} is outside the plan policy (${plan.policy_problems.join('; ')}): only an owner can accept it`,
        );
      }
    }
    // the invoices may have been paid, voided or written off since it was proposed
    const closed = await tx
      .selectFrom('payment_plan_invoices as pi')
      .innerJoin('invoices as i', (join) => join.onRef('i.org_id', '=', 'pi.org_id').onRef('i.id', '=', 'pi.invoice_id'))
      .select(['i.number', 'i.status'])
      .where('pi.org_id', '=', orgId)
      .where('pi.plan_id', '=', plan.id)
      .where((eb) => eb.or([eb('i.status', '<>', 'open'), eb('i.balance', '<=', 0n)]))
      .execute();
    if (closed.length > 0) throw new AppError('conflict', `invoice ${closed.map((i) => i.number).join(', ')} is no longer open: cancel this plan and propose a new one`);
    await tx
      .updateTable('payment_plans')
      .set({ status: 'active', accepted_by: input.actor, accepted_on: input.today, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', plan.id)
      .execute();
    await recordActivity(tx, orgId, {
      customerId: plan.customer_id,
      kind: 'plan_accepted',
      actor: input.actor,
      summary: `Payment plan ${plan.id} for ${formatMoney(plan.total, plan.currency)} accepted${plan.within_policy ? '' : ' by an owner, outside the plan policy'}: its invoices are not chased while it runs`,
      data: { planId: String(plan.id), total: String(plan.total), currency: plan.currency, acceptedOn: input.today, withinPolicy: plan.within_policy },
      at: input.now,
    });
    return (await findPlanDetail(tx, orgId, plan.id))!;
  });
}
