// The stage writer keeps one batch in flight while the file is still being read: every row must
// still land exactly once, in the chunk of its customer, and a batch the database refuses must fail
// the import, not vanish.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ImportStage, StageWriter, type StageTable } from '../../src/app/import/staging.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';

type Row = { line: number; customer: string; amount: string };
const table: StageTable<Row> = {
  name: 'stage_writer_test',
  groupKey: (r) => r.customer,
  columns: [
    ['line', 'integer', (r) => r.line],
    ['customer', 'text', (r) => r.customer],
    ['amount', 'bigint', (r) => r.amount],
  ],
};
/** Customers c0–c4, ten rows each, then ten more rows each interleaved (c0, c1, …, c4, c0, …). */
const rows = (count: number, bad?: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ line: i + 1, customer: `c${i < 50 ? Math.floor(i / 10) : i % 5}`, amount: i + 1 === bad ? 'twelve' : String((i + 1) * 100) }));

describeEachEngine('StageWriter', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('writes every row once, in batches, each customer whole in one chunk', async () => {
    const { db } = database;
    const stage = new ImportStage(table, null, 25);
    await stage.create(db);
    try {
      const writer = new StageWriter(db, stage, 7);
      for (const row of rows(100)) await writer.add(row);
      await writer.flush();
      await stage.staged(db);
      const stored = await stage.transaction(db, 'all', async (tx) =>
        (await sql<{ n: string; lines: string; total: string }>`
          select count(*)::text as n, count(distinct line)::text as lines, sum(amount)::text as total from stage_writer_test`.execute(tx)).rows[0],
      );
      expect(stored).toEqual({ n: '100', lines: '100', total: String((100 * 101 * 100) / 2) });
      // 25 rows per chunk: a new customer opens a chunk when the last has 25 or more (c0–c2 fill
      // chunk 0 with 30, c3 opens chunk 1), and a customer's later rows follow its first.
      expect(stage.rowsPerChunk).toEqual([60, 40]);
      const perChunk = await stage.transaction(db, { first: 1, last: 1 }, async (tx) =>
        (await sql<{ customers: string[]; n: string }>`select array_agg(distinct customer order by customer) as customers, count(*)::text as n from stage_writer_test`.execute(tx)).rows[0],
      );
      expect(perChunk).toEqual({ customers: ['c3', 'c4'], n: '40' });
    } finally {
      await stage.drop(db);
    }
  });

  it('fails when a batch in flight is refused, instead of losing it', async () => {
    const { db } = database;
    const stage = new ImportStage(table, null, 25);
    await stage.create(db);
    try {
      const writer = new StageWriter(db, stage, 7);
      const attempt = (async () => {
        for (const row of rows(30, 10)) await writer.add(row); // line 10 is in the second batch
        await writer.flush();
      })();
      await expect(attempt).rejects.toThrow(/bigint|twelve/);
    } finally {
      await stage.drop(db);
    }
  });
});
