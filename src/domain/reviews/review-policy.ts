// When an account goes to a person for review (DESIGN §2, point 8: know early when to ask for
// help), and what each way of handing it over would recover: an organisation's policy
// (orgs.settings.collections.reviewPolicy), each value with a default.
import { z } from 'zod';
import { isCurrencyCode } from '../currencies.ts';
import { parseAmount, type ParseResult } from '../money.ts';

/** A decimal amount per currency, e.g. { "GBP": "5000.00" }. */
const amountsByCurrency = z.record(z.string().regex(/^[A-Z]{3}$/, 'a currency code such as GBP'), z.string().regex(/^\d+(\.\d+)?$/, 'an amount such as 5000.00'));
/** A percentage with at most two decimals, kept exact as basis points. */
const percent = z.number().min(0).max(100).multipleOf(0.01, 'at most two decimals');

export const reviewPolicySchema = z
  .object({
    /** Days after the final notice reached them with no response (payment, promise, dispute, reply, conversation). */
    noResponseAfterFinalDays: z.number().int().min(1).max(365).default(14),
    /** Promises broken in the case before it goes to review (a defaulted plan sends it at once). */
    brokenPromises: z.number().int().min(1).max(20).default(2),
    /** The oldest chaseable invoice more than this many days overdue. */
    daysOverdue: z.number().int().min(1).max(3650).default(120),
    /** A chaseable balance at least this (per currency; a currency not listed never triggers) … */
    largeBalance: amountsByCurrency.default({ GBP: '5000.00', USD: '5000.00', EUR: '5000.00' }),
    /** … with nothing heard from the debtor in this many days. */
    noContactDays: z.number().int().min(1).max(365).default(30),
    /** What part of the balance each route recovers, in this organisation's experience, and what it costs. */
    recovery: z
      .object({
        agency: z.object({ ratePercent: percent.default(50), commissionPercent: percent.default(25) }).strict().prefault({}),
        smallClaims: z.object({ ratePercent: percent.default(60), courtFee: amountsByCurrency.default({ GBP: '115.00', USD: '75.00', EUR: '100.00' }) }).strict().prefault({}),
        settlement: z.object({ ratePercent: percent.default(70) }).strict().prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ReviewPolicy = z.infer<typeof reviewPolicySchema>;

/** Each amount is one its currency can hold (no third decimal for GBP, none at all for JPY). */
function amountProblems(policy: ReviewPolicy): string[] {
  const amounts = [...Object.entries(policy.largeBalance).map(([currency, text]) => ['largeBalance', currency, text] as const), ...Object.entries(policy.recovery.smallClaims.courtFee).map(([currency, text]) => ['recovery.smallClaims.courtFee', currency, text] as const)];
  return amounts.flatMap(([field, currency, text]) => {
    if (!isCurrencyCode(currency)) return [`${field}.${currency}: not a currency Arrears knows`];
    const amount = parseAmount(text, currency);
    return amount.ok ? [] : [`${field}.${currency}: "${text}" ${amount.message}`];
  });
}

export function parseReviewPolicy(value: unknown): ParseResult<ReviewPolicy> {
  const result = reviewPolicySchema.safeParse(value ?? {});
  if (result.success) {
    const problems = amountProblems(result.data);
    return problems.length === 0 ? { ok: true, value: result.data } : { ok: false, message: problems.join('; ') };
  }
  return { ok: false, message: result.error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('; ') };
}

/** The rules that put an account in the review queue; each fires once per case. */
export const reviewRules = {
  final_no_response: 'no response after the final notice',
  broken_arrangements: 'promises broken or a payment plan defaulted',
  long_overdue: 'long overdue',
  large_balance_no_contact: 'a large balance and nothing heard',
} as const;
export type ReviewRule = keyof typeof reviewRules;
export const reviewRuleCodes = Object.keys(reviewRules) as ReviewRule[];
