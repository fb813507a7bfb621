// What an organisation (orgs.settings.collections.chargePolicy) or one customer
// (customers.charge_policy, which overrides it) charges when a playbook step applies charges, and
// who may be charged at all. See docs/charges.md.
//
// - none: nothing (the default).
// - fixed_fee: a fee per currency ("GBP": "25.00"), once per invoice.
// - percentage: a fee of `percent` % of the invoice's overdue principal, once per invoice.
// - simple_interest: `annualPercent` % a year, simple, daily, from the day after the due date.
// - uk_late_payment: Late Payment of Commercial Debts (Interest) Act 1998: interest at reference
//   rate + 8 and fixed compensation of £40 / £70 / £100 by debt size, once per invoice.
// - eu_late_payment: Directive 2011/7/EU: interest at reference rate + 8 points and €40
//   compensation, once per invoice.
//
// Statutory schemes cover business debts only. A consumer is charged only when marked
// contractually liable (customers.charges_liable), and then only under the contractual types.
import { z } from 'zod';
import { isCurrencyCode } from '../currencies.ts';
import { parseAmount, type ParseResult } from '../money.ts';
import type { RateScheme } from './reference-rates.ts';

/** A percentage: up to 3 digits and 4 decimals, more than 0, at most 100 (catches "800" for "8.00"). */
const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'write a percentage as text, such as "5" or "2.5"')
  .refine((text) => Number(text) > 0 && Number(text) <= 100, 'must be more than 0 and at most 100');

const feeAmounts = z
  .record(z.string(), z.string())
  .superRefine((amounts, context) => {
    const entries = Object.entries(amounts);
    if (entries.length === 0) context.addIssue({ code: 'custom', message: 'name at least one currency, e.g. { "GBP": "25.00" }' });
    for (const [currency, amount] of entries) {
      if (!isCurrencyCode(currency)) {
        context.addIssue({ code: 'custom', path: [currency], message: `"${currency}" is not an ISO 4217 currency code` });
        continue;
      }
      const parsed = parseAmount(amount, currency);
      if (!parsed.ok) context.addIssue({ code: 'custom', path: [currency], message: `"${amount}" ${parsed.message}` });
      else if (parsed.value <= 0n) context.addIssue({ code: 'custom', path: [currency], message: 'must be more than zero' });
    }
  });

export const chargePolicySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('fixed_fee'), amounts: feeAmounts }).strict(),
  z.object({ type: z.literal('percentage'), percent }).strict(),
  z.object({ type: z.literal('simple_interest'), annualPercent: percent }).strict(),
  z.object({ type: z.literal('uk_late_payment') }).strict(),
  z.object({ type: z.literal('eu_late_payment') }).strict(),
]);

export type ChargePolicy = z.infer<typeof chargePolicySchema>;
export type ActiveChargePolicy = Exclude<ChargePolicy, { type: 'none' }>;
export type StatutoryChargePolicy = Extract<ChargePolicy, { type: RateScheme }>;

export const noCharges: ChargePolicy = { type: 'none' };

export function isStatutory(policy: ChargePolicy): policy is StatutoryChargePolicy {
  return policy.type === 'uk_late_payment' || policy.type === 'eu_late_payment';
}

/** Validates a policy, with one readable sentence naming each problem and where it is. */
export function parseChargePolicy(value: unknown): ParseResult<ChargePolicy> {
  const result = chargePolicySchema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  return { ok: false, message: `${problems.join('; ')} (types: none, fixed_fee, percentage, simple_interest, uk_late_payment, eu_late_payment)` };
}

/** The organisation's policy from its settings JSON; none when it has not set one. */
export function orgChargePolicy(orgSettings: unknown): ParseResult<ChargePolicy> {
  const stored = (orgSettings as { collections?: { chargePolicy?: unknown } } | null)?.collections?.chargePolicy;
  return stored === undefined || stored === null ? { ok: true, value: noCharges } : parseChargePolicy(stored);
}

export interface ChargeableCustomer {
  kind: 'business' | 'consumer';
  /** A consumer who agreed in their contract to pay late charges. */
  chargesLiable: boolean;
  /** The customer's own policy (stored JSON), or null to follow the organisation's. */
  chargePolicy: unknown;
}

export type PolicyDecision =
  | { ok: true; policy: ActiveChargePolicy; origin: 'customer' | 'organisation' }
  | { ok: false; reason: string };

/** Why a policy may never be set for a customer of this kind, or undefined when it may. */
export function policyProblemFor(kind: 'business' | 'consumer', policy: ChargePolicy): string | undefined {
  if (kind === 'consumer' && isStatutory(policy)) {
    return `${policyLabel(policy)} covers business debts only: a consumer is never charged statutory interest or compensation (use fixed_fee, percentage or simple_interest for a consumer who agreed to them by contract)`;
  }
  return undefined;
}

/** The policy that applies to a customer, or why nothing may be charged to them. */
export function customerChargePolicy(orgPolicy: ParseResult<ChargePolicy>, customer: ChargeableCustomer): PolicyDecision {
  const own = customer.chargePolicy === null || customer.chargePolicy === undefined ? undefined : parseChargePolicy(customer.chargePolicy);
  const origin = own ? 'customer' : 'organisation';
  const chosen = own ?? orgPolicy;
  if (!chosen.ok) {
    const fix = origin === 'customer' ? '`arrears charges policy set --customer <id>`' : '`arrears charges policy set`';
    return { ok: false, reason: `the ${origin}'s charge policy is not valid (${chosen.message}); set it again with ${fix}` };
  }
  const policy = chosen.value;
  if (policy.type === 'none') return { ok: false, reason: `the ${origin}'s charge policy is none` };
  if (customer.kind === 'consumer' && !customer.chargesLiable) {
    return { ok: false, reason: 'consumer debt: charges are applied only to a consumer marked as contractually liable for them (charges_liable)' };
  }
  const problem = policyProblemFor(customer.kind, policy);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, policy, origin };
}

/** A short name of a policy for people. */
export function policyLabel(policy: ChargePolicy): string {
  switch (policy.type) {
    case 'none':
      return 'no charges';
    case 'fixed_fee':
      return `fixed fee (${Object.entries(policy.amounts)
        .map(([currency, amount]) => `${currency} ${amount}`)
        .join(', ')}) once per invoice`;
    case 'percentage':
      return `fee of ${policy.percent}% of the overdue amount, once per invoice`;
    case 'simple_interest':
      return `simple interest at ${policy.annualPercent}% a year from the due date`;
    case 'uk_late_payment':
      return 'UK Late Payment of Commercial Debts (Interest) Act 1998: reference rate + 8% and £40/£70/£100 compensation';
    case 'eu_late_payment':
      return 'EU Late Payment Directive 2011/7/EU: reference rate + 8 points and €40 compensation';
  }
}
