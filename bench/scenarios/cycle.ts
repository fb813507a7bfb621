// `cycle`: the daily cycle (runCycle, as `arrears cycle` and the scheduler run it) over a mostly-open
// ledger, against the floor — the plainest read of the same open invoices — in the same run.
//
// A real cycle is not repeatable (its second run for the date plans nothing new), so the figure is
// the one real run; dry runs (the same work, rolled back) warm up first and are reported alongside.
import { runCycle, type CycleReport } from '../../src/app/run-cycle.ts';
import type { BenchDatabase } from '../support/database.ts';
import { median, peakRssMb, round1, timed } from '../support/measure.ts';
import { floorQuery, loadOpenLedger } from '../support/open-ledger.ts';
import { benchToday } from '../support/portfolio.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

const dryRuns = 3;
const floorRuns = 5;

export async function runCycleScenario({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const { db } = bench.database;
  const { orgId, openInvoices, customersWithOpen, loadMs } = await loadOpenLedger(db, args);
  const org = await db.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();

  // the scheduler's options: a 100k-customer report is summarised, not listed
  const cycle = (dryRun: boolean) => runCycle(db, org, benchToday, { dryRun, omitActions: true });
  const floor = () => floorQuery(db, orgId);
  await floor();
  const dryMs: number[] = [];
  const floorMs: number[] = [];
  // Alternating, so a slow moment on the machine hits both alike.
  for (let i = 0; i < dryRuns; i++) {
    dryMs.push((await timed(() => cycle(true))).ms);
    floorMs.push((await timed(floor)).ms);
  }
  const real = await timed(() => cycle(false));
  while (floorMs.length < floorRuns) floorMs.push((await timed(floor)).ms);

  const summary: CycleReport['summary'] = real.value.summary;
  const actions = summary.created + summary.existing;
  const floorMedian = median(floorMs);
  return {
    figures: {
      scenario: 'cycle',
      engine: args.engine,
      invoices: openInvoices,
      customers: customersWithOpen,
      cycle_ms: round1(real.ms),
      floor_ms: round1(floorMedian),
      actions,
      peak_rss_mb: peakRssMb(),
    },
    summary:
      `cycle [${args.engine}]: ${openInvoices} open invoices, ${customersWithOpen} customers; ` +
      `cycle ${round1(real.ms)} ms vs floor ${round1(floorMedian)} ms = ${(real.ms / floorMedian).toFixed(2)}× ` +
      `(dry runs ${dryMs.map((ms) => Math.round(ms)).join('/')} ms, median ${Math.round(median(dryMs))}; floor ${floorMs.map((ms) => Math.round(ms)).join('/')}); ` +
      `${actions} actions (${summary.ready} ready, ${summary.deferred} deferred, ${summary.blocked} blocked), ${summary.casesOpened} cases opened; ` +
      `loaded in ${(loadMs / 1000).toFixed(1)} s; peak RSS ${peakRssMb()} MiB`,
  };
}
