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
      -- the invoices chased past their due date, each with its customer's total in its currency
      select customer_id, id, number, due_date, currency, sum(amount) over (partition by customer_id, currency)::bigint as currency_owed
        from chase where amount > 0 and due_date < ${date}::date
    ), large_balance(currency, amount) as (${thresholds}
    ), k as (
      select k.id, k.customer_id, k.opened_on from cases k join customers c on c.org_id = k.org_id and c.id = k.customer_id
       where k.org_id = ${orgId} and k.status = 'active' and c.excluded_reason is null
    ), accounts as materialized (
      -- Each active case whose customer owes something past due, with those invoices and the
      -- balance per currency. The cases and the invoices are grouped together by customer, not
      -- joined: on a first day the new cases have no statistics, and a join planned for one case
      -- aggregated every invoice again for each case (≈ 1 ms a case at 100 customers, minutes at
      -- 20,000).
      select u.customer_id, max(u.case_id) as case_id, max(u.opened_on) as opened_on,
             array_agg(u.id order by u.due_date, u.id) filter (where u.id is not null) as invoice_ids,
             array_agg(u.number order by u.due_date, u.id) filter (where u.id is not null) as invoice_numbers,
             min(u.due_date) as oldest_due,
             -- 'CUR amount' in currency order (a code is three letters)
             array_agg(distinct u.currency || ' ' || u.currency_owed) filter (where u.id is not null) as amounts,
             coalesce(bool_or(u.currency_owed >= lb.amount), false) as large
        from (select customer_id, id, number, due_date, currency, currency_owed, null::bigint as case_id, null::date as opened_on from owed
              union all
              select customer_id, null, null, null, null, null, id, opened_on from k) u
        left join large_balance lb on lb.currency = u.currency
       group by u.customer_id
      having count(u.case_id) > 0 and count(u.id) > 0
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
      select a.case_id, a.customer_id, r.rule, r.position, fs.on_day as final_on, coalesce(fl.promises, 0) as broken_promises, coalesce(fl.plans, 0) as defaulted_plans,
             a.oldest_due, h.last_on as last_response_on, a.invoice_ids, a.invoice_numbers, a.amounts
        from accounts a
        left join heard h on h.customer_id = a.customer_id
        left join final_sent fs on fs.case_id = a.case_id
        left join failed fl on fl.case_id = a.case_id
        cross join lateral (values
          (${reviewRuleCodes[0]}::text, 0, fs.on_day <= ${date}::date - ${rules.noResponseAfterFinalDays}::int and (h.last_on is null or h.last_on < fs.on_day)),
          (${reviewRuleCodes[1]}::text, 1, coalesce(fl.promises, 0) >= ${rules.brokenPromises} or coalesce(fl.plans, 0) > 0),
          (${reviewRuleCodes[2]}::text, 2, a.oldest_due < ${date}::date - ${rules.daysOverdue}::int),
          (${reviewRuleCodes[3]}::text, 3, coalesce(h.last_on, a.opened_on) <= ${date}::date - ${rules.noContactDays}::int and a.large)
        ) as r(rule, position, holds)
       where r.holds
         and not exists (select 1 from waiting_review w where w.case_id = a.case_id)
         and not exists (select 1 from actions x where x.org_id = ${orgId} and x.idempotency_key = 'review:' || a.case_id || ':' || r.rule)
    )
    select distinct on (f.case_id) f.*
      from fired f
     order by f.case_id, f.position`.execute(db);
  return rows.map((row) => ({ ...row, broken_promises: Number(row.broken_promises), defaulted_plans: Number(row.defaulted_plans) }));
}
