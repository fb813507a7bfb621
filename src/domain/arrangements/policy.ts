// An organisation's rules for arrangements (orgs.settings.collections.arrangementPolicy), each
// with a default, so plans, settlements and write-offs work before anyone sets a thing.
import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { compareDates, type IsoDate } from '../calendar.ts';
import { parseAmount, formatMoney, type ParseResult } from '../money.ts';
import { defaultPlanGraceDays } from './plan-standing.ts';
import type { ScheduledPayment } from './plan-schedule.ts';
import { meetsConditions, type CustomerProfile } from '../playbooks/conditions.ts';
import { conditionsSchema } from '../playbooks/playbook.ts';
import { formatPath } from '../playbooks/shape-problems.ts';
import { conditionProblems } from '../playbooks/validate-conditions.ts';

/** A decimal amount per currency, e.g. { "GBP": "25.00" }. */
const amountsByCurrency = z.record(z.string().regex(/^[A-Z]{3}$/, 'a currency code such as GBP'), z.string().regex(/^\d+(\.\d+)?$/, 'an amount such as 25.00'));

const orgPolicySchema = z
  .object({
    /** The longest plan: its last payment at most this many months after it was proposed. */
    planMaxMonths: z.number().int().min(1).max(60).default(6),
    /** The smallest instalment, per currency; a currency not listed has no minimum beyond zero. */
    planMinInstalment: amountsByCurrency.default({}),
    /** Days after an instalment's date before it is missed; the plan defaults after as many again. */
    planGraceDays: z.number().int().min(0).max(30).default(defaultPlanGraceDays),
    /**
     * Whether a plan within the bounds above may be accepted without an owner (by a collector, or
     * later by the debtor on the portal); when false, or outside the bounds, only an owner accepts.
     */
    planAutoAccept: z.boolean().default(false),
    /** A settlement for less than this percentage of the balance needs an owner's approval. */
    settlementApprovalPercent: z.number().int().min(0).max(100).default(80),
    /** A settlement writing off more than this (per currency) needs an owner's approval too. */
    settlementApprovalAmount: amountsByCurrency.default({}),
    /**
     * The cycle writes off, with reason small-balance, an invoice whose whole balance is at most
     * `maxBalance` in its currency (none listed: off) once it is `minDaysOverdue` days overdue.
     * 90 days: every shipped playbook has sent its final notice (day 28/45/75) and reached its
     * review step (35/60/90) by then, so a small balance is chased first, given up after.
     */
    smallBalanceWriteOff: z
      .object({ maxBalance: amountsByCurrency.default({}), minDaysOverdue: z.number().int().min(0).max(3650).default(90) })
      .strict()
      .prefault({}),
  })
  .strict();

// A segment's fields are the organisation's unwrapped: one it does not set keeps the organisation's value, not the default.
const org = orgPolicySchema.shape;
/**
 * A segment's override: the playbook segment rules' conditions (without minBalance: a balance
 * moves with every payment, and whether a plan needs an owner must not change between its
 * proposal and its acceptance; the policy's own amounts bound by balance) and the fields it sets.
 */
const segmentPolicySchema = z
  .object({
    conditions: conditionsSchema.omit({ minBalance: true }),
    planMaxMonths: org.planMaxMonths.unwrap().optional(),
    planMinInstalment: org.planMinInstalment.unwrap().optional(),
    planGraceDays: org.planGraceDays.unwrap().optional(),
    planAutoAccept: org.planAutoAccept.unwrap().optional(),
    settlementApprovalPercent: org.settlementApprovalPercent.unwrap().optional(),
    settlementApprovalAmount: org.settlementApprovalAmount.unwrap().optional(),
  })
  .strict();

/** The organisation's policy, and per segment overrides: the first segment that matches a customer applies over it. */
export const arrangementPolicySchema = orgPolicySchema.extend({ segments: z.array(segmentPolicySchema).default([]) }).strict();

export type ArrangementPolicy = z.infer<typeof arrangementPolicySchema>;
/** The policy in force for one customer: the organisation's, with the matching segment's fields over it. */
export type CustomerArrangementPolicy = Omit<ArrangementPolicy, 'segments'> & { /** Position (from 1) of the segment applied; null: none matched. */ segment: number | null };

export function parseArrangementPolicy(value: unknown): ParseResult<ArrangementPolicy> {
  const result = arrangementPolicySchema.safeParse(value ?? {});
  if (!result.success) return { ok: false, message: result.error.issues.map((issue) => `${issue.path.length ? `${formatPath(issue.path)}: ` : ''}${issue.message}`).join('; ') };
  const problems = result.data.segments.flatMap((segment, index) => {
    const at = `segments[${index}]`;
    const found = conditionProblems(segment.conditions, `${at}.conditions`).map((problem) => `${problem.path}: ${problem.message}`);
    if (Object.keys(segment).length === 1) found.push(`${at}: sets none of the policy's fields, so it changes nothing: give it one (e.g. "planAutoAccept": true) or remove it`);
    if (Object.keys(segment.conditions).length === 0 && index < result.data.segments.length - 1) found.push(`${at}.conditions: matches every customer, so the segments after it never apply: give it conditions or move it last`);
    return found;
  });
  return problems.length > 0 ? { ok: false, message: problems.join('; ') } : { ok: true, value: result.data };
}

/** The policy for one customer: the first segment whose conditions the customer meets, over the organisation's. */
export function policyForCustomer(policy: ArrangementPolicy, customer: CustomerProfile, today: IsoDate): CustomerArrangementPolicy {
  const { segments, ...base } = policy;
  const index = segments.findIndex((segment) => meetsConditions(customer, segment.conditions, { today, overdue: new Map() }));
  return index < 0 ? { ...base, segment: null } : segmentPolicy(policy, index);
}

/** The policy in force for the customers of segment `index` (from 0): its fields over the organisation's. */
export function segmentPolicy(policy: ArrangementPolicy, index: number): CustomerArrangementPolicy {
  const { segments, ...base } = policy;
  const { conditions: _conditions, ...fields } = segments[index]!;
  const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return { ...base, ...set, segment: index + 1 };
}

/** The organisation's policy from its settings JSON, defaults filled in. */
export function orgArrangementPolicy(orgSettings: unknown): ParseResult<ArrangementPolicy> {
  return parseArrangementPolicy((orgSettings as { collections?: { arrangementPolicy?: unknown } } | null)?.collections?.arrangementPolicy);
}

function minorOf(amounts: Record<string, string>, currency: string): bigint | null {
  const text = amounts[currency];
  if (text === undefined) return null;
  const parsed = parseAmount(text, currency);
  return parsed.ok ? parsed.value : null;
}

/** Where a proposed plan goes beyond the policy, one sentence each; none when it is within it. */
export function planPolicyProblems(schedule: readonly ScheduledPayment[], currency: string, proposedOn: IsoDate, policy: Omit<ArrangementPolicy, 'segments'>): string[] {
  const problems: string[] = [];
  const last = schedule.at(-1);
  const latest = Temporal.PlainDate.from(proposedOn).add({ months: policy.planMaxMonths }).toString();
  if (last && compareDates(last.dueOn, latest) > 0) {
    problems.push(`the last payment (${last.dueOn}) is after ${latest}, ${policy.planMaxMonths} months from ${proposedOn}: the longest plan the policy allows`);
  }
  const min = minorOf(policy.planMinInstalment, currency);
  const small = min === null ? undefined : schedule.find((payment) => payment.seq > 0 && payment.amount < min);
  if (small && min !== null) problems.push(`instalment ${small.seq} (${formatMoney(small.amount, currency)}) is below the smallest instalment the policy allows, ${formatMoney(min, currency)}`);
  return problems;
}

/**
 * Whether only an owner may accept a proposed plan: one outside the policy's bounds, or any plan
 * while the policy does not let plans be accepted without an owner (planAutoAccept off).
 */
export function planNeedsOwner(withinPolicy: boolean, policy: Pick<ArrangementPolicy, 'planAutoAccept'>): boolean {
  return !withinPolicy || !policy.planAutoAccept;
}

/** The small-balance write-off's largest balance per currency, in minor units; empty when it is off. */
export function smallBalanceMaxima(policy: Pick<ArrangementPolicy, 'smallBalanceWriteOff'>): Map<string, bigint> {
  const maxima = new Map<string, bigint>();
  for (const currency of Object.keys(policy.smallBalanceWriteOff.maxBalance)) {
    const max = minorOf(policy.smallBalanceWriteOff.maxBalance, currency);
    if (max !== null && max > 0n) maxima.set(currency, max);
  }
  return maxima;
}
