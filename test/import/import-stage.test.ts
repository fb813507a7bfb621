// The import's stage keeps one batch in flight while the file is still being read: every row must
// land exactly once, rows that belong together must land in one chunk even when what ties them
// comes late, and a batch the database refuses must fail the import, not vanish.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ImportStage } from '../../src/app/import/import-stage.ts';
import type { StageTable } from '../../src/app/import/staging.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';

type Row = { line: number; amount: string; customer: string; number: string };
const stage: StageTable<Row> = {
  name: 'stage_test',
  columns: [
    ['line', 'integer', (r) => r.line],
    ['amount', 'bigint', (r) => r.amount],
    ['customer', 'text', (r) => r.customer],
  ],
  together: (r) => [`customer:${r.customer}`, `number:${r.number}`],
};
const rows = (count: number): Row[] => Array.from({ length: count }, (_, i) => ({ line: i + 1, amount: String((i + 1) * 100), customer: `C${i + 1}`, number: `N${i + 1}` }));

describeEachEngine('ImportStage', (engine) => {
  let database: Database;
  let orgId: bigint;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
  });
  afterAll(() => database.close());

  /** The rows of each chunk, as the checks and merges see them. */
  const chunksOf = async (writer: ImportStage<Row>) => {
    const chunks: Array<Array<{ line: number; customer: string; amount: string }>> = [];
    for (const chunk of writer.chunks) {
      chunks.push(
        await database.db.transaction().execute(async (tx) => {
          await writer.load(tx, chunk);
          return (await sql<{ line: number; customer: string; amount: string }>`select line, customer, amount::text from stage_test order by line`.execute(tx)).rows;
        }),
      );
    }
    return chunks;
  };

  it('stores every row once, in batches and chunks, while rows keep coming', async () => {
    const writer = new ImportStage(database.db, orgId, stage, { batchRows: 7, chunkRows: 10 });
    for (const row of rows(100)) await writer.add(row);
    await writer.flush();
    const chunks = await chunksOf(writer);
    expect(chunks).toHaveLength(10);
    expect(chunks.flat().map((r) => r.line)).toEqual(rows(100).map((r) => r.line));
    expect(chunks.flat().reduce((sum, r) => sum + BigInt(r.amount), 0n)).toBe(BigInt((100 * 101 * 100) / 2));
    await writer.discard();
    expect(await database.db.selectFrom('import_stage').select('line').where('stage_key', '=', writer.key).execute()).toEqual([]);
  });

  it('puts rows sharing a customer or a number in one chunk, folding chunks a late row ties together', async () => {
    const writer = new ImportStage(database.db, orgId, stage, { batchRows: 3, chunkRows: 4 });
    for (const row of rows(20)) await writer.add(row);
    // line 21 is customer C2's (chunk 1) and names the number of line 19 (chunk 5): they become one chunk
    await writer.add({ line: 21, amount: '1', customer: 'C2', number: 'N19' });
    await writer.flush();
    const chunks = await chunksOf(writer);
    const withLine = (line: number) => chunks.findIndex((chunk) => chunk.some((r) => r.line === line));
    expect(withLine(21)).toBe(withLine(2));
    expect(withLine(19)).toBe(withLine(2));
    expect(chunks.flat()).toHaveLength(21);
    await writer.discard();
  });

  it('fails when a batch in flight is refused, instead of losing it', async () => {
    const writer = new ImportStage(database.db, orgId, stage, { batchRows: 7, chunkRows: 10 });
    const attempt = (async () => {
      for (const row of rows(30)) await writer.add(row.line === 10 ? { ...row, line: 2 ** 40 } : row); // line 10 is in the second batch
      await writer.flush();
    })();
    await expect(attempt).rejects.toThrow(/range|integer/);
    await writer.discard();
  });
});
