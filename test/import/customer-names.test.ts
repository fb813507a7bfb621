// Empty cells never erase what is stored: a file without customer names (or with an empty name
// cell) keeps the stored name; only a customer new to Arrears takes its id as its name.
import { Temporal } from 'temporal-polyfill';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile, type ImportFileInput } from '../../src/app/import/import-file.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';

const csv = (lines: string[]) => Readable.from([Buffer.from(`${lines.join('\n')}\n`)]);

describeEachEngine('import: customer names', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function setUp() {
    const { org } = await makeOrg(database, { currency: 'GBP' });
    const run = (input: Pick<ImportFileInput, 'kind' | 'source'>) =>
      importFile(database.db, { orgId: org.id, format: 'generic', fileName: 'upload.csv', today: '2026-11-23', at: Temporal.Instant.from('2026-11-23T12:00:00Z'), currency: 'GBP', ...input });
    const names = async () =>
      (await database.db.selectFrom('customers').select(['external_id', 'name']).where('org_id', '=', org.id).orderBy('external_id').execute()).map((c) => [c.external_id, c.name]);
    return { run, names };
  }

  it('keeps a stored name when the invoice file has no name column; a new customer is named by its id', async () => {
    const { run, names } = await setUp();
    await run({ kind: 'customers', source: csv(['Customer ID,Name,Email', 'C-1,GovUK Example Ltd,ap@govuk.example']) });
    const report = await run({
      kind: 'invoices',
      source: csv(['Invoice Number,Customer ID,Invoice Date,Due Date,Total', 'INV-1,C-1,2026-10-01,2026-10-31,100.00', 'INV-2,C-2,2026-10-01,2026-10-31,50.00']),
    });
    expect(report).toMatchObject({ status: 'completed', counts: { customersCreated: 1, customersUpdated: 0, invoicesCreated: 2 } });
    expect(await names()).toEqual([
      ['C-1', 'GovUK Example Ltd'],
      ['C-2', 'C-2'],
    ]);
  });

  it('keeps a stored name when the name cell is empty, and takes a new name when the file gives one', async () => {
    const { run, names } = await setUp();
    await run({ kind: 'customers', source: csv(['Customer ID,Name', 'C-1,GovUK Example Ltd', 'C-2,Old Name Ltd']) });
    const report = await run({ kind: 'customers', source: csv(['Customer ID,Name,Email', 'C-1,,new@govuk.example', 'C-2,New Name Ltd,']) });
    expect(report).toMatchObject({ status: 'completed', counts: { customersCreated: 0, customersUpdated: 1 } });
    expect(await names()).toEqual([
      ['C-1', 'GovUK Example Ltd'],
      ['C-2', 'New Name Ltd'],
    ]);
  });
});
