// The stage writer keeps one batch in flight while the file is still being read: every row must
// still land exactly once, and a batch the database refuses must fail the import, not vanish.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStageTable, StageWriter, type StageTable } from '../../src/app/import/staging.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';

type Row = { line: number; amount: string };
const stage: StageTable<Row> = {
  name: 'stage_writer_test',
  columns: [
    ['line', 'integer', (r) => r.line],
    ['amount', 'bigint', (r) => r.amount],
  ],
};
const rows = (count: number, bad?: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ line: i + 1, amount: i + 1 === bad ? 'twelve' : String((i + 1) * 100) }));

describeEachEngine('StageWriter', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('writes every row once, in batches, while rows keep coming', async () => {
    const stored = await database.db.transaction().execute(async (tx) => {
      await createStageTable(tx, stage);
      const writer = new StageWriter(tx, stage, 7);
      for (const row of rows(100)) await writer.add(row);
      await writer.flush();
      return (await sql<{ n: string; lines: string; total: string }>`
        select count(*)::text as n, count(distinct line)::text as lines, sum(amount)::text as total from stage_writer_test`.execute(tx)).rows[0];
    });
    expect(stored).toEqual({ n: '100', lines: '100', total: String((100 * 101 * 100) / 2) });
  });

  it('fails when a batch in flight is refused, instead of losing it', async () => {
    const attempt = database.db.transaction().execute(async (tx) => {
      await createStageTable(tx, stage);
      const writer = new StageWriter(tx, stage, 7);
      for (const row of rows(30, 10)) await writer.add(row); // line 10 is in the second batch
      await writer.flush();
    });
    await expect(attempt).rejects.toThrow(/bigint|twelve/);
  });
});
