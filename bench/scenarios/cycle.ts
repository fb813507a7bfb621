// `cycle`: the daily cycle (runCycle, as `arrears cycle` and the scheduler run it) over a mostly-open
// ledger, against the floor — the plainest read of the same open invoices — in the same run.
//
// A real cycle is not repeatable (a second run for the date plans nothing new), so each figure is
// one real run: `cycle_ms` the first day, when every overdue customer gets a case and a first
// action (the heaviest day), and `next_day_ms` the day after, a steady-state day where most
// customers have no new step due; `week_median_ms` and `week_max_ms` over the seven days after
// the first. A dry run (the same work as day one, rolled back) warms up first.
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
  const floor = () => floorQuery(db, orgId);
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
  for (let day = 1; day <= steadyDays; day += 1) {
    await vacuumAnalyze(db, ['cases', 'actions', 'plan_quiet', 'plan_stirs']);
    week.push(await timed(() => cycle(addDays(benchToday, day), false)));
    if (floorMs.length < floorRuns) floorMs.push((await timed(floor)).ms);
  }
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
      cycle_ms: round1(firstDay.ms),
      floor_ms: round1(floorMedian),
      actions,
      next_day_ms: round1(nextDay.ms),
      next_day_actions: nextDay.value.summary.created,
      week_median_ms: round1(median(weekMs)),
      week_max_ms: round1(Math.max(...weekMs)),
      peak_rss_mb: peakRssMb(),
    },
    summary:
      `cycle [${args.engine}]: ${openInvoices} open invoices, ${customersWithOpen} customers; floor ${round1(floorMedian)} ms (${floorMs.map((ms) => Math.round(ms)).join('/')}); ` +
      `first day ${round1(firstDay.ms)} ms = ${(firstDay.ms / floorMedian).toFixed(1)}× floor (dry run ${Math.round(dry.ms)} ms): ${actions} actions ` +
      `(${summary.ready} ready, ${summary.deferred} deferred, ${summary.blocked} blocked), ${summary.casesOpened} cases opened; ` +
      `next day ${round1(nextDay.ms)} ms = ${(nextDay.ms / floorMedian).toFixed(1)}× floor: ${nextDay.value.summary.created} actions; ` +
      `the week after the first day: median ${round1(median(weekMs))} ms = ${(median(weekMs) / floorMedian).toFixed(1)}× floor, ` +
      `days ${weekMs.map((ms) => (ms / floorMedian).toFixed(1)).join('/')}× floor; ` +
      `loaded in ${(loadMs / 1000).toFixed(1)} s; peak RSS ${peakRssMb()} MiB`,
    phases: firstDayStatements && {
      firstDayMs: round1(firstDay.ms),
      ...firstDayStatements,
    },
  };
}
