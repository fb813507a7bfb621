// The Today screen's stored ledger figures (migration 0026): read back only while no transaction
// that committed after the snapshot they were computed in has written a row they come from (the
// triggers' ledger_changes), so a payment recorded a moment ago is in the next figures shown.
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

/**
 * Stores figures computed in snapshot `seen` (currentSnapshot of their transaction, after it
 * ended), unless figures from a snapshot with a later xmin are stored already. Then forgets the
 * change rows of transactions that ended before the stored snapshot's xmin: every snapshot stored
 * from now on has that xmin or a later one, so sees them as committed.
 */
export async function saveDashboardFigures(db: Executor, orgId: bigint, asOf: IsoDate, seen: string, figures: string): Promise<void> {
  await sql`
    with stored as (
      insert into dashboard_figures as f (org_id, as_of, seen, figures)
      values (${orgId}, ${asOf}::date, ${seen}::pg_snapshot, ${figures})
      on conflict (org_id) do update set as_of = excluded.as_of, seen = excluded.seen, figures = excluded.figures
       where pg_snapshot_xmin(excluded.seen) >= pg_snapshot_xmin(f.seen)
      returning f.seen
    )
    delete from ledger_changes
     where org_id = ${orgId} and xid < (select pg_snapshot_xmin(seen) from stored)`.execute(db);
}
