// An import no longer holds the database while it runs (import-file.ts): on PGlite's one
// connection, another request's queries must get their turn between the import's chunks, and an
// import that fails must still leave nothing behind.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile } from '../../src/app/import/import-file.ts';
import type { Database } from '../../src/db/engine.ts';
import { client, createTestApp, makeApiOrg, type ApiOrg, type App } from '../http/support.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { ledgerSnapshot } from '../support/ledger-snapshot.ts';

const header = 'Invoice Number,Customer ID,Customer,Email,Invoice Date,Due Date,Currency,Total,Amount Paid,Balance,Status,Terms';
const invoiceLine = (n: number, total = '100.00') => `INV-${n},C-${n % 40},Customer ${n % 40},c${n % 40}@example.com,2026-08-01,2026-08-31,GBP,${total},0.00,${total},Authorised,Net 30`;
const invoiceFile = (count: number, badLine?: number) =>
  [header, ...Array.from({ length: count }, (_, i) => invoiceLine(i + 1, i + 2 === badLine ? 'lots' : '100.00'))].join('\n') + '\n';
const small = { batchRows: 10, chunkRows: 5 };

describeEachEngine('an import in short transactions', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  const importInvoices = (source: NodeJS.ReadableStream, onProgress?: () => void) =>
    importFile(database.db, { orgId: org.orgId, kind: 'invoices', format: 'generic', fileName: 'invoices.csv', source, today: '2026-11-23', currency: 'GBP', stageOptions: small, onProgress });

  const stagedRows = async () => (await database.db.selectFrom('import_stage').select('line').where('org_id', '=', org.orgId).execute()).length;

  it("lets another request's queries run between its chunks, and shows its progress meanwhile", async () => {
    const order: string[] = [];
    let other: Promise<void> | undefined;
    const api = client(app, org.keys.viewer);
    const running = importInvoices(Readable.from([invoiceFile(200)]), () => {
      // As soon as the file is being read: a customer list and the import's own log entry.
      other ??= (async () => {
        const customers = await api.get('/api/v1/customers');
        expect(customers.status).toBe(200);
        const log = await api.get('/api/v1/imports');
        const run = (log.body.data as Array<{ status: string; progress: unknown }>).at(-1)!;
        expect(run).toMatchObject({ status: 'running', progress: { phase: expect.stringMatching(/reading|checking|writing/) } });
        order.push('other request');
      })();
    }).then((report) => {
      order.push('import');
      return report;
    });
    const report = await running;
    await other;
    expect(report).toMatchObject({ status: 'completed', counts: { invoicesCreated: 200 } });
    // The request answered while the import still had chunks to go (one long transaction kept it waiting to the end).
    expect(order).toEqual(['other request', 'import']);
    expect(await stagedRows()).toBe(0);
    const done = await api.get(`/api/v1/imports/${report.importId}`);
    expect(done.body).toMatchObject({ status: 'completed', progress: null });
  });

  it('writes nothing when a row of the last chunk is bad, and leaves no staged rows', async () => {
    const before = await ledgerSnapshot(database, org.orgId);
    const report = await importInvoices(Readable.from([invoiceFile(120, 118).replace(/INV-/g, 'BAD-')]));
    expect(report.status).toBe('rejected');
    expect(report.problems.map((problem) => problem.line)).toContain(118);
    expect(report.problems.every((problem) => problem.line === 118)).toBe(true);
    expect(await ledgerSnapshot(database, org.orgId)).toEqual(before);
    expect(await stagedRows()).toBe(0);
  });

  it('writes nothing when the file breaks off while it is read, and logs the import as failed', async () => {
    const before = await ledgerSnapshot(database, org.orgId);
    const lines = invoiceFile(120).replace(/INV-/g, 'CUT-');
    const source = new Readable({ read() {} });
    source.push(lines.slice(0, lines.length / 2));
    setTimeout(() => source.destroy(new Error('the upload was cut off')), 50);
    await expect(importInvoices(source)).rejects.toThrow(/cut off/);
    expect(await ledgerSnapshot(database, org.orgId)).toEqual(before);
    expect(await stagedRows()).toBe(0);
    const failed = await database.db.selectFrom('imports').select(['status', 'progress']).where('org_id', '=', org.orgId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
  });
});
