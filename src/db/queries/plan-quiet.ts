// The customers the cycle may leave out today: planned on an earlier day with nothing new to do
// until a later one, and not stirred since (migration 0009, src/domain/cycle/quiet-until.ts).
// Stirs left by the cycle's run are those committed after its read began: they stay, and the
// customer is planned again next time.
import { sql } from 'kysely';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { longestQuietDays } from '../../domain/cycle/quiet-until.ts';
import type { SkipReason } from '../../domain/cycle/plan.ts';
import type { Executor } from '../executor.ts';
import type { ChaseList } from './chase-customers.ts';

export interface QuietCustomer {
  customerId: bigint;
  quietFrom: IsoDate;
  quietUntil: IsoDate;
  skipped: SkipReason;
}

export interface QuietScope {
  orgId: bigint;
  date: IsoDate;
  /** The fingerprint of the playbooks, rules and settings the day is planned with. */
  setup: string;
}

/**
 * Before a run reads: ends the quiet of customers stirred by a write committed before `seen`, and
 * of those a hold (of the customer or of one invoice) began or ended for since they were planned
 * (the snapshot did not read a hold not yet begun, nor an invoice on hold). Planned with another
 * setup, every row ends. (Invoices that arrived since are compared by customersToPlan.)
 */
export async function endQuiet(db: Executor, { orgId, date, setup }: QuietScope, seen: string): Promise<void> {
  // a row planned longer ago than the longest quiet is over by itself (customersToPlan)
  const since = addDays(date, -longestQuietDays);
  await sql`
    delete from plan_quiet q
     where q.org_id = ${orgId}
       and (q.setup <> ${setup}
            -- uncorrelated, so hashed once: a correlated EXISTS ran once for every quiet row
            or q.customer_id in (select s.customer_id from plan_stirs s where s.org_id = ${orgId} and pg_visible_in_snapshot(s.stirred_by, ${seen}::pg_snapshot))
            -- the hashed list of customers with a hold begun or ended in the last quiet days spares
            -- the check of each row's own days for everyone else (≈ 40 ms at 100k customers)
            or (q.customer_id in (select h.customer_id from holds h
                                   where h.org_id = ${orgId} and h.released_on is null
                                     and ((h.starts_on > ${since}::date and h.starts_on <= ${date}::date) or (h.ends_on >= ${since}::date and h.ends_on < ${date}::date)))
                and exists (select 1 from holds h
                             where h.org_id = q.org_id and h.customer_id = q.customer_id and h.released_on is null
                               and ((h.starts_on > q.planned_on and h.starts_on <= ${date}::date) or (h.ends_on >= q.planned_on and h.ends_on < ${date}::date)))))`.execute(db);
}

export interface CustomersToPlan {
  /** In customer order: those not quiet today; undefined when nobody is quiet (read the whole organisation). */
  toPlan: bigint[] | undefined;
  /** How many customers are not quiet today. */
  toPlanCount: number;
  /** Of the run's list, those quiet today, by the reason their quiet row was saved with. */
  quiet: Partial<Record<SkipReason, number>>;
}

/**
 * Splits the run's list (listChaseCustomers) into the customers to read and plan today and the
 * quiet ones: with a quiet row planned with the same setup, holding on the date, not stirred since,
 * and no invoice arrived since in a way the planner's date cannot see because the snapshot did not
 * read it then — issued since, or come within the pre-due window since. `replanQuiet` plans
 * everyone (the equivalence test compares the two).
 */
export async function customersToPlan(db: Executor, list: ChaseList, { orgId, date, setup }: QuietScope, preDueDays: number, replanQuiet = false): Promise<CustomersToPlan> {
  const chaseTable = list.table;
  // No nested loop: plan_quiet's statistics are usually a day stale (the last run wrote it), and
  // an estimate of one quiet row rescanned it for every customer; hashed, the join takes ≈ 50 ms
  // at 100k customers whatever the estimates.
  const before = await sql<{ setting: string }>`select current_setting('enable_nestloop') as setting, set_config('enable_nestloop', 'off', true)`.execute(db);
  const { rows } = await sql<{ to_plan: bigint[] | null; to_plan_count: number; quiet: Partial<Record<SkipReason, number>> }>`
    with quiet as (
      select q.customer_id, q.planned_on, q.skipped from plan_quiet q
       where q.org_id = ${orgId} and q.setup = ${setup} and q.quiet_from <= ${date}::date and ${date}::date < q.quiet_until
         and q.customer_id not in (select s.customer_id from plan_stirs s where s.org_id = ${orgId})
         and not ${replanQuiet}
    ), judged as (
      -- preDueDays: invoices due up to this many days ahead are read by the snapshot (SnapshotOptions.preDueDays)
      select c.customer_id,
             case when c.last_issued <= q.planned_on and c.last_due <= q.planned_on + ${preDueDays}::int then q.skipped end as quiet_as
        from ${chaseTable} c left join quiet q on q.customer_id = c.customer_id
    )
    -- with nobody quiet (a first day, a changed setup) the list would be everyone: not sent
    select case when exists (select 1 from judged where quiet_as is not null)
                then (select coalesce(array_agg(customer_id order by customer_id), '{}') from judged where quiet_as is null) end as to_plan,
           (select count(*)::int from judged where quiet_as is null) as to_plan_count,
           (select coalesce(json_object_agg(quiet_as, n), '{}') from (select quiet_as, count(*)::int as n from judged where quiet_as is not null group by quiet_as) g) as quiet`.execute(db);
  await sql`select set_config('enable_nestloop', ${before.rows[0]!.setting}, true)`.execute(db);
  const { to_plan: toPlan, to_plan_count: toPlanCount, quiet } = rows[0]!;
  return { toPlan: toPlan ?? undefined, toPlanCount, quiet };
}

/** The transaction's view of which transactions have committed: taken before the customers are read, for endQuiet and forgetSeenStirs. */
export async function currentSnapshot(db: Executor): Promise<string> {
  const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(db);
  return rows[0]!.snapshot;
}

/** Writes the quiet days of customers just planned. */
export async function saveQuiet(db: Executor, scope: QuietScope, customers: readonly QuietCustomer[]): Promise<void> {
  if (customers.length === 0) return;
  const batch = JSON.stringify(customers.map((c) => ({ customer_id: String(c.customerId), quiet_from: c.quietFrom, quiet_until: c.quietUntil, skipped: c.skipped })));
  await sql`
    insert into plan_quiet (org_id, customer_id, planned_on, quiet_from, quiet_until, setup, skipped)
    select ${scope.orgId}, customer_id, ${scope.date}::date, quiet_from, quiet_until, ${scope.setup}, skipped
      from jsonb_to_recordset(${batch}::jsonb) as n(customer_id bigint, quiet_from date, quiet_until date, skipped text)
    on conflict (org_id, customer_id) do update
       set planned_on = excluded.planned_on, quiet_from = excluded.quiet_from, quiet_until = excluded.quiet_until,
           setup = excluded.setup, skipped = excluded.skipped`.execute(db);
}

/** After a run has planned: the stirs committed before its read (`seen`) are done with. */
export async function forgetSeenStirs(db: Executor, orgId: bigint, seen: string): Promise<void> {
  await sql`delete from plan_stirs where org_id = ${orgId} and pg_visible_in_snapshot(stirred_by, ${seen}::pg_snapshot)`.execute(db);
}
