// Proposes a payment plan over chosen invoices of one customer: a down payment (optional) and
// instalments, equal (the remainder on the last) every week, fortnight or month, or typed by hand.
// The plan pays off exactly the invoices' balance. It is checked against the plan policy for the
// customer (the organisation's, or its segment's); outside it, only an owner may accept it (accept-plan.ts). Nothing changes for the
// customer until it is accepted: proposed, its invoices are still chased.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findPlanDetail, type PlanDetail } from '../../db/queries/payment-plans.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { planSchedule, type PlanScheduleInput } from '../../domain/arrangements/plan-schedule.ts';
import { planPolicyProblems } from '../../domain/arrangements/policy.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { stringifyJson } from '../../json.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { optionalText } from '../shared/required-text.ts';
import { arrangementPolicyForCustomer } from './arrangement-policy-of.ts';
import { lockArrangedInvoices } from './arranged-invoices.ts';

export interface ProposePlanInput {
  customerId: bigint;
  invoiceIds: readonly bigint[];
  /** Minor units of the invoices' currency; 0n or absent for none. Due on `today`. */
  down?: bigint | undefined;
  schedule: PlanScheduleInput;
  note?: string | null | undefined;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function proposePlan(db: Executor, orgId: bigint, input: ProposePlanInput): Promise<PlanDetail> {
  const note = optionalText(input.note, 'the note', 1000);
  if (input.invoiceIds.length === 0) throw new AppError('invalid_input', 'name the invoices the plan covers (one or more invoice ids)');
  const down = input.down ?? 0n;
  return inTransaction(db, async (tx) => {
    const { customer, invoices } = await lockArrangedInvoices(tx, orgId, input.customerId, input.invoiceIds, null, 'a payment plan');
    const policy = await arrangementPolicyForCustomer(tx, orgId, customer.id, input.today);
    const currency = invoices[0]!.currency;
    const total = invoices.reduce((sum, invoice) => sum + invoice.balance, 0n);
    const built = planSchedule(input.schedule, { total, down, currency, today: input.today });
    if (!built.ok) throw new AppError('invalid_input', built.problem);
    const schedule = built.schedule;
    const first = schedule.find((payment) => payment.seq > 0)!;
    const problems = planPolicyProblems(schedule, currency, input.today, policy);

    const plan = await tx
      .insertInto('payment_plans')
      .values({
        org_id: orgId,
        customer_id: customer.id,
        currency,
        total,
        grace_days: policy.planGraceDays,
        within_policy: problems.length === 0,
        policy_problems: stringifyJson(problems),
        note,
        proposed_by: input.actor,
        proposed_on: input.today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('payment_plan_invoices').values(invoices.map((invoice) => ({ org_id: orgId, plan_id: plan.id, invoice_id: invoice.id }))).execute();
    await tx
      .insertInto('payment_plan_instalments')
      .values(schedule.map((payment) => ({ org_id: orgId, plan_id: plan.id, seq: payment.seq, due_on: payment.dueOn, amount: payment.amount })))
      .execute();

    const count = schedule.filter((payment) => payment.seq > 0).length;
    const downText = down > 0n ? `${formatMoney(down, currency)} down and ` : '';
    await recordActivity(tx, orgId, {
      customerId: customer.id,
      kind: 'plan_proposed',
      actor: input.actor,
      summary: `Payment plan ${plan.id} proposed: ${formatMoney(total, currency)} over invoice(s) ${invoices.map((i) => i.number).join(', ')}, ${downText}${count} instalment(s) from ${first.dueOn} to ${schedule.at(-1)!.dueOn}${problems.length ? ` (outside the plan policy: ${problems.join('; ')})` : ''}${note ? `: ${note}` : ''}`,
      data: {
        planId: String(plan.id),
        total: String(total),
        currency,
        invoiceIds: invoices.map((i) => String(i.id)),
        instalments: schedule.map((p) => ({ seq: p.seq, dueOn: p.dueOn, amount: String(p.amount) })),
        withinPolicy: problems.length === 0,
        policyProblems: problems,
      },
      at: input.now,
    });
    return (await findPlanDetail(tx, orgId, plan.id))!;
  });
}
