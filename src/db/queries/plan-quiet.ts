// The customers the cycle may leave out today: planned on an earlier day with nothing new to do
// until a later one, and not stirred since (migration 0009, src/domain/cycle/quiet-until.ts).
// Stirs left by the cycle's run are those committed after its read began: they stay, and the
// customer is planned again next time.
import { sql } from 'kysely';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import type { SkipReason } from '../../domain/cycle/plan.ts';
import type { Executor } from '../executor.ts';
import type { ChaseCustomer } from './chase-customers.ts';

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
 * setup, every row ends. (Invoices that arrived since are compared by the run: isQuiet.)
 */
export async function endQuiet(db: Executor, { orgId, date, setup }: QuietScope, seen: string): Promise<void> {
  await sql`
    delete from plan_quiet q
     where q.org_id = ${orgId}
       and (q.setup <> ${setup}
            or exists (select 1 from plan_stirs s where s.org_id = q.org_id and s.customer_id = q.customer_id and pg_visible_in_snapshot(s.stirred_by, ${seen}::pg_snapshot))
            or exists (select 1 from holds h
                        where h.org_id = q.org_id and h.customer_id = q.customer_id and h.released_on is null
                          and ((h.starts_on > q.planned_on and h.starts_on <= ${date}::date) or (h.ends_on >= q.planned_on and h.ends_on < ${date}::date))))`.execute(db);
}

export interface QuietRow {
  plannedOn: IsoDate;
  skipped: SkipReason;
}

/** The customers whose quiet rows hold on the date — planned with the same setup, within their quiet days, not stirred since. */
export async function quietRows(db: Executor, { orgId, date, setup }: QuietScope): Promise<Map<bigint, QuietRow>> {
  const { rows } = await sql<{ customer_id: bigint; planned_on: string; skipped: SkipReason }>`
    select q.customer_id, q.planned_on, q.skipped from plan_quiet q
     where q.org_id = ${orgId} and q.setup = ${setup} and q.quiet_from <= ${date}::date and ${date}::date < q.quiet_until
       and not exists (select 1 from plan_stirs s where s.org_id = q.org_id and s.customer_id = q.customer_id)`.execute(db);
  return new Map(rows.map((row) => [row.customer_id, { plannedOn: row.planned_on, skipped: row.skipped }]));
}

/**
 * Whether a customer with a quiet row is quiet today: not if an invoice arrived since it was
 * planned, in a way the planner's date cannot see because the snapshot did not read it then —
 * issued since, or come within the pre-due window since.
 */
export function isQuiet(row: QuietRow | undefined, customer: ChaseCustomer, preDueDays: number): row is QuietRow {
  // preDueDays: invoices due up to this many days ahead are read by the snapshot (SnapshotOptions.preDueDays)
  return row !== undefined && customer.lastIssued <= row.plannedOn && customer.lastDue <= addDays(row.plannedOn, preDueDays);
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
