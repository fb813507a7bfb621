// Runs the cycle day by day over a range on a scratch copy of the data (a transaction that is
// always rolled back), assuming no debtor responds or pays and every ready message goes out on its
// day. Shows what the playbooks would do, and what the days do to the payment plans (an instalment
// missed, a plan defaulted: the cycle's own evaluation, evaluate-plans.ts); nothing in the real
// data changes.
import { sql, type Kysely, type Transaction } from 'kysely';
import { dropChaseList } from '../../db/queries/chase-customers.ts';
import type { DB, Org } from '../../db/schema.ts';
import { addDays, daysBetween, isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import type { PlanEvent } from '../arrangements/evaluate-plans.ts';
import { runCycleIn, type CycleAction, type CycleOptions } from './run-cycle.ts';

export interface SimulationReport {
  org: string;
  from: IsoDate;
  to: IsoDate;
  days: Array<{ date: IsoDate; actions: CycleAction[]; planEvents: PlanEvent[] }>;
}

export const maxSimulationDays = 366;

export interface SimulationOptions {
  /** A change made first inside the simulation's transaction (e.g. an unsaved playbook stored), so it is seen and then discarded. */
  before?: (tx: Transaction<DB>) => Promise<unknown>;
  /** As the cycle's option: channels this installation cannot send on. */
  channelsOff?: CycleOptions['channelsOff'];
}

class Discard extends Error {
  constructor(readonly report: SimulationReport) {
    super('simulation');
  }
}

export async function simulateCycle(db: Kysely<DB>, org: Org, from: IsoDate, to: IsoDate, options: SimulationOptions = {}): Promise<SimulationReport> {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new AppError('invalid_input', '--from and --to must be dates written YYYY-MM-DD, from 1900-01-01 to 2199-12-31');
  if (to < from) throw new AppError('invalid_input', `--to (${to}) is before --from (${from})`);
  if (daysBetween(from, to) >= maxSimulationDays) throw new AppError('invalid_input', `simulate at most ${maxSimulationDays} days at a time`);
  try {
    await db.transaction().execute(async (tx) => {
      await options.before?.(tx);
      const report: SimulationReport = { org: org.slug, from, to, days: [] };
      for (let date = from; date <= to; date = addDays(date, 1)) {
        const day = await runCycleIn(tx, org, date, { channelsOff: options.channelsOff });
        await dropChaseList(tx);
        report.days.push({ date, actions: day.actions.filter((action) => action.created).map((action) => ({ ...action, id: null })), planEvents: day.planEvents });
        // Assume the day's messages and tasks went out and reached the debtor that day, so later days
        // see them as such: an email or SMS sent, a letter printed and posted the same day, a task done.
        await sql`update actions
                     set status = case when kind = 'task' then 'done' when channel = 'letter' then 'posted' else 'sent' end,
                         sent_on = ${date}::date,
                         updated_at = now()
                   where org_id = ${org.id} and status in ('ready', 'deferred') and due_at < ${addDays(date, 1)}::date + interval '1 day'`.execute(tx);
        // Each day writes cases, actions and quiet rows that no autovacuum sees inside this one
        // transaction: without fresh statistics the next day's reads are planned for the tables as
        // they were before the simulation (about half the CPU time of 30 demo days, measured).
        await sql`analyze actions, cases, plan_quiet`.execute(tx);
      }
      throw new Discard(report);
    });
  } catch (error) {
    if (error instanceof Discard) return error.report;
    throw error;
  }
  throw new Error('unreachable: the simulation transaction always rolls back');
}
