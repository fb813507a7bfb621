// `aging`: the aging report (computeAging, as the API and CLI run it) over a mostly-open ledger,
// against its floor — the plainest query that reads the same open invoices, a sum of balances per
// customer — in the same run, on the same data. The ledger is loaded through the real import; a
// few open disputes are added so the report does its dispute netting for real.
import { sql } from 'kysely';
import { computeAging } from '../../src/app/compute-aging.ts';
import type { BenchDatabase } from '../support/database.ts';
import { median, peakRssMb, round1, timed } from '../support/measure.ts';
import { benchToday, createBenchOrg, importBenchFile, writeBenchPortfolio } from '../support/portfolio.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

/** Timed runs of each query after one untimed warm-up; the median is reported. */
const runs = 5;
/** Unless --open-share says otherwise: nearly every invoice open ("aging over N open invoices"). */
const defaultOpenShare = 1;
/** One open invoice in this many gets a dispute. */
const disputeEvery = 200;

export async function runAging({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const { db } = bench.database;
  const files = await writeBenchPortfolio({ invoices: args.invoices, customers: args.customers, openShare: args.openShare ?? defaultOpenShare });
  let loadMs: number;
  let orgId: bigint;
  try {
    const load = await timed(async () => {
      const id = await createBenchOrg(db);
      await importBenchFile(db, id, 'customers', files.customers);
      await importBenchFile(db, id, 'invoices', files.invoices);
      return id;
    });
    loadMs = load.ms;
    orgId = load.value;
  } finally {
    await files.dispose();
  }

  await sql`
    insert into disputes (org_id, invoice_id, reason_code, reason, amount, opened_on)
    select org_id, id, 'quality', 'bench dispute', case when id % 2 = 0 then null else greatest(balance / 2, 1) end, ${benchToday}::date
      from invoices where org_id = ${orgId} and status = 'open' and balance > 0 and id % ${disputeEvery} = 0`.execute(db);
  // What autovacuum does shortly after a big import: visibility map and statistics, so neither
  // query is timed against a table the import just churned. Both queries get the same table.
  for (const table of ['invoices', 'customers', 'disputes']) await sql`vacuum analyze ${sql.table(table)}`.execute(db);

  const counts = await sql<{ open: bigint; customers: bigint }>`
    select count(*) as open, count(distinct customer_id) as customers from invoices where org_id = ${orgId} and status = 'open'`.execute(db);
  const openInvoices = Number(counts.rows[0]!.open);

  const aging = () => computeAging(db, orgId, benchToday);
  const floor = () => sql`select customer_id, sum(balance) from invoices where org_id = ${orgId} and status = 'open' group by customer_id`.execute(db);
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
      customers: Number(counts.rows[0]!.customers),
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
