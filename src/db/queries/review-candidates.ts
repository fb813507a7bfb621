// The accounts whose review rules fire on a day (domain/reviews/review-policy.ts): for each active
// case, the first rule (in the order of `reviewRuleCodes`) that holds and has not fired in that case
// before, unless a review task is already waiting for a person. Never a query per customer.
//
// In two steps, because each rule fires once per case and most cases have a review waiting or
// nothing new: first the customers a rule could newly fire for, from the run's list
// (chase-customers.ts) and the small tables, without reading an invoice; then the rules exactly,
// from the chaseable invoices of those customers only. The first step keeps every customer the
// second would find: it evaluates the same rules (`firedSql`, one text for both) on bounds of the
// invoice facts — the chaseable invoices are some of the open ones the list read, and an invoice's
// chaseable amount never exceeds its balance.
import { sql, type RawBuilder } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import { reachedDebtorStatuses } from '../../domain/actions/action-status.ts';
import { reviewRuleCodes, type ReviewRule } from '../../domain/reviews/review-policy.ts';
import type { Executor } from '../executor.ts';
import type { ChaseList } from './chase-customers.ts';
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
  /** 'CUR amount' per currency of the chaseable balance. */
  amounts: string[];
}

/**
 * The reviews to queue on the run's date: their facts here, and on the server a table of the run's
 * own (`review_found`, dropped by `dropFoundReviews` once the tasks are written, or when the transaction ends) with each
 * case's invoices past due — `invoice_ids`, `invoice_numbers`, `amounts` as the actions store
 * them. The invoice lists, tens of thousands of them on a first day, never travel to the
 * application and back: `insertReviewTasks` (actions.ts) writes the tasks from that table.
 */
export interface FoundReviews {
  readonly candidates: ReviewCandidate[];
  /** Null when nothing was found (no table was made). */
  readonly table: typeof foundTable | null;
}

const foundTable = sql.table('review_found');

/** Drops the run's `review_found` once its tasks are written: a simulation runs many days in one transaction. */
export async function dropFoundReviews(db: Executor): Promise<void> {
  await sql`drop table if exists ${foundTable}`.execute(db);
}

/** The key that makes each rule fire once per case. */
export const reviewRuleKey = (caseId: bigint, rule: ReviewRule) => `review:${caseId}:${rule}`;

interface ReviewScope {
  orgId: bigint;
  date: IsoDate;
  orgTimeZone: string;
  rules: ReviewThresholds;
}

/** The reviews to queue on the run's date: the customers a rule could newly fire for, then the rules exactly for them. */
export async function findReviews(db: Executor, list: ChaseList, orgTimeZone: string, rules: ReviewThresholds): Promise<FoundReviews> {
  const scope = { orgId: list.orgId, date: list.date, orgTimeZone, rules };
  const customers = await reviewProspects(db, list, scope);
  if (customers.length === 0) return { candidates: [], table: null };
  await storeExactCandidates(db, scope, customers);
  const { rows } = await sql<ReviewCandidate & { broken_promises: bigint; defaulted_plans: bigint }>`
    select case_id, customer_id, rule, final_on, broken_promises, defaulted_plans, oldest_due, last_response_on, amounts
      from ${foundTable} order by case_id`.execute(db);
  return { candidates: rows.map((row) => ({ ...row, broken_promises: Number(row.broken_promises), defaulted_plans: Number(row.defaulted_plans) })), table: foundTable };
}

/**
 * The customers a rule could newly fire for: `firedSql` over each active case with an overdue
 * balance in the run's list, with `oldest_due` the list's oldest overdue due date (no later than
 * the oldest chaseable one) and `large` whether the list's overdue balance, plus what the run has
 * charged since, reaches the threshold of its currency (no less than the chaseable balance).
 */
async function reviewProspects(db: Executor, list: ChaseList, scope: ReviewScope): Promise<bigint[]> {
  const { orgId, date } = scope;
  const { rows } = await sql<{ customer_id: bigint }>`
    with ${reviewFactsSql(scope)}, large_balance(currency, amount) as (${largeBalanceSql(scope.rules)}
    ), charged as (
      -- The run's charges came after the list: each is on an open invoice past its due date, which
      -- the list counted in its currency. A charge of the day made before the list is counted twice
      -- (the bound only grows); a reversal (negative) is left out (likewise).
      select i.customer_id, money_sum(ch.amount) as amount from charges ch join invoices i on i.org_id = ch.org_id and i.id = ch.invoice_id
       where ch.org_id = ${orgId} and ch.charged_on = ${date}::date and ch.amount > 0
       group by i.customer_id
    ), accounts as (
      -- A customer whose overdue invoices are in more than one currency is compared with the lowest
      -- threshold: its balance in any one currency is at most the sum over all of them.
      select k.customer_id, k.id as case_id, k.opened_on, l.oldest_overdue as oldest_due,
             coalesce(l.overdue_balance + coalesce(ch.amount, 0) >= case when l.overdue_currency is null then (select min(amount) from large_balance) else lb.amount end, false) as large
        from k join ${list.table} l on l.customer_id = k.customer_id
        left join charged ch on ch.customer_id = k.customer_id
        left join large_balance lb on lb.currency = l.overdue_currency
       where l.oldest_overdue is not null
    ), ${firedSql(scope)}
    select distinct customer_id from fired`.execute(db);
  return rows.map((row) => row.customer_id);
}

/** The rules exactly, from the chaseable invoices, for the customers given: into the run's `review_found`. */
async function storeExactCandidates(db: Executor, scope: ReviewScope, customers: bigint[]): Promise<void> {
  const { orgId, date } = scope;
  await sql`
    create temporary table ${foundTable} on commit drop as
    with ${reviewFactsSql(scope, customers)}, chase as (${chaseableInvoicesSql({ orgId, date, customerPauses: true, where: sql`and i.customer_id = any(${customers}::bigint[])` })}
    ), owed as (
      -- the invoices chased past their due date
      select customer_id, id, number, due_date, currency, amount from chase where amount > 0 and due_date < ${date}::date
    ), large_balance(currency, amount) as (${largeBalanceSql(scope.rules)}
    ), owed_invoices as materialized (
      -- one sort of all the rows, aggregated in that order (an aggregate keeps its input's order),
      -- rather than a sort per customer and aggregate
      select customer_id, array_agg(id) as invoice_ids, array_agg(number) as invoice_numbers, min(due_date) as oldest_due
        from (select customer_id, id, number, due_date from owed order by customer_id, due_date, id) o
       group by customer_id
    ), owed_amounts as materialized (
      -- the balance per currency, 'CUR amount' in currency order (and as the actions store it),
      -- and whether one reaches its threshold
      select c.customer_id, array_agg(c.currency || ' ' || c.owed order by c.currency) as amounts, jsonb_object_agg(c.currency, c.owed) as amounts_json,
             coalesce(bool_or(c.owed >= lb.amount), false) as large
        from (select customer_id, currency, money_sum(amount) as owed from owed group by customer_id, currency) c
        left join large_balance lb on lb.currency = c.currency
       group by c.customer_id
    ), accounts as materialized (
      -- Each active case whose customer owes something past due, with those invoices and the
      -- balance per currency. The three are grouped together by customer, not joined: on a first
      -- day the new cases have no statistics, and a join planned for one case read the other side
      -- again for each case (minutes at 100,000 cases).
      select u.customer_id, max(u.case_id) as case_id, max(u.opened_on) as opened_on, max(u.invoice_ids) as invoice_ids,
             max(u.invoice_numbers) as invoice_numbers, max(u.oldest_due) as oldest_due, max(u.amounts) as amounts,
             (array_agg(u.amounts_json) filter (where u.amounts_json is not null))[1] as amounts_json, bool_or(u.large) as large
        from (select customer_id, id as case_id, opened_on, null::bigint[] as invoice_ids, null::text[] as invoice_numbers, null::date as oldest_due, null::text[] as amounts,
                     null::jsonb as amounts_json, null::boolean as large from k
              union all
              select customer_id, null, null, invoice_ids, invoice_numbers, oldest_due, null, null, null from owed_invoices
              union all
              select customer_id, null, null, null, null, null, amounts, amounts_json, large from owed_amounts) u
       group by u.customer_id
      having count(u.case_id) > 0 and count(u.invoice_ids) > 0
    ), ${firedSql(scope)}
    select distinct on (f.case_id) f.case_id, f.customer_id, f.rule, f.final_on, f.broken_promises, f.defaulted_plans, f.oldest_due, f.last_response_on,
           a.invoice_ids, a.invoice_numbers, a.amounts, a.amounts_json
      from fired f join accounts a on a.case_id = f.case_id
     order by f.case_id, f.position`.execute(db);
}

/** The policy's large-balance thresholds as rows (currency, amount). */
function largeBalanceSql(rules: ReviewThresholds): RawBuilder<unknown> {
  const large = [...rules.largeBalance];
  return large.length ? sql`values ${sql.join(large.map(([currency, amount]) => sql`(${currency}::text, ${amount}::bigint)`))}` : sql`select null::text, null::bigint where false`;
}

/**
 * What both steps read besides the invoices, as CTEs: `k` the active cases of customers not
 * excluded with no review waiting for a person (most cases, once their rule has fired), `heard` the
 * last day each customer responded, `final_sent` the last final notice that reached the debtor in
 * each case, `failed` the promises broken and plans defaulted in each case. Restricted to
 * `customers` when given (then the join to `customers c` is restricted too: PostgreSQL carries
 * `= any(list)` across no join).
 */
function reviewFactsSql({ orgId, date, orgTimeZone }: ReviewScope, customers?: bigint[]): RawBuilder<unknown> {
  const localDay = (column: string) => sql`(${sql.ref(column)} at time zone ${orgTimeZone})::date`;
  const only = (column: string) => (customers ? sql`and ${sql.ref(column)} = any(${customers}::bigint[])` : sql``);
  // NOT IN over an uncorrelated subquery: hashed once whatever the estimates (actions_review, migration 0031)
  return sql`k as (
      select k.id, k.customer_id, k.opened_on from cases k join customers c on c.org_id = k.org_id and c.id = k.customer_id
       where k.org_id = ${orgId} and k.status = 'active' and c.excluded_reason is null ${only('k.customer_id')} ${only('c.id')}
         and k.id not in (select w.case_id from actions w where w.org_id = ${orgId} and w.channel = 'review' and w.case_id is not null and w.status in ('ready', 'planned', 'deferred'))
    ), heard as (
      select a.customer_id, max(${localDay('a.occurred_at')}) as last_on from activities a
       where a.org_id = ${orgId} and a.kind in ('payment', 'promise', 'dispute', 'reply', 'call_outcome', 'credit_note') ${only('a.customer_id')} group by a.customer_id
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
    )`;
}

/**
 * The rules, one text for both steps: `fired`, each rule that holds for an account of `accounts`
 * (case_id, customer_id, opened_on, oldest_due, large; cases of `k`) and has not fired in its case,
 * with the facts its reason is written from.
 */
function firedSql({ orgId, date, rules }: ReviewScope): RawBuilder<unknown> {
  return sql`fired as (
      select a.case_id, a.customer_id, r.rule, r.position, fs.on_day as final_on, coalesce(fl.promises, 0) as broken_promises, coalesce(fl.plans, 0) as defaulted_plans,
             a.oldest_due, h.last_on as last_response_on
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
         -- OFFSET 0 keeps this a lookup of the key for each rule that holds (a few hundred on most
         -- days): made a join, it was planned on the estimates of the run's list (a temporary table,
         -- never analysed) as a hash of every idempotency key of the organisation
         and not exists (select 1 from actions x where x.org_id = ${orgId} and x.idempotency_key = 'review:' || a.case_id || ':' || r.rule offset 0)
    )`;
}
