// Starts each organisation's daily cycle at its local morning, checking every minute. Several
// processes may run this at once (PostgreSQL): the cycle's per-organisation lock and its check
// for a completed run make sure a day's cycle runs once, and idempotency keys make a second run
// harmless anyway.
import type { Kysely } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { runScheduledCycle } from '../app/cycle/run-cycle.ts';
import { listOrgs } from '../db/queries/orgs.ts';
import type { DB } from '../db/schema.ts';
import { collectionSettings } from '../domain/collection-settings.ts';
import { cycleDueDate } from '../domain/cycle/schedule.ts';
import type { Logger } from '../logger.ts';

export interface SchedulerDeps {
  db: Kysely<DB>;
  logger: Logger;
  now: () => Temporal.Instant;
}

/** One pass: runs every organisation's cycle that is due now. Returns the organisations run. */
export async function runDueCycles({ db, logger, now }: SchedulerDeps): Promise<string[]> {
  const ran: string[] = [];
  for (const org of await listOrgs(db)) {
    const settings = collectionSettings(org.settings);
    const last = await db
      .selectFrom('cycle_runs')
      .select((eb) => eb.fn.max('cycle_date').as('date'))
      .where('org_id', '=', org.id)
      .where('status', '=', 'completed')
      .executeTakeFirst();
    const date = cycleDueDate(now(), org.time_zone, settings.cycleHour, (last?.date as string | null) ?? null);
    if (!date) continue;
    try {
      const report = await runScheduledCycle(db, org, date);
      if (report) {
        ran.push(org.slug);
        logger.info({ org: org.slug, date, summary: report.summary }, 'daily cycle ran');
      }
    } catch (error) {
      // One organisation's failure must not stop the others'; it is retried on the next pass.
      logger.error({ err: error, org: org.slug, date }, 'daily cycle failed');
    }
  }
  return ran;
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
