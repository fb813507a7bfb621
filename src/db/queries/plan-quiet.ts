// The customers the cycle may leave out today: planned on an earlier day with nothing new to do
// until a later one, and not stirred since (migration 0009, src/domain/cycle/quiet-until.ts).
// Stirs left by the cycle's run are those committed after its read began: they stay, and the
// customer is planned again next time.
import { sql } from 'kysely';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import type { SkipReason } from '../../domain/cycle/plan.ts';
import type { Executor } from '../executor.ts';

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
  /** Invoices due up to this many days ahead are read by the snapshot (SnapshotOptions.preDueDays). */
  preDueDays: number;
}

/** The quiet rows of `q` that hold on the scope's date: the same setup, within their quiet days, not stirred since. */
function holdsOn(orgId: bigint, { date, setup }: Pick<QuietScope, 'date' | 'setup'>) {
  return sql`q.org_id = ${orgId} and q.setup = ${setup} and q.quiet_from <= ${date}::date and ${date}::date < q.quiet_until
    and not exists (select 1 from plan_stirs s where s.org_id = q.org_id and s.customer_id = q.customer_id)`;
}

/**
 * The customers quiet on the scope's date. Used as `customer_id not in (…)`: PostgreSQL hashes the
 * set once whatever its estimate — an anti-join planned from the (often unanalysed, freshly
 * written) table's estimate of a few rows became a nested loop over 100k × 150k rows.
 */
export function quietCustomersSql(orgId: bigint, scope: Pick<QuietScope, 'date' | 'setup'>) {
  return sql`select q.customer_id from plan_quiet q where ${holdsOn(orgId, scope)}`;
}

/**
 * Before a run reads: ends the quiet of customers stirred by a write committed before `seen`, and
 * of those whom the calendar alone changed since they were planned, in ways the planner's date
 * cannot see because the snapshot did not read them then: an invoice issued since, or come within
 * the pre-due window since; a hold (of the customer or of one invoice) begun or ended since.
 * Planned with another setup, every row ends.
 */
export async function endQuiet(db: Executor, { orgId, date, setup, preDueDays }: QuietScope, seen: string): Promise<void> {
  const windowEnd = addDays(date, preDueDays);
  // The invoices that arrived since the earliest planning day, first (a few), then each row's own day.
  const arrived = await sql<{ customer_id: bigint }>`
    with earliest as materialized (select min(planned_on) as planned_on from plan_quiet where org_id = ${orgId}),
    arrivals as materialized (
      select i.customer_id, i.issue_date, i.due_date from invoices i
       where i.org_id = ${orgId} and i.status = 'open' and i.balance > 0
         and i.issue_date <= ${date}::date and i.due_date <= ${windowEnd}::date
         and (i.issue_date > (select planned_on from earliest) or i.due_date > (select planned_on from earliest) + ${preDueDays}::integer))
    select distinct a.customer_id from arrivals a join plan_quiet p on p.org_id = ${orgId} and p.customer_id = a.customer_id
     where a.issue_date > p.planned_on or a.due_date > p.planned_on + ${preDueDays}::integer`.execute(db);
  await sql`
    delete from plan_quiet q
     where q.org_id = ${orgId}
       and (q.setup <> ${setup}
            or q.customer_id = any(${arrived.rows.map((row) => row.customer_id)}::bigint[])
            or exists (select 1 from plan_stirs s where s.org_id = q.org_id and s.customer_id = q.customer_id and pg_visible_in_snapshot(s.stirred_by, ${seen}::pg_snapshot))
            or exists (select 1 from holds h
                        where h.org_id = q.org_id and h.customer_id = q.customer_id and h.released_on is null
                          and ((h.starts_on > q.planned_on and h.starts_on <= ${date}::date) or (h.ends_on >= q.planned_on and h.ends_on < ${date}::date))))`.execute(db);
}

/** How many customers are quiet on the date, by the reason they were skipped when planned. */
export async function countQuiet(db: Executor, scope: QuietScope): Promise<Array<{ skipped: SkipReason; customers: number }>> {
  const { rows } = await sql<{ skipped: SkipReason; customers: bigint }>`
    select q.skipped, count(*) as customers from plan_quiet q where ${holdsOn(scope.orgId, scope)} group by q.skipped`.execute(db);
  return rows.map((row) => ({ skipped: row.skipped, customers: Number(row.customers) }));
}

/** The transaction's view of which transactions have committed: taken before the snapshot is read, for endQuiet and forgetSeenStirs. */
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
