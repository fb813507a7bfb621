// Which items the worklist holds, and their rank, in the database: one row per item (its source
// table, id and kind), each kind's condition written once here. The dashboard's day's work counts
// these rows per kind; the worklist ranks them all by the order of domain/worklist-order.ts and
// reads the details of one page only (build-worklist.ts). At a hundred thousand review tasks,
// building every item in JavaScript to count them or to show the first 500 cost tens of seconds.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { actionStakes, refreshWorklistStakes, scalesRelation, type StakeScales } from '../../db/queries/worklist-stakes.ts';
import type { DB } from '../../db/schema.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { planNeedsOwner, policyForCustomer } from '../../domain/arrangements/policy.ts';
import type { CustomerProfile } from '../../domain/playbooks/conditions.ts';
import { currencyExponents } from '../../domain/currencies.ts';
import { stakeScale } from '../../domain/worklist-order.ts';
import { arrangementPolicyOf } from '../arrangements/arrangement-policy-of.ts';
import { worklistActionsQuery } from './list-tasks.ts';

export const worklistKinds = ['call', 'review', 'send_failed', 'send_blocked', 'letter_held', 'promise_due', 'promise_broken', 'settlement_approval', 'plan_approval'] as const;
export type WorklistKind = (typeof worklistKinds)[number];

/** A broken promise stays on the worklist this many days (unless a new promise is made). */
export const brokenPromiseDays = 7;

/** Where an item comes from; also the last tie-break of the order (ids of two tables may be equal). */
export const worklistSources = ['task', 'blocked', 'promise', 'settlement', 'plan'] as const;
export type WorklistSource = (typeof worklistSources)[number];

/**
 * The worklist's actions (sources 'task' and 'blocked'): source, id, kind, customer_id and
 * invoice_ids. Their stakes are stored from these rows (refreshStakes) and ranked with them.
 */
function worklistActions(db: Executor, orgId: bigint, today: IsoDate): RawBuilder<unknown> {
  const tasks = worklistActionsQuery(db, orgId).clearSelect().clearOrderBy().select(['actions.id', 'actions.channel', 'actions.status', 'actions.customer_id', 'actions.invoice_ids']);
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
 * The worklist's items: source, id, kind; what is at stake, either the open balance of
 * invoice_ids (for an action: read from the ledger, payments since it was planned count) or
 * amount in currency; and late_from, the due date its days late count from when that is not the
 * oldest of invoice_ids.
 */
async function worklistEntries(db: Executor, orgId: bigint, today: IsoDate): Promise<RawBuilder<unknown>> {
  const since = addDays(today, -brokenPromiseDays);
  const plans = await ownerPlans(db, orgId, today);
  return sql`
    select a.source, a.id, a.kind, a.invoice_ids, null::text as currency, null::bigint as amount, null::date as late_from
      from (${worklistActions(db, orgId, today)}) a
    union all
    select 2, p.id, case when p.status = 'pending' then 'promise_due' else 'promise_broken' end, null, p.currency, p.amount,
           case when p.status = 'broken' then p.due_on end
      from promises p
     where p.org_id = ${orgId}
       and ((p.status = 'pending' and p.due_on = ${today}::date)
         or (p.status = 'broken' and p.resolved_on >= ${since}::date
             and not exists (select 1 from promises newer where newer.org_id = p.org_id and newer.customer_id = p.customer_id and newer.id > p.id)))
    union all
    select 3, s.id, 'settlement_approval', null, s.currency, s.owed,
           (select min(i.due_date) from settlement_invoices si join invoices i on i.org_id = si.org_id and i.id = si.invoice_id
             where si.org_id = s.org_id and si.settlement_id = s.id)
      from settlements s
     where s.org_id = ${orgId} and s.status = 'awaiting_approval'
    union all
    select 4, p.id, 'plan_approval', null, p.currency, p.total,
           (select min(i.due_date) from payment_plan_invoices pi join invoices i on i.org_id = pi.org_id and i.id = pi.invoice_id
             where pi.org_id = p.org_id and pi.plan_id = p.id)
      from payment_plans p
     where p.org_id = ${orgId} and p.id = any(${plans.map(String)}::bigint[])`;
}

/** The weights of stakeScale for every currency, as the stored stakes were weighed (their fingerprint tells a change of them). */
function stakeScales(): StakeScales {
  const codes = [...currencyExponents().keys()].sort();
  const scales = codes.map((code) => stakeScale(code).toString());
  return { codes, scales, fingerprint: codes.map((code, index) => `${code}:${scales[index]}`).join(',') };
}

/**
 * Brings the stored stakes of the worklist's actions up to date (db/queries/worklist-stakes.ts):
 * at the start of each ranking, and after the daily cycle (jobs/scheduler.ts), which makes the
 * day's new tasks' stakes then rather than at the first load, and forgets the changes noted for an
 * organisation nobody opens the worklist of.
 */
export async function refreshStakes(db: Kysely<DB>, orgId: bigint, today: IsoDate): Promise<void> {
  await refreshWorklistStakes(db, orgId, worklistActions(db, orgId, today), stakeScales());
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
    select e.kind, count(*)::int as n from (${await worklistEntries(db, orgId, today)}) e group by e.kind`.execute(db);
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
 * stored ones, brought up to date first (refreshStakes), and computed live for an action that
 * came on the worklist since; inside a caller's transaction (whose snapshot may move from one
 * statement to the next, and which must not wait on another connection) they are all computed
 * live, in one read of the actions' invoices, and nothing is stored.
 */
export async function rankedEntries(db: Executor, orgId: bigint, today: IsoDate, page: { kinds?: readonly WorklistKind[]; offset: number; limit: number | null }): Promise<RankedEntry[]> {
  const stored = !db.isTransaction;
  if (stored) await refreshStakes(db as Kysely<DB>, orgId, today);
  const kinds = page.kinds && page.kinds.length > 0 ? sql`where e.kind = any(${[...page.kinds]}::text[])` : sql``;
  const live = (actions: RawBuilder<unknown>) => sql`select e.source, s.id, s.weight, s.oldest from (${actionStakes(orgId, actions, sql`select * from scales`)}) s join entries e on e.id = s.id and e.invoice_ids is not null`;
  const stakes = stored
    ? sql`
        select e.source, e.id, w.weight, w.oldest from entries e join worklist_stakes w on w.org_id = ${orgId} and w.action_id = e.id where e.invoice_ids is not null
        union all
        ${live(sql`select e.id, e.invoice_ids from entries e where e.invoice_ids is not null and not exists (select 1 from worklist_stakes w where w.org_id = ${orgId} and w.action_id = e.id)`)}`
    : live(sql`select e.id, e.invoice_ids from entries e where e.invoice_ids is not null`);
  const { rows } = await sql<{ source: number; id: bigint }>`
    with entries as (select * from (${await worklistEntries(db, orgId, today)}) e ${kinds}),
         scales as (${scalesRelation(stakeScales())}),
         stakes as (${stakes}),
         ranked as (
           select e.source, e.id, e.kind = 'promise_due' as due_today,
                  coalesce(s.weight, e.amount * sc.scale, 0) as weight,
                  greatest(${today}::date - coalesce(s.oldest, e.late_from, ${today}::date), 0) as days_late
             from entries e
             left join stakes s on s.source = e.source and s.id = e.id
             left join scales sc on sc.currency = e.currency)
    select source, id from ranked
     order by due_today desc, weight * days_late desc, days_late desc, id, source
     limit ${page.limit === null ? null : page.limit + 1} offset ${page.offset}`.execute(db);
  return rows.map((row) => ({ source: worklistSources[Number(row.source)]!, id: row.id }));
}
