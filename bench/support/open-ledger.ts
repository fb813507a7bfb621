// A mostly-open ledger loaded through the real import, with a few open disputes, vacuumed and
// analysed — what the aging and cycle scenarios measure against — and the floor query both compare
// with: the plainest read of the same open invoices, a sum of balances per customer.
//
// "Fresh", exactly (the `fresh` figure says it too): a database created for the run and migrated;
// customers and invoices loaded through importFile, which ends with its own ANALYZE (as after any
// import of 10,000 rows or more); the disputes inserted; then VACUUM ANALYZE of the tables written
// and a CHECKPOINT. The last two are what the server does by itself within a minute or two of a
// large import (autovacuum's insert threshold, the checkpointer), done here so that they never run
// in the middle of a timed run (an autovacuum of a million fresh rows, or a checkpoint flushing
// them, overlapping one run and not another).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { BenchArgs } from './args.ts';
import { timed } from './measure.ts';
import { benchToday, createBenchOrg, importBenchFile, writeBenchPortfolio } from './portfolio.ts';

/** Unless --open-share says otherwise: nearly every invoice open ("over N open invoices"). */
const defaultOpenShare = 1;
/** One open invoice in this many gets a dispute, so dispute netting does real work. */
const disputeEvery = 200;

export interface OpenLedger {
  orgId: bigint;
  openInvoices: number;
  customersWithOpen: number;
  loadMs: number;
  /** The state the ledger is measured in, for the JSON. */
  fresh: string;
}

export const freshState = 'created, migrated, imported (with the import\'s ANALYZE), disputes added, VACUUM ANALYZE, CHECKPOINT';

export async function loadOpenLedger(db: Kysely<DB>, args: BenchArgs): Promise<OpenLedger> {
  const files = await writeBenchPortfolio({ invoices: args.invoices, customers: args.customers, openShare: args.openShare ?? defaultOpenShare });
  let load;
  try {
    load = await timed(async () => {
      const id = await createBenchOrg(db);
      await importBenchFile(db, id, 'customers', files.customers);
      await importBenchFile(db, id, 'invoices', files.invoices);
      return id;
    });
  } finally {
    await files.dispose();
  }
  const orgId = load.value;

  await sql`
    insert into disputes (org_id, invoice_id, reason_code, reason, amount, opened_on)
    select org_id, id, 'quality', 'bench dispute', case when id % 2 = 0 then null else greatest(balance / 2, 1) end, ${benchToday}::date
      from invoices where org_id = ${orgId} and status = 'open' and balance > 0 and id % ${disputeEvery} = 0`.execute(db);
  // What autovacuum does shortly after a big import: visibility map and statistics, so nothing is
  // timed against a table the import just churned. Measured query and floor get the same tables.
  await vacuumAnalyze(db, ['invoices', 'customers', 'contacts', 'disputes']);
  await sql`checkpoint`.execute(db);

  const counts = await sql<{ open: bigint; customers: bigint }>`
    select count(*) as open, count(distinct customer_id) as customers from invoices where org_id = ${orgId} and status = 'open'`.execute(db);
  return { orgId, openInvoices: Number(counts.rows[0]!.open), customersWithOpen: Number(counts.rows[0]!.customers), loadMs: load.ms, fresh: freshState };
}

/** What autovacuum does within a minute or two of a large write: visibility map and planner statistics. */
export async function vacuumAnalyze(db: Kysely<DB>, tables: readonly string[]): Promise<void> {
  for (const table of tables) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
}

/** Tells the floor's statement among others (its plan is reported). */
export const floorStatement = /^select customer_id, sum\(balance\) from invoices/;

/** The floor: every open invoice read once, summed per customer, rows delivered to JavaScript. */
export function floorQuery(db: Kysely<DB>, orgId: bigint) {
  return sql`select customer_id, sum(balance) from invoices where org_id = ${orgId} and status = 'open' group by customer_id`.execute(db);
}
