// `aging`: the aging report (computeAging, as the API and CLI run it) over a mostly-open ledger,
// against its floor — the plainest query that reads the same open invoices, a sum of balances per
// customer — in the same run, on the same data. The ledger is loaded through the real import; a
// few open disputes are added so the report does its dispute netting for real.
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import type { BenchDatabase } from '../support/database.ts';
import { median, peakRssMb, round1, timed } from '../support/measure.ts';
import { floorQuery, loadOpenLedger } from '../support/open-ledger.ts';
import { benchToday } from '../support/portfolio.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

/** Timed runs of each query after one untimed warm-up; the median is reported. */
const runs = 5;

export async function runAging({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const { db } = bench.database;
  const { orgId, openInvoices, customersWithOpen, loadMs } = await loadOpenLedger(db, args);

  const aging = () => computeAging(db, orgId, benchToday);
  const floor = () => floorQuery(db, orgId);
  await aging();
  await floor();
  const agingMs: number[] = [];
  const floorMs: number[] = [];
  let reportRows = 0;
  // Alternating, so a slow moment on the machine hits both alike.
  for (let i = 0; i < runs; i++) {
    const a = await timed(aging);
    agingMs.push(a.ms);
    reportRows = a.value.customers.length;
    floorMs.push((await timed(floor)).ms);
  }
  const agingMedian = median(agingMs);
  const floorMedian = median(floorMs);
  return {
    figures: {
      scenario: 'aging',
      engine: args.engine,
      invoices: openInvoices,
      customers: customersWithOpen,
      aging_ms: round1(agingMedian),
      floor_ms: round1(floorMedian),
      peak_rss_mb: peakRssMb(),
    },
    summary:
      `aging [${args.engine}]: ${openInvoices} open invoices of ${args.invoices} rows, ${args.customers} customers; ` +
      `aging ${round1(agingMedian)} ms vs floor ${round1(floorMedian)} ms = ${(agingMedian / floorMedian).toFixed(2)}× ` +
      `(median of ${runs} after a warm-up; aging runs ${agingMs.map((ms) => Math.round(ms)).join('/')}, floor ${floorMs.map((ms) => Math.round(ms)).join('/')}); ` +
      `${reportRows} report rows; loaded in ${(loadMs / 1000).toFixed(1)} s; peak RSS ${peakRssMb()} MiB`,
  };
}
