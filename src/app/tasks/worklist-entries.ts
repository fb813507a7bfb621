// Which items the worklist holds, and their rank, in the database: one row per item (its source
// table, id and kind), each kind's condition written once here. The dashboard's day's work counts
// these rows per kind; the worklist ranks them all by the order of domain/worklist-order.ts and
// reads the details of one page only (build-worklist.ts). At a hundred thousand review tasks,
// building every item in JavaScript to count them or to show the first 500 cost tens of seconds.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { stakedActions, stakesTransaction, weighed, type StakeScales, type StakesMode } from '../../db/queries/worklist-stakes.ts';
import type { DB } from '../../db/schema.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { planNeedsOwner, policyForCustomer } from '../../domain/arrangements/policy.ts';
import type { CustomerProfile } from '../../domain/playbooks/conditions.ts';
import { currencyExponents } from '../../domain/currencies.ts';
import { stakeScale } from '../../domain/worklist-order.ts';
import { arrangementPolicyOf } from '../arrangements/arrangement-policy-of.ts';
import { worklistActionRows } from './list-tasks.ts';

export const worklistKinds = ['call', 'review', 'send_failed', 'send_blocked', 'letter_held', 'promise_due', 'promise_broken', 'settlement_approval', 'plan_approval'] as const;
export type WorklistKind = (typeof worklistKinds)[number];

/** A broken promise stays on the worklist this many days (unless a new promise is made). */
export const brokenPromiseDays = 7;

/** Where an item comes from; also the last tie-break of the order (ids of two tables may be equal). */
export const worklistSources = ['task', 'blocked', 'promise', 'settlement', 'plan'] as const;
export type WorklistSource = (typeof worklistSources)[number];

/**
 * The worklist's actions (sources 'task' and 'blocked'): source, id, kind, customer_id and
 * invoice_ids: what their stakes are stored and ranked from (db/queries/worklist-stakes.ts).
 */
function worklistActions(db: Executor, orgId: bigint, today: IsoDate): RawBuilder<unknown> {
  const tasks = worklistActionRows(db, orgId).select(['actions.id', 'actions.channel', 'actions.status', 'actions.customer_id', 'actions.invoice_ids']);
  return sql`
    select 0 as source, t.id, case when t.channel in ('call', 'review') then t.channel when t.status = 'failed' then 'send_failed' else 'letter_held' end as kind,
           t.customer_id, t.invoice_ids
      from (${tasks}) t
    union all
    select 1, a.id, 'send_blocked', a.customer_id, a.invoice_ids
      from actions a
     where a.org_id = ${orgId} and a.kind = 'send' and a.status = 'blocked' and a.cycle_date = ${today}::date`;
}

/**
 * The worklist's other items (sources 'promise', 'settlement', 'plan'): source, id, kind; what is
 * at stake, amount in currency; and late_from, the due date its days late count from.
 */
async function otherEntries(db: Executor, orgId: bigint, today: IsoDate): Promise<RawBuilder<unknown>> {
  const since = addDays(today, -brokenPromiseDays);
  const plans = await ownerPlans(db, orgId, today);
  return sql`
    select 2 as source, p.id, case when p.status = 'pending' then 'promise_due' else 'promise_broken' end as kind, p.currency, p.amount,
           case when p.status = 'broken' then p.due_on end as late_from
      from promises p
     where p.org_id = ${orgId}
       and ((p.status = 'pending' and p.due_on = ${today}::date)
         or (p.status = 'broken' and p.resolved_on >= ${since}::date
             and not exists (select 1 from promises newer where newer.org_id = p.org_id and newer.customer_id = p.customer_id and newer.id > p.id)))
    union all
    select 3, s.id, 'settlement_approval', s.currency, s.owed,
           (select min(i.due_date) from settlement_invoices si join invoices i on i.org_id = si.org_id and i.id = si.invoice_id
             where si.org_id = s.org_id and si.settlement_id = s.id)
      from settlements s
     where s.org_id = ${orgId} and s.status = 'awaiting_approval'
    union all
    select 4, p.id, 'plan_approval', p.currency, p.total,
           (select min(i.due_date) from payment_plan_invoices pi join invoices i on i.org_id = pi.org_id and i.id = pi.invoice_id
             where pi.org_id = p.org_id and pi.plan_id = p.id)
      from payment_plans p
     where p.org_id = ${orgId} and p.id = any(${plans.map(String)}::bigint[])`;
}

/** The weights of stakeScale per currency, as the stored stakes were weighed (the same text tells a change of them). */
function stakeScales(): StakeScales {
  const codes = [...currencyExponents().keys()].sort();
  return JSON.stringify(Object.fromEntries(codes.map((code) => [code, stakeScale(code).toString()])));
}

/**
 * Brings the stored stakes of the worklist's actions up to date without ranking them
 * (db/queries/worklist-stakes.ts): after the daily cycle (jobs/scheduler.ts), which weighs the
 * day's new tasks then rather than at the first load, and forgets the invoice changes noted for an
 * organisation nobody opens the worklist of.
 */
export async function refreshStakes(db: Kysely<DB>, orgId: bigint, today: IsoDate): Promise<void> {
  await stakesTransaction(db, orgId, true, (tx) => sql`with ${stakedActions(orgId, worklistActions(tx, orgId, today), stakeScales(), 'store')} select 1`.execute(tx));
}

/**
 * refreshStakes after a day's cycle has committed (the scheduler, `arrears cycle`, POST /cycle/run):
 * the error, if one, is returned, not thrown — the cycle stands, and the next worklist load brings
 * the stakes up to date itself.
 */
export async function refreshStakesAfterCycle(db: Kysely<DB>, orgId: bigint, date: IsoDate): Promise<unknown> {
  try {
    await refreshStakes(db, orgId, date);
    return null;
  } catch (error) {
    return error;
  }
}

/** Proposed payment plans only an owner may accept (policy.ts planNeedsOwner, by the customer's segment): few, read whole. */
async function ownerPlans(db: Executor, orgId: bigint, today: IsoDate): Promise<bigint[]> {
  const { rows } = await sql<{ id: bigint; within_policy: boolean; kind: CustomerProfile['kind']; tags: string[]; risk: CustomerProfile['risk']; customer_since: IsoDate | null }>`
    select p.id, p.within_policy, c.kind, c.tags, c.risk, c.customer_since
      from payment_plans p
      join customers c on c.org_id = p.org_id and c.id = p.customer_id
     where p.org_id = ${orgId} and p.status = 'proposed'`.execute(db);
  if (rows.length === 0) return [];
  const policy = await arrangementPolicyOf(db, orgId);
  return rows
    .filter((row) => planNeedsOwner(row.within_policy, policyForCustomer(policy, { kind: row.kind, tags: row.tags, risk: row.risk, customerSince: row.customer_since }, today)))
    .map((row) => row.id);
}

/** Items per kind (every kind present, 0 when none): the worklist's counts and the dashboard's day's work. */
export async function worklistCounts(db: Executor, orgId: bigint, today: IsoDate): Promise<Record<WorklistKind, number>> {
  const { rows } = await sql<{ kind: WorklistKind; n: number }>`
    select e.kind, count(*)::int as n
      from (select a.kind from (${worklistActions(db, orgId, today)}) a union all select o.kind from (${await otherEntries(db, orgId, today)}) o) e
     group by e.kind`.execute(db);
  const counts = Object.fromEntries(worklistKinds.map((kind) => [kind, 0])) as Record<WorklistKind, number>;
  for (const row of rows) counts[row.kind] = Number(row.n);
  return counts;
}

export interface RankedEntry {
  source: WorklistSource;
  id: bigint;
}

/**
 * A page of the worklist's items (of the kinds asked, all when none), in the order of
 * compareWorklistItems: promises due today first; then stake × days late, the stake weighted per
 * currency by stakeScale; then days late; then the id (and the source). Ranked here over every
 * item; one row more than the page says whether there is a next one. The actions' stakes are the
 * stored ones, brought up to date by the same statement (db/queries/worklist-stakes.ts; while
 * another load is storing them, the stale ones are recomputed and not stored); inside a
 * caller's transaction (whose snapshot may move from one statement to the next, and which must
 * not wait for the stakes lock) they are computed live from every action's invoices, and nothing
 * is stored.
 */
export async function rankedEntries(db: Executor, orgId: bigint, today: IsoDate, page: { kinds?: readonly WorklistKind[]; offset: number; limit: number | null }): Promise<RankedEntry[]> {
  const scales = stakeScales();
  const rank = async (on: Executor, mode: StakesMode) => {
    const kinds = page.kinds && page.kinds.length > 0 ? sql`where r.kind = any(${[...page.kinds]}::text[])` : sql``;
    const { rows } = await sql<{ source: number; id: bigint }>`
      with ${stakedActions(orgId, worklistActions(on, orgId, today), scales, mode)},
           ranked as (
             select s.source, s.id, s.kind, false as due_today, s.weight,
                    greatest(${today}::date - coalesce(s.oldest, ${today}::date), 0) as days_late
               from staked s
             union all
             select o.source, o.id, o.kind, o.kind = 'promise_due', coalesce(${weighed(sql`o.amount`, sql`o.currency`, scales)}, 0),
                    greatest(${today}::date - coalesce(o.late_from, ${today}::date), 0)
               from (${await otherEntries(on, orgId, today)}) o)
      select r.source, r.id from ranked r ${kinds}
       order by r.due_today desc, r.weight * r.days_late desc, r.days_late desc, r.id, r.source
       limit ${page.limit === null ? null : page.limit + 1} offset ${page.offset}`.execute(on);
    return rows.map((row) => ({ source: worklistSources[Number(row.source)]!, id: row.id }));
  };
  return db.isTransaction ? rank(db, 'live') : stakesTransaction(db as Kysely<DB>, orgId, false, (tx, locked) => rank(tx, locked ? 'store' : 'stored'));
}
