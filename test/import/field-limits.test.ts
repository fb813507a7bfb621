// Imports keep the API's limits: a file cannot store text the API would refuse (src/domain/text-limits.ts),
// and a NUL character (which the database cannot store) is a problem on its row, not a crash.
import { Temporal } from 'temporal-polyfill';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile, type ImportFileInput } from '../../src/app/import/import-file.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';

const csv = (text: string) => Readable.from([Buffer.from(text)]);
const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;

describeEachEngine('import: the API\'s limits', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function run(input: Pick<ImportFileInput, 'kind'> & Partial<ImportFileInput>, text: string) {
    const { org } = await makeOrg(database, { currency: 'GBP' });
    const report = await importFile(database.db, { orgId: org.id, format: 'generic', fileName: 'long.csv', today: '2026-11-23', at: Temporal.Instant.from('2026-11-23T12:00:00Z'), currency: 'GBP', source: csv(text), ...input });
    const stored = await sql<{ n: bigint }>`select (select count(*) from customers where org_id = ${org.id}) + (select count(*) from invoices where org_id = ${org.id}) as n`.execute(database.db);
    return { report, stored: stored.rows[0]!.n };
  }

  it('refuses a customer name, tag or external id longer than the API takes, naming line and column', async () => {
    const { report, stored } = await run(
      { kind: 'customers' },
      [
        'Customer ID,Name,Tags',
        `C-1,${'N'.repeat(1_000_000)},key`,
        `C-2,Tagged Ltd,${'t'.repeat(5000)}`,
        `${'X'.repeat(3000)},Long Id Ltd,`,
        `C-4,Exactly Ltd,${'t'.repeat(60)}`,
      ].join('\n'),
    );
    expect(report.status).toBe('rejected');
    expect(report.problems.map((p) => [p.line, p.column, p.message, p.value!.length <= 81])).toEqual([
      [2, 'Name', 'is 1000000 characters long; at most 200 are taken (as by the API): shorten it', true],
      [3, 'Tags', 'has a tag 5000 characters long; at most 60 are taken (as by the API): shorten it', true],
      [4, 'Customer ID', 'is 3000 characters long; at most 100 are taken (as by the API): shorten it', true],
    ]);
    expect(stored).toBe(0n);
  });

  it('refuses an invoice number and terms longer than the API takes', async () => {
    const { report } = await run(
      { kind: 'invoices' },
      ['Invoice Number,Customer,Invoice Date,Due Date,Total,Terms', `${'9'.repeat(101)},Acme,2026-10-01,2026-10-31,10.00,${'x'.repeat(5001)}`].join('\n'),
    );
    expect(report.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 'Invoice Number', 'is 101 characters long; at most 100 are taken (as by the API): shorten it'],
      [2, 'Terms', 'is 5001 characters long; at most 5000 are taken (as by the API): shorten it'],
    ]);
  });

  it('makes a NUL character in a cell a problem on its row, not a crash; --partial imports the other rows', async () => {
    const text = ['Invoice Number,Customer,Invoice Date,Due Date,Total', 'INV-1,Acme\u0000 Ltd,2026-10-01,2026-10-31,10.00', 'INV-2,Acme Ltd,2026-10-01,2026-10-31,20.00'].join('\n');
    const { report, stored } = await run({ kind: 'invoices' }, text);
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual([
      { file: 'long.csv', line: 2, column: 'Customer', value: 'Acme\\0 Ltd', message: 'has a NUL character (\\0), which cannot be stored; remove it from the file' },
    ]);
    expect(stored).toBe(0n);
    const partial = await run({ kind: 'invoices', partial: true }, text);
    expect(partial.report).toMatchObject({ status: 'completed', problemCount: 1, counts: { invoicesCreated: 1 } });
  });

  it('also in the Xero and QuickBooks formats', async () => {
    const xero = await run(
      { kind: 'invoices', format: 'xero' },
      ['ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,Type,Status', `${cell('C'.repeat(150))},INV-1,05/11/2026,05/12/2026,10.00,Sales invoice,Awaiting Payment`].join('\n'),
    );
    expect(xero.report.problems.map((p) => [p.line, p.column, p.message])).toEqual([[2, 'ContactName', 'is 150 characters long; at most 100 are taken (as by the API): shorten it']]);
    const quickbooks = await run(
      { kind: 'invoices', format: 'quickbooks', currency: 'USD' },
      ['Open Invoices', '"As of November 23, 2026"', '', ',Date,Transaction Type,Num,Due Date,Open Balance', 'Acme\u0000,,,,,', ',10/01/2026,Invoice,1001,10/31/2026,10.00'].join('\n'),
    );
    expect(quickbooks.report.status).toBe('rejected');
    // The customer line is refused, so the invoice under it has no customer.
    expect(quickbooks.report.problems.map((p) => [p.line, p.message])).toEqual([
      [5, 'has a NUL character (\\0), which cannot be stored; remove it from the file'],
      [6, expect.stringMatching(/^has no customer/)],
    ]);
  });
});
