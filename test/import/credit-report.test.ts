// The credit an invoice export lists (Xero's credit notes and overpayments) is counted in every
// form of the import report: the API's result, and the CLI's text (its --json is tested in xero.test.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeReport } from '../../src/cli/commands/import.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, createTestApp, makeApiOrg, type ApiOrg, type App } from '../http/support.ts';

const screenExport = readFileSync(new URL('../fixtures/xero/invoice-export-screen-2026-11-23.csv', import.meta.url), 'utf8');

describeEachEngine('import report: credit read from an invoice export', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  it('the API says how many credit notes and overpayments it read, and where the credit went', async () => {
    const response = await app.request('/api/v1/imports?kind=invoices&format=xero&fileName=export.csv', {
      method: 'POST',
      headers: { authorization: `Bearer ${org.keys.collector}`, 'content-type': 'text/csv' },
      body: screenExport,
    });
    const body = JSON.parse(await response.text());
    expect(response.status).toBe(201);
    expect(body).toMatchObject({
      status: 'completed',
      counts: { creditNotesRead: 3, creditNotesCreated: 3, creditNotesApplied: 1, creditNotesUnallocated: 1, overpaymentsRead: 1, overpaymentsCreated: 1 },
    });
    // The credit left on Meridian's account shows as unallocated.
    const notes = await call(app, 'GET', '/api/v1/credit-notes', { key: org.keys.viewer });
    expect(notes.status).toBe(200);
    expect(notes.body.data.map((n: { number: string; unallocated: string | number }) => [n.number, String(n.unallocated)])).toEqual([
      ['CN-0031', '0'],
      ['CN-0032', '6000'],
      ['CN-0033', '0'],
    ]);
  });
});

it('the CLI\'s text report names the credit notes and overpayments read', () => {
  const text = describeReport({
    importId: '1',
    kind: 'invoices',
    format: 'xero',
    file: 'export.csv',
    status: 'completed',
    rows: 13,
    counts: { invoicesCreated: 6, creditNotesRead: 3, creditNotesApplied: 1, creditNotesUnallocated: 1, overpaymentsRead: 1, overpaymentsCreated: 1, skipped: 2 },
    problems: [],
    problemCount: 0,
  });
  expect(text).toContain('  3 credit notes read\n');
  expect(text).toContain('  1 credit notes applied to the invoice they name\n');
  expect(text).toContain('  1 credit notes with credit left unallocated on the account\n');
  expect(text).toContain('  1 overpayments read\n');
  expect(text).toContain('  1 payments on account created (overpayments)\n');
});
