// `cycle`: the daily cycle (runCycle, as `arrears cycle` and the scheduler run it) over a mostly-open
// ledger, against the floor — the plainest read of the same open invoices — in the same run.
//
// Each figure is the median of five runs (docs/benchmarks.md):
// - `first_day_ms`: the first run after the import, when every overdue customer gets a case and a
//   first action (the heaviest day the cycle ever has). A committed first day cannot be repeated,
//   so each of the five is that day's full work run as a dry run (rolled back at the end), on the
//   tables as the import left them: a VACUUM after each takes the rolled-back rows away, as
//   autovacuum would. Then the first day runs once for real (`first_day_committed_ms`), which the
//   steady days build on;
// - `cycle_ms`: the steady day, the day that runs every day: five real days after the first (most
//   customers with no new step due), one run each;
// - `floor_ms`: the floor query, once after each steady day.
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { addDays } from '../../src/domain/calendar.ts';
import type { BenchDatabase } from '../support/database.ts';
import { figure, figureRuns, loadNow, median, peakRssMb, round1, timed } from '../support/measure.ts';
import { floorQuery, floorStatement, loadOpenLedger, vacuumAnalyze } from '../support/open-ledger.ts';
import { planOf } from '../support/plan.ts';
import { benchToday } from '../support/portfolio.ts';
import { StatementTimer } from '../support/statement-timer.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

/** The tables a cycle writes to (its rows, and a dry run's dead ones). */
const cycleTables = ['cases', 'actions', 'plan_quiet', 'plan_stirs'];
/** The run's list (src/db/queries/chase-customers.ts): the cycle's one read of every open invoice; its plan is reported. */
const runListStatement = /create temporary table .* as\s+select customer_id, bool_or/s;

export async function runCycleScenario({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const loadBefore = loadNow();
  const { orgId, openInvoices, customersWithOpen, loadMs, fresh } = await loadOpenLedger(bench.database.db, args);
  const timer = args.phases ? new StatementTimer() : undefined;
  const db = timer ? bench.database.db.withPlugin(timer) : bench.database.db;
  const org = await db.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();

  // the scheduler's options: a 100k-customer report is summarised, not listed
  const cycle = (date: string, dryRun: boolean, on = db) => runCycle(on, org, date, { dryRun, omitActions: true });
  // the floor and the vacuums are not the cycle's statements: run without the timer
  const floor = (on = bench.database.db) => floorQuery(on, orgId);
  const vacuumCycleTables = () => vacuumAnalyze(bench.database.db, cycleTables);

  const plans: Record<string, string> = { first_day_run_list: await planOf(db, runListStatement, (on) => cycle(benchToday, true, on)) };
  // warm-up: one dry run of the first day and one floor, untimed
  await cycle(benchToday, true);
  await floor();
  await vacuumCycleTables();
  const firstDayMs: number[] = [];
  for (let run = 0; run < figureRuns; run += 1) {
    firstDayMs.push((await timed(() => cycle(benchToday, true))).ms);
    await vacuumCycleTables();
  }
  timer?.reset();
  const committed = await timed(() => cycle(benchToday, false));
  const firstDayStatements = timer?.report();

  // The steady days, one real run a day. A day passes before each, in which autovacuum visits the
  // tables the day before filled (≈ 100k rows each after the first): without it the planner would
  // read them with the statistics of the empty tables it last saw, which no daily run meets.
  await vacuumCycleTables();
  plans.steady_day_run_list = await planOf(db, runListStatement, (on) => cycle(addDays(benchToday, 1), true, on));
  plans.floor = await planOf(bench.database.db, floorStatement, floor);
  const week = [];
  const floorMs: number[] = [];
  timer?.reset();
  for (let day = 1; day <= figureRuns; day += 1) {
    await vacuumCycleTables();
    week.push(await timed(() => cycle(addDays(benchToday, day), false)));
    floorMs.push((await timed(() => floor())).ms);
  }
  const weekStatements = timer?.report();
  const nextDay = week[0]!;
  const weekMs = week.map((day) => day.ms);

  const { summary } = committed.value;
  const actions = summary.created + summary.existing;
  const floorMedian = median(floorMs);
  const ratio = (ms: number) => Math.round((ms / floorMedian) * 10) / 10;
  const load = [loadBefore, loadNow()];
  return {
    figures: {
      scenario: 'cycle',
      engine: args.engine,
      invoices: openInvoices,
      customers: customersWithOpen,
      ...figure('cycle', weekMs),
      ...figure('floor', floorMs),
      ...figure('first_day', firstDayMs),
      cycle_ratio: ratio(median(weekMs)),
      first_day_ratio: ratio(median(firstDayMs)),
      first_day_committed_ms: round1(committed.ms),
      next_day_actions: nextDay.value.summary.created,
      actions,
      plans,
      fresh,
      load_avg: load,
      peak_rss_mb: peakRssMb(),
    },
    summary:
      `cycle [${args.engine}]: ${openInvoices} open invoices, ${customersWithOpen} customers; floor ${round1(floorMedian)} ms; ` +
      `steady day (median of ${figureRuns} real days after the first) ${round1(median(weekMs))} ms = ${ratio(median(weekMs))}× floor, ` +
      `the next day ${nextDay.value.summary.created} actions; first day (median of ${figureRuns} dry runs) ${round1(median(firstDayMs))} ms = ` +
      `${ratio(median(firstDayMs))}× floor, committed once in ${round1(committed.ms)} ms: ${actions} actions ` +
      `(${summary.ready} ready, ${summary.deferred} deferred, ${summary.blocked} blocked), ${summary.casesOpened} cases opened; ` +
      `loaded in ${(loadMs / 1000).toFixed(1)} s; load average ${load.join(' → ')}; peak RSS ${peakRssMb()} MiB`,
    phases: firstDayStatements && {
      firstDay: { ms: round1(committed.ms), ...firstDayStatements },
      steadyDays: { ms: round1(weekMs.reduce((sum, ms) => sum + ms, 0)), ...weekStatements },
    },
  };
}
