// `aging`: the aging report (computeAging, as the API and CLI run it) over a mostly-open ledger,
// against its floor — the plainest query that reads the same open invoices, a sum of balances per
// customer — in the same run, on the same data. The ledger is loaded through the real import; a
// few open disputes are added so the report does its dispute netting for real.
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import type { BenchDatabase } from '../support/database.ts';
import { figure, figureRuns, loadNow, median, peakRssMb, round1, timed } from '../support/measure.ts';
import { floorQuery, floorStatement, loadOpenLedger } from '../support/open-ledger.ts';
import { planOf } from '../support/plan.ts';
import { benchToday } from '../support/portfolio.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

/**
 * The report's one statement over the invoices (agingByCustomer, src/db/queries/aging.ts): its plan
 * is reported. Matched by its outer text: its WITH clause is a nested fragment (agingParts).
 */
const agingStatement = /from gross r\s+join customers c on c\.org_id/;

export async function runAging({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const { db } = bench.database;
  const loadBefore = loadNow();
  const { orgId, openInvoices, customersWithOpen, loadMs, fresh } = await loadOpenLedger(db, args);

  const aging = (on = db) => computeAging(on, orgId, benchToday);
  const floor = (on = db) => floorQuery(on, orgId);
  // the plans first, on the database as the load left it: what the first timed run meets
  const plans = { aging: await planOf(db, agingStatement, aging), floor: await planOf(db, floorStatement, floor) };
  // one untimed run of each (the first read of freshly written tables sets hint bits: a write)
  await aging();
  await floor();
  const agingMs: number[] = [];
  const floorMs: number[] = [];
  let reportRows = 0;
  // Alternating, so a slow moment on the machine hits both alike.
  for (let i = 0; i < figureRuns; i++) {
    const a = await timed(() => aging());
    agingMs.push(a.ms);
    reportRows = a.value.customers.length;
    floorMs.push((await timed(() => floor())).ms);
  }
  const agingMedian = median(agingMs);
  const floorMedian = median(floorMs);
  const load = [loadBefore, loadNow()];
  return {
    figures: {
      scenario: 'aging',
      engine: args.engine,
      invoices: openInvoices,
      customers: customersWithOpen,
      ...figure('aging', agingMs),
      ...figure('floor', floorMs),
      ratio: Math.round((agingMedian / floorMedian) * 100) / 100,
      plans,
      fresh,
      load_avg: load,
      peak_rss_mb: peakRssMb(),
    },
    summary:
      `aging [${args.engine}]: ${openInvoices} open invoices of ${args.invoices} rows, ${args.customers} customers; ` +
      `aging ${round1(agingMedian)} ms vs floor ${round1(floorMedian)} ms = ${(agingMedian / floorMedian).toFixed(2)}× ` +
      `(median of ${figureRuns} after a warm-up); ${reportRows} report rows; loaded in ${(loadMs / 1000).toFixed(1)} s; ` +
      `load average ${load.join(' → ')}; peak RSS ${peakRssMb()} MiB`,
  };
}
