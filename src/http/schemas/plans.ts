// The payment-plan contract: a plan over chosen invoices of one customer, with its instalments
// (amount, due date, paid amount); proposed, then accepted (by an owner, or by anyone when within
// the organisation's policy and the policy allows it), followed by the daily cycle.
import { z } from '@hono/zod-openapi';
import { planCustomerProfile, type PlanDetail, type PlanRow } from '../../db/queries/payment-plans.ts';
import { maxInstalments, planFrequencies } from '../../domain/arrangements/plan-schedule.ts';
import { instalmentStatus, planStatuses } from '../../domain/arrangements/plan-standing.ts';
import { planNeedsOwner, policyForCustomer, type ArrangementPolicy } from '../../domain/arrangements/policy.ts';
import { nameOf, type ActorNames } from '../../db/queries/actor-names.ts';
import { ActorName, Amount, AmountInput, Id, IdInput, IsoDate, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const PaymentPlan = z
  .object({
    id: Id,
    customerId: Id,
    status: z.enum(planStatuses),
    total: Amount.openapi({ description: 'what the plan pays off (the invoices’ balance when proposed), down payment included' }),
    currency: z.string(),
    graceDays: z.number().int().openapi({ description: 'days after an instalment’s date before it is missed, and again before the plan defaults' }),
    withinPolicy: z.boolean(),
    policyProblems: z.array(z.string()).openapi({ description: 'where it goes beyond the plan policy for the customer (its segment’s, else the organisation’s); only an owner accepts such a plan' }),
    needsOwner: z.boolean().openapi({ description: 'only an owner may accept it: outside the policy, or the policy for the customer (its segment’s, else the organisation’s) has planAutoAccept off (a proposed plan that needs an owner is on the worklist)' }),
    note: z.string().nullable(),
    proposedBy: z.string(),
    proposedByName: ActorName,
    proposedOn: IsoDate,
    acceptedBy: z.string().nullable(),
    acceptedByName: ActorName,
    acceptedOn: IsoDate.nullable(),
    missedInstalment: z.number().int().nullable().openapi({ description: 'the instalment whose miss broke (or defaulted) the plan' }),
    brokenOn: IsoDate.nullable(),
    resolvedOn: IsoDate.nullable().openapi({ description: 'completed, defaulted or cancelled on' }),
    resolvedBy: z.string().nullable(),
    resolvedByName: ActorName,
    resolution: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('PaymentPlan');

export const Instalment = z
  .object({
    seq: z.number().int().openapi({ description: '0 is the down payment; instalments count from 1' }),
    dueOn: IsoDate,
    amount: Amount,
    paid: Amount.openapi({ description: 'what the payments since the plan was proposed have paid of it, in date order' }),
    paidOn: IsoDate.nullable().openapi({ description: 'the day it was paid in full' }),
    status: z.enum(['paid', 'part_paid', 'unpaid']),
  })
  .openapi('Instalment');

export const PaymentPlanDetail = PaymentPlan.extend({
  invoices: z.array(z.object({ id: Id, number: z.string(), dueDate: IsoDate, balance: Amount, status: z.string() })),
  instalments: z.array(Instalment),
}).openapi('PaymentPlanDetail');

export const ProposePlan = z
  .strictObject({
    customerId: IdInput,
    invoiceIds: z.array(IdInput).min(1).max(500).openapi({ description: 'the invoices it covers: open, of this customer, in one currency, under no other plan or settlement' }),
    down: AmountInput.refine((n) => n >= 0n, 'must not be negative').optional().openapi({ description: 'a down payment, due today' }),
    instalments: z.number().int().min(1).max(maxInstalments).optional().openapi({ description: 'equal instalments, the remainder on the last (with first and every)' }),
    first: IsoDate.optional(),
    every: z.enum(planFrequencies).optional(),
    schedule: z
      .array(z.strictObject({ dueOn: IsoDate, amount: AmountInput }))
      .min(1)
      .max(maxInstalments)
      .optional()
      .openapi({ description: 'instead of instalments/first/every: the instalments typed by hand, in date order, adding up exactly to the balance less the down payment' }),
    note: z.string().max(1000).nullable().optional(),
  })
  .refine((body) => (body.schedule === undefined) !== (body.instalments === undefined && body.first === undefined && body.every === undefined), {
    message: 'give either schedule, or instalments with first and every',
  })
  .refine((body) => body.schedule !== undefined || (body.instalments !== undefined && body.first !== undefined && body.every !== undefined), {
    message: 'equal instalments need all of instalments, first and every',
  })
  .openapi('ProposePlan');

export const CancelPlan = z.strictObject({ reason: z.string().max(500).nullable().optional() }).openapi('CancelPlan');

export const PlanListQuery = PageQuery.extend({
  customerId: IdInput.optional(),
  status: z.enum(planStatuses).optional(),
});

export const PlanPage = pageOf(PaymentPlan, 'PaymentPlanPage');

/** The actors a plan names, for actorNames. */
export const planActors = (row: PlanRow) => [row.proposed_by, row.accepted_by, row.resolved_by];

/** `policy`: the organisation's whole arrangement policy; the plan's customer's segment decides needsOwner (on `today`). */
export function toPlan(row: PlanRow, policy: ArrangementPolicy, today: string, names: ActorNames): z.input<typeof PaymentPlan> {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    status: row.status,
    total: row.total,
    currency: row.currency,
    graceDays: row.grace_days,
    withinPolicy: row.within_policy,
    policyProblems: row.policy_problems,
    needsOwner: planNeedsOwner(row.within_policy, policyForCustomer(policy, planCustomerProfile(row), today)),
    note: row.note,
    proposedBy: row.proposed_by,
    proposedByName: nameOf(names, row.proposed_by),
    proposedOn: row.proposed_on,
    acceptedBy: row.accepted_by,
    acceptedByName: nameOf(names, row.accepted_by),
    acceptedOn: row.accepted_on,
    missedInstalment: row.missed_seq,
    brokenOn: row.broken_on,
    resolvedOn: row.resolved_on,
    resolvedBy: row.resolved_by,
    resolvedByName: nameOf(names, row.resolved_by),
    resolution: row.resolution,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toPlanDetail(detail: PlanDetail, policy: ArrangementPolicy, today: string, names: ActorNames): z.input<typeof PaymentPlanDetail> {
  return {
    ...toPlan(detail.plan, policy, today, names),
    invoices: detail.invoices.map((invoice) => ({ id: String(invoice.id), number: invoice.number, dueDate: invoice.due_date, balance: invoice.balance, status: invoice.status })),
    instalments: detail.instalments.map((i) => ({
      seq: i.seq,
      dueOn: i.due_on,
      amount: i.amount,
      paid: i.paid,
      paidOn: i.paid_on,
      status: instalmentStatus(i),
    })),
  };
}
