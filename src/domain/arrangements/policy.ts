// An organisation's rules for arrangements (orgs.settings.collections.arrangementPolicy), each
// with a default, so plans, settlements and write-offs work before anyone sets a thing.
import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { compareDates, type IsoDate } from '../calendar.ts';
import { parseAmount, formatMoney, type ParseResult } from '../money.ts';
import { defaultPlanGraceDays } from './plan-standing.ts';
import type { ScheduledPayment } from './plan-schedule.ts';

/** A decimal amount per currency, e.g. { "GBP": "25.00" }. */
const amountsByCurrency = z.record(z.string().regex(/^[A-Z]{3}$/, 'a currency code such as GBP'), z.string().regex(/^\d+(\.\d+)?$/, 'an amount such as 25.00'));

export const arrangementPolicySchema = z
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

export type ArrangementPolicy = z.infer<typeof arrangementPolicySchema>;

export function parseArrangementPolicy(value: unknown): ParseResult<ArrangementPolicy> {
  const result = arrangementPolicySchema.safeParse(value ?? {});
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: result.error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('; ') };
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
export function planPolicyProblems(schedule: readonly ScheduledPayment[], currency: string, proposedOn: IsoDate, policy: ArrangementPolicy): string[] {
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
