// `import`: how fast invoice rows go from a CSV file into the ledger, through the same code path as
// `arrears import invoices` (streamed parse, staging table, set-based merge, accounting payments).
// The CSV is written first and the customers imported before the clock starts; the figure is the
// invoices import alone.
import type { BenchDatabase } from '../support/database.ts';
import { peakRssMb, round1, timed } from '../support/measure.ts';
import { createBenchOrg, importBenchFile, writeBenchPortfolio } from '../support/portfolio.ts';
import { StatementTimer } from '../support/statement-timer.ts';
import type { ScenarioResult, ScenarioInput } from './types.ts';

export async function runImport({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const files = await writeBenchPortfolio({ invoices: args.invoices, customers: args.customers, openShare: args.openShare });
  try {
    const timer = args.phases ? new StatementTimer() : undefined;
    const db = timer ? bench.database.db.withPlugin(timer) : bench.database.db;
    const orgId = await createBenchOrg(db);
    const customers = await timed(() => importBenchFile(db, orgId, 'customers', files.customers, bench.database));
    timer?.reset();
    const invoices = await timed(() => importBenchFile(db, orgId, 'invoices', files.invoices, bench.database));
    const rows = invoices.value.rows;
    return {
      figures: {
        scenario: 'import',
        engine: args.engine,
        rows,
        import_ms: Math.round(invoices.ms),
        rows_per_s: Math.round(rows / (invoices.ms / 1000)),
        peak_rss_mb: peakRssMb(),
      },
      summary:
        `import [${args.engine}]: ${rows} invoice rows in ${(invoices.ms / 1000).toFixed(1)} s ` +
        `(${Math.round(rows / (invoices.ms / 1000))} rows/s; CSV written in ${(files.writeMs / 1000).toFixed(1)} s, ` +
        `${args.customers} customers imported in ${(customers.ms / 1000).toFixed(1)} s first), peak RSS ${peakRssMb()} MiB; ` +
        `counts ${JSON.stringify(invoices.value.counts)}`,
      phases: timer && {
        totalMs: round1(invoices.ms),
        ...timer.report(),
      },
    };
  } finally {
    await files.dispose();
  }
}
