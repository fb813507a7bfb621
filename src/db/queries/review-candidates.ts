// The accounts whose review rules fire on a day (domain/reviews/review-policy.ts), in one
// set-based query over the organisation's active cases: for each case, the first rule (in the
// order of `reviewRuleCodes`) that holds and has not fired in that case before, unless a review
// task is already waiting for a person. Never a query per customer.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import { reachedDebtorStatuses } from '../../domain/actions/action-status.ts';
import { reviewRuleCodes, type ReviewRule } from '../../domain/reviews/review-policy.ts';
import type { Executor } from '../executor.ts';
import { chaseableInvoicesSql } from './chaseable.ts';

export interface ReviewThresholds {
  noResponseAfterFinalDays: number;
  brokenPromises: number;
  daysOverdue: number;
  /** Minor units per currency. */
  largeBalance: ReadonlyMap<string, bigint>;
  noContactDays: number;
}

export interface ReviewCandidate {
  case_id: bigint;
  customer_id: bigint;
  rule: ReviewRule;
  /** The facts the reason is written from. */
  final_on: string | null;
  broken_promises: number;
  defaulted_plans: number;
  oldest_due: string;
  last_response_on: string | null;
  invoice_ids: bigint[];
  invoice_numbers: string[];
  /** 'CUR amount' per currency of the chaseable balance. */
  amounts: string[];
}

/** The key that makes each rule fire once per case. */
export const reviewRuleKey = (caseId: bigint, rule: ReviewRule) => `review:${caseId}:${rule}`;

export async function reviewCandidates(db: Executor, orgId: bigint, date: IsoDate, orgTimeZone: string, rules: ReviewThresholds): Promise<ReviewCandidate[]> {
  const large = [...rules.largeBalance];
  const thresholds = large.length ? sql`values ${sql.join(large.map(([currency, amount]) => sql`(${currency}::text, ${amount}::bigint)`))}` : sql`select null::text, null::bigint where false`;
  const localDay = (column: string) => sql`(${sql.ref(column)} at time zone ${orgTimeZone})::date`;
  const { rows } = await sql<ReviewCandidate & { broken_promises: bigint; defaulted_plans: bigint }>`
    with chase as (${chaseableInvoicesSql({ orgId, date, customerPauses: true })}
    ), owed as (
      select customer_id, array_agg(id order by due_date, id) as invoice_ids, array_agg(number order by due_date, id) as invoice_numbers, min(due_date) as oldest_due
        from chase where amount > 0 and due_date < ${date}::date group by customer_id
    ), per_currency as (
      select customer_id, currency, sum(amount)::bigint as amount from chase where amount > 0 and due_date < ${date}::date group by customer_id, currency
    ), large_balance(currency, amount) as (${thresholds}
    ), k as (
      select k.id, k.customer_id, k.opened_on from cases k join customers c on c.org_id = k.org_id and c.id = k.customer_id
       where k.org_id = ${orgId} and k.status = 'active' and c.excluded_reason is null
    ), heard as (
      select a.customer_id, max(${localDay('a.occurred_at')}) as last_on from activities a
       where a.org_id = ${orgId} and a.kind in ('payment', 'promise', 'dispute', 'reply', 'call_outcome', 'credit_note') group by a.customer_id
    ), final_sent as (
      select a.case_id, max(coalesce(a.sent_on, a.cycle_date)) as on_day from actions a
       where a.org_id = ${orgId} and a.kind = 'send' and a.tone = 'final' and a.case_id is not null
         and a.status in (${sql.join(reachedDebtorStatuses.map((status) => sql.lit(status)))})
       group by a.case_id
    ), failed as (
      select k.id as case_id, count(*) filter (where f.kind = 'promise') as promises, count(*) filter (where f.kind = 'plan') as plans
        from (select customer_id, 'promise' as kind, resolved_on from promises where org_id = ${orgId} and status = 'broken'
              union all
              select customer_id, 'plan' as kind, resolved_on from payment_plans where org_id = ${orgId} and status = 'defaulted') f
        join k on k.customer_id = f.customer_id and f.resolved_on >= k.opened_on and f.resolved_on <= ${date}::date
       group by k.id
    ), waiting_review as (
      select distinct case_id from actions where org_id = ${orgId} and channel = 'review' and case_id is not null and status in ('ready', 'planned', 'deferred')
    ), fired as (
      select k.id as case_id, k.customer_id, r.rule, r.position, fs.on_day as final_on, coalesce(fl.promises, 0) as broken_promises, coalesce(fl.plans, 0) as defaulted_plans,
             o.oldest_due, h.last_on as last_response_on, o.invoice_ids, o.invoice_numbers
        from k
        join owed o on o.customer_id = k.customer_id
        left join heard h on h.customer_id = k.customer_id
        left join final_sent fs on fs.case_id = k.id
        left join failed fl on fl.case_id = k.id
        cross join lateral (values
          (${reviewRuleCodes[0]}::text, 0, fs.on_day <= ${date}::date - ${rules.noResponseAfterFinalDays}::int and (h.last_on is null or h.last_on < fs.on_day)),
          (${reviewRuleCodes[1]}::text, 1, coalesce(fl.promises, 0) >= ${rules.brokenPromises} or coalesce(fl.plans, 0) > 0),
          (${reviewRuleCodes[2]}::text, 2, o.oldest_due < ${date}::date - ${rules.daysOverdue}::int),
          (${reviewRuleCodes[3]}::text, 3, coalesce(h.last_on, k.opened_on) <= ${date}::date - ${rules.noContactDays}::int
             and exists (select 1 from per_currency pc join large_balance lb on lb.currency = pc.currency where pc.customer_id = k.customer_id and pc.amount >= lb.amount))
        ) as r(rule, position, holds)
       where r.holds
         and not exists (select 1 from waiting_review w where w.case_id = k.id)
         and not exists (select 1 from actions a where a.org_id = ${orgId} and a.idempotency_key = 'review:' || k.id || ':' || r.rule)
    )
    select distinct on (f.case_id) f.*, (select array_agg(pc.currency || ' ' || pc.amount order by pc.currency) from per_currency pc where pc.customer_id = f.customer_id) as amounts
      from fired f
     order by f.case_id, f.position`.execute(db);
  return rows.map((row) => ({ ...row, broken_promises: Number(row.broken_promises), defaulted_plans: Number(row.defaulted_plans) }));
}
