// The record of each daily cycle run (cycle_runs): started, completed with its summary. A completed
// run for a date is what the scheduler and a second process starting the same day look for.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import { stringifyJson } from '../../json.ts';
import type { Executor } from '../executor.ts';
import { wakeDispatchersSql } from './outbox.ts';

export async function startCycleRun(db: Executor, orgId: bigint, date: IsoDate): Promise<bigint> {
  const run = await db.insertInto('cycle_runs').values({ org_id: orgId, cycle_date: date, status: 'running', summary: '{}' }).returning('id').executeTakeFirstOrThrow();
  return run.id;
}

/** Marks the run completed; `wakeDispatchers` wakes them in the same statement (it planned sends that are ready). */
export async function completeCycleRun(db: Executor, orgId: bigint, runId: bigint, summary: object, finishedAt: string, { wakeDispatchers = false } = {}): Promise<void> {
  await sql`
    with done as (
      update cycle_runs set status = 'completed', finished_at = ${finishedAt}, summary = ${stringifyJson(summary)}
       where org_id = ${orgId} and id = ${runId}
      returning id
    )
    select ${wakeDispatchers ? wakeDispatchersSql : sql`null`} from done`.execute(db);
}

export async function cycleCompleted(db: Executor, orgId: bigint, date: IsoDate): Promise<boolean> {
  const done = await db.selectFrom('cycle_runs').select('id').where('org_id', '=', orgId).where('cycle_date', '=', date).where('status', '=', 'completed').executeTakeFirst();
  return done !== undefined;
}
