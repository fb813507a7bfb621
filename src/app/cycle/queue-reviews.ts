// Knowing when to ask for help: the daily cycle puts each account whose review rule fires
// (domain/reviews/review-policy.ts, found set-based by db/queries/review-candidates.ts)
// in the review queue, as a review task carrying the rule and the facts behind it. What each route
// would recover is worked out when the task is opened (app/tasks/show-review-task.ts), from the
// balance then.
import { Temporal } from 'temporal-polyfill';
import type { Transaction } from 'kysely';
import { insertReviewTasks } from '../../db/queries/actions.ts';
import type { ChaseList } from '../../db/queries/chase-customers.ts';
import { dropFoundReviews, findReviews, reviewRuleKey, type ReviewCandidate } from '../../db/queries/review-candidates.ts';
import type { DB, Org } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import type { CollectionSettings } from '../../domain/collection-settings.ts';
import { formatMoney, parseAmount } from '../../domain/money.ts';
import { parseReviewPolicy, reviewRules, type ReviewPolicy } from '../../domain/reviews/review-policy.ts';
import { AppError } from '../../errors.ts';

/** The organisation's review policy, defaults filled in; a clear error when what is stored is not valid. */
export function reviewPolicyOf(settings: CollectionSettings): ReviewPolicy {
  const policy = parseReviewPolicy(settings.reviewPolicy);
  if (!policy.ok) throw new AppError('invalid_config', `the organisation's review policy (settings.collections.reviewPolicy) is not valid: ${policy.message}`);
  return policy.value;
}

/** Queues the reviews of the run's date, working from the run's list; returns how many were queued. */
export async function queueReviews(tx: Transaction<DB>, org: Org, list: ChaseList, settings: CollectionSettings): Promise<number> {
  const { date } = list;
  const policy = reviewPolicyOf(settings);
  const largeBalance = new Map<string, bigint>();
  for (const [currency, text] of Object.entries(policy.largeBalance)) {
    const amount = parseAmount(text, currency);
    if (!amount.ok) throw new AppError('invalid_config', `reviewPolicy.largeBalance.${currency}: "${text}" ${amount.message}`);
    largeBalance.set(currency, amount.value);
  }
  const found = await findReviews(tx, list, org.time_zone, { ...policy, largeBalance });
  if (found.table === null) return 0;
  // due at the organisation's send hour on the day, like the cycle's other tasks
  const dueAt = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: org.time_zone, plainTime: Temporal.PlainTime.from({ hour: settings.sendHour }) }).toInstant().toString();
  const queued = await insertReviewTasks(
    tx,
    org.id,
    found.table,
    found.candidates.map((candidate) => ({
      caseId: candidate.case_id,
      key: reviewRuleKey(candidate.case_id, candidate.rule),
      stepKey: `review:${candidate.rule}`,
      stepName: `Review (${reviewRules[candidate.rule]}): agency, small claims, settlement or write-off`,
      reason: reviewReason(candidate, policy, date),
      data: { reviewRule: candidate.rule },
    })),
    { cycleDate: date, dueAt, tone: 'final', template: 'review-escalation' },
  );
  await dropFoundReviews(tx);
  return queued;
}

/** The rule that fired and the facts that made it fire, in a sentence. */
export function reviewReason(candidate: ReviewCandidate, policy: ReviewPolicy, date: IsoDate): string {
  const heard = candidate.last_response_on ? `last heard from on ${candidate.last_response_on}` : 'never heard from';
  switch (candidate.rule) {
    case 'final_no_response':
      return `No response in ${policy.noResponseAfterFinalDays} days after the final notice of ${candidate.final_on} (${heard}).`;
    case 'broken_arrangements':
      return candidate.defaulted_plans > 0
        ? `A payment plan defaulted in this case${candidate.broken_promises ? `, and ${candidate.broken_promises} promise(s) were broken` : ''}.`
        : `${candidate.broken_promises} promises to pay broken in this case (the rule: ${policy.brokenPromises}).`;
    case 'long_overdue':
      return `The oldest invoice, due on ${candidate.oldest_due}, is more than ${policy.daysOverdue} days overdue on ${date}.`;
    case 'large_balance_no_contact':
      return `A balance of ${candidate.amounts.map((entry) => entry.split(' ')).map(([currency, amount]) => formatMoney(BigInt(amount!), currency!)).join(', ')}, at or above the threshold (${Object.entries(policy.largeBalance).map(([c, a]) => `${c} ${a}`).join(', ')}), and nothing heard in ${policy.noContactDays} days (${heard}).`;
  }
}
