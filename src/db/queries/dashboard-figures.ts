// The Today screen's stored ledger figures (migration 0026): read back only while no transaction
// that committed after the snapshot they were computed in has written a row they come from (the
// triggers' ledger_changes), so a payment recorded a moment ago is in the next figures shown. The
// completed months beside them (migration 0029) only while no such transaction wrote a row dated
// on or before their end.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';

/** The figures stored for `asOf`, if nothing they were computed from has changed since; else null. */
export async function readDashboardFigures(db: Executor, orgId: bigint, asOf: IsoDate): Promise<string | null> {
  const { rows } = await sql<{ figures: string }>`
    select f.figures from dashboard_figures f
     where f.org_id = ${orgId} and f.as_of = ${asOf}::date
       and not exists (select 1 from ledger_changes c where c.org_id = f.org_id and not pg_visible_in_snapshot(c.xid, f.seen))`.execute(db);
  return rows[0]?.figures ?? null;
}

/** The snapshot the calling transaction reads in (one of isolation repeatable read: every statement's). */
export async function currentSnapshot(tx: Executor): Promise<string> {
  const { rows } = await sql<{ seen: string }>`select pg_current_snapshot()::text as seen`.execute(tx);
  return rows[0]!.seen;
}

/** The completed months as stored: text, the last day they cover and when they were computed. */
export interface StoredPastMonths {
  through: IsoDate;
  past: string;
  /** When they were computed (null: now, as they are being stored for the first time). */
  computedAt: string | null;
}

/**
 * The completed months stored up to `through`, if no transaction that committed after their
 * snapshot wrote a row dated on or before `through` (a change row's `since`, migration 0029); else
 * null. Read in the snapshot the new figures are computed in, they are then valid in it as well.
 */
export async function readPastMonths(tx: Executor, orgId: bigint, through: IsoDate): Promise<StoredPastMonths | null> {
  const { rows } = await sql<{ past: string; computed_at: string }>`
    select f.past, f.past_computed_at::text as computed_at from dashboard_figures f
     where f.org_id = ${orgId} and f.past_through = ${through}::date and f.past is not null
       and not exists (select 1 from ledger_changes c
                        where c.org_id = f.org_id and not pg_visible_in_snapshot(c.xid, f.seen) and c.since <= f.past_through)`.execute(tx);
  const row = rows[0];
  return row ? { through, past: row.past, computedAt: row.computed_at } : null;
}

/**
 * Stores figures computed in snapshot `seen` (currentSnapshot of their transaction, after it
 * ended), with the completed months they were made from (valid in the same snapshot), unless
 * figures from a snapshot with a later xmin are stored already. Then forgets the change rows of
 * transactions that ended before the stored snapshot's xmin: every snapshot stored from now on has
 * that xmin or a later one, so sees them as committed.
 */
export async function saveDashboardFigures(db: Executor, orgId: bigint, asOf: IsoDate, seen: string, figures: string, past?: StoredPastMonths): Promise<void> {
  await sql`
    with stored as (
      insert into dashboard_figures as f (org_id, as_of, seen, figures, past, past_through, past_computed_at)
      values (${orgId}, ${asOf}::date, ${seen}::pg_snapshot, ${figures}, ${past?.past ?? null}, ${past?.through ?? null}::date,
              case when ${past?.past ?? null}::text is null then null else coalesce(${past?.computedAt ?? null}::timestamptz, now()) end)
      on conflict (org_id) do update set as_of = excluded.as_of, seen = excluded.seen, figures = excluded.figures,
             past = excluded.past, past_through = excluded.past_through, past_computed_at = excluded.past_computed_at
       where pg_snapshot_xmin(excluded.seen) >= pg_snapshot_xmin(f.seen)
      returning f.seen
    )
    delete from ledger_changes
     where org_id = ${orgId} and xid < (select pg_snapshot_xmin(seen) from stored)`.execute(db);
}
