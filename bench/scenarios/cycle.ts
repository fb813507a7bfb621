// `cycle`: the daily cycle (runCycle, as `arrears cycle` and the scheduler run it) over a mostly-open
// ledger, against the floor — the plainest read of the same open invoices — in the same run.
//
// A real cycle is not repeatable (a second run for the date plans nothing new), so each day is
// one real run. `cycle_ms` is the day that runs every day: the median of the seven days after the
// first (a steady day, most customers with no new step due); `first_day_ms` the first run after
// the import, when every overdue customer gets a case and a first action (the heaviest day the
// cycle ever has). A dry run (the same work as day one, rolled back) warms up first.
import { runCycle, type CycleReport } from '../../src/app/cycle/run-cycle.ts';
import { addDays } from '../../src/domain/calendar.ts';
import type { BenchDatabase } from '../support/database.ts';
import { median, peakRssMb, round1, timed } from '../support/measure.ts';
import { floorQuery, loadOpenLedger, vacuumAnalyze } from '../support/open-ledger.ts';
import { benchToday } from '../support/portfolio.ts';
import { StatementTimer } from '../support/statement-timer.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

const floorRuns = 5;
/** The days after the first one that are run and timed: a week. */
const steadyDays = 7;

export async function runCycleScenario({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const { orgId, openInvoices, customersWithOpen, loadMs } = await loadOpenLedger(bench.database.db, args);
  const timer = args.phases ? new StatementTimer() : undefined;
  const db = timer ? bench.database.db.withPlugin(timer) : bench.database.db;
  const org = await db.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();

  // the scheduler's options: a 100k-customer report is summarised, not listed
  const cycle = (date: string, dryRun: boolean) => runCycle(db, org, date, { dryRun, omitActions: true });
  // the floor and the vacuums are not the cycle's statements: run without the timer
  const floor = () => floorQuery(bench.database.db, orgId);
  await floor();
  const floorMs: number[] = [];
  const dry = await timed(() => cycle(benchToday, true));
  floorMs.push((await timed(floor)).ms);
  timer?.reset();
  const firstDay = await timed(() => cycle(benchToday, false));
  const firstDayStatements = timer?.report();
  floorMs.push((await timed(floor)).ms);
  // The week after the first day, one real run a day. A day passes before each, in which
  // autovacuum visits the tables the day before filled (≈ 100k rows each on the first): without
  // it the planner would read them with the statistics of the empty tables it last saw, which no
  // daily run meets.
  const week: Array<{ ms: number; value: CycleReport }> = [];
  timer?.reset();
  for (let day = 1; day <= steadyDays; day += 1) {
    await vacuumAnalyze(bench.database.db, ['cases', 'actions', 'plan_quiet', 'plan_stirs']);
    week.push(await timed(() => cycle(addDays(benchToday, day), false)));
    if (floorMs.length < floorRuns) floorMs.push((await timed(floor)).ms);
  }
  const weekStatements = timer?.report();
  const nextDay = week[0]!;
  const weekMs = week.map((day) => day.ms);

  const { summary } = firstDay.value;
  const actions = summary.created + summary.existing;
  const floorMedian = median(floorMs);
  return {
    figures: {
      scenario: 'cycle',
      engine: args.engine,
      invoices: openInvoices,
      customers: customersWithOpen,
      cycle_ms: round1(median(weekMs)),
      floor_ms: round1(floorMedian),
      week_max_ms: round1(Math.max(...weekMs)),
      next_day_ms: round1(nextDay.ms),
      next_day_actions: nextDay.value.summary.created,
      first_day_ms: round1(firstDay.ms),
      actions,
      peak_rss_mb: peakRssMb(),
    },
    summary:
      `cycle [${args.engine}]: ${openInvoices} open invoices, ${customersWithOpen} customers; floor ${round1(floorMedian)} ms (${floorMs.map((ms) => Math.round(ms)).join('/')}); ` +
      `steady day (median of the ${steadyDays} after the first) ${round1(median(weekMs))} ms = ${(median(weekMs) / floorMedian).toFixed(1)}× floor, ` +
      `days ${weekMs.map((ms) => (ms / floorMedian).toFixed(1)).join('/')}× floor, the next day ${nextDay.value.summary.created} actions; ` +
      `first day ${round1(firstDay.ms)} ms = ${(firstDay.ms / floorMedian).toFixed(1)}× floor (dry run ${Math.round(dry.ms)} ms): ${actions} actions ` +
      `(${summary.ready} ready, ${summary.deferred} deferred, ${summary.blocked} blocked), ${summary.casesOpened} cases opened; ` +
      `loaded in ${(loadMs / 1000).toFixed(1)} s; peak RSS ${peakRssMb()} MiB`,
    phases: firstDayStatements && {
      firstDay: { ms: round1(firstDay.ms), ...firstDayStatements },
      // the seven days together
      steadyDays: { ms: round1(weekMs.reduce((sum, ms) => sum + ms, 0)), ...weekStatements },
    },
  };
}
