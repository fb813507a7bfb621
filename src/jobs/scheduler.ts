// Starts each organisation's daily cycle at its local morning, checking every minute. Several
// processes may run this at once (PostgreSQL) and share the organisations: one that finds an
// organisation's cycle running in another process moves on to the next, and the check for a
// completed run under the per-organisation lock makes sure a day's cycle runs once (idempotency
// keys make a second run harmless anyway).
import type { Kysely } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { runScheduledCycle } from '../app/cycle/run-cycle.ts';
import { refreshStakesAfterCycle } from '../app/tasks/worklist-entries.ts';
import { listOrgsWithLastCycle } from '../db/queries/orgs.ts';
import type { DB, Org } from '../db/schema.ts';
import type { IsoDate } from '../domain/calendar.ts';
import type { SendChannel } from '../domain/playbooks/playbook.ts';
import { collectionSettings } from '../domain/collection-settings.ts';
import { cycleDueDate } from '../domain/cycle/schedule.ts';
import type { Logger } from '../logger.ts';

export interface SchedulerDeps {
  db: Kysely<DB>;
  logger: Logger;
  now: () => Temporal.Instant;
  /**
   * Organisations planned at once by this process, each in its own transaction on its own
   * connection: a small organisation's cycle is mostly round trips, during which the process
   * would otherwise wait. 1 on PGlite (one connection serialises them anyway).
   */
  concurrency?: number;
  /** Channels this installation cannot send on (SMS without a provider): the cycle plans around them. */
  channelsOff?: readonly SendChannel[];
}

/** On PostgreSQL, organisations a scheduler plans at once (within the engine's pool of 10). */
export const postgresSchedulerConcurrency = 4;

/** One pass: runs every organisation's cycle that is due now. Returns the organisations run, in organisation order. */
export async function runDueCycles({ db, logger, now, concurrency = 1, channelsOff = [] }: SchedulerDeps): Promise<string[]> {
  const due: Array<{ org: Org; date: IsoDate }> = [];
  for (const { org, lastCycleDate } of await listOrgsWithLastCycle(db)) {
    const date = cycleDueDate(now(), org.time_zone, collectionSettings(org.settings).cycleHour, lastCycleDate);
    if (date) due.push({ org, date });
  }
  const ran: Array<string | undefined> = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < due.length; index = next++) {
      const { org, date } = due[index]!;
      try {
        const report = await runScheduledCycle(db, org, date, channelsOff);
        if (report) {
          ran[index] = org.slug;
          logger.info({ org: org.slug, date, summary: report.summary }, 'daily cycle ran');
        }
      } catch (error) {
        // One organisation's failure must not stop the others'; it is retried on the next pass.
        logger.error({ err: error, org: org.slug, date }, 'daily cycle failed');
        continue;
      }
      if (ran[index] === undefined) continue;
      // After the run has committed, outside it: the day's new tasks are weighed now rather than
      // at the first worklist load, and the invoice changes noted for the worklist's stakes are
      // forgotten daily even for an organisation nobody opens the worklist of.
      const failed = await refreshStakesAfterCycle(db, org.id, date);
      if (failed) logger.error({ err: failed, org: org.slug, date }, 'worklist stakes refresh failed');
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, due.length)) }, lane));
  return ran.filter((slug): slug is string => slug !== undefined);
}

export function startScheduler(deps: SchedulerDeps, intervalMs = 60_000): { stop: () => void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDueCycles(deps);
    } catch (error) {
      deps.logger.error({ err: error }, 'scheduler pass failed');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
