import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App, type Client } from './support.ts';

// The test app's clock: 2026-11-23 in Europe/London.
describeEachEngine('HTTP write-offs', (engine) => {
  let database: Database;
  let app: App;
  let owner: Client;
  let collector: Client;
  let customerId: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const org = await makeApiOrg(database);
    app = createTestApp(database);
    owner = client(app, org.keys.owner);
    collector = client(app, org.keys.collector);
    customerId = (await owner.post('/api/v1/customers', { externalId: 'C-1', name: 'Acme' })).body.id;
  });
  afterAll(() => database.close());

  it('an owner writes off and reverses; a collector may not; the export is a CSV file', async () => {
    const invoice = (await owner.post('/api/v1/invoices', { customerId, number: 'WO-1', issueDate: '2026-09-01', dueDate: '2026-09-30', total: 7500 })).body;
    expectProblem(await collector.post('/api/v1/write-offs', { invoiceId: invoice.id, reasonCode: 'uncollectable' }), 403, 'forbidden');
    expectProblem(await owner.post('/api/v1/write-offs', { invoiceId: invoice.id, reasonCode: 'other' }), 400, 'invalid_input');
    const created = await owner.post('/api/v1/write-offs', { invoiceId: invoice.id, reasonCode: 'small-balance', note: 'not worth a letter' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ invoiceId: invoice.id, invoiceNumber: 'WO-1', customerId, amount: 7500, currency: 'GBP', reasonCode: 'small-balance', writtenOffOn: '2026-11-23', reversedOn: null });
    expect((await owner.get(`/api/v1/invoices/${invoice.id}`)).body.status).toBe('written_off');
    expect((await collector.get(`/api/v1/write-offs?customerId=${customerId}`)).body.data.map((w: { id: string }) => w.id)).toEqual([created.body.id]);

    const file = await collector.get('/api/v1/write-offs/export?from=2026-11-01&to=2026-11-30&format=xero&account=684');
    expect(file.status, file.text).toBe(200);
    expect(file.text).toContain(`Acme,WO-${created.body.id},WO-1,23/11/2026,Write-off of invoice WO-1: balance too small to pursue (not worth a letter),1,75.00,684,Tax Exempt,GBP`);
    expectProblem(await collector.get('/api/v1/write-offs/export?from=2026-11-01&to=2026-11-30&format=xero'), 400, 'invalid_input');

    expectProblem(await collector.post(`/api/v1/write-offs/${created.body.id}/reverse`, { reason: 'paid' }), 403, 'forbidden');
    const reversed = await owner.post(`/api/v1/write-offs/${created.body.id}/reverse`, { reason: 'they paid in cash' });
    expect(reversed.body).toMatchObject({ reversedOn: '2026-11-23', reversalReason: 'they paid in cash' });
    expect((await owner.get(`/api/v1/invoices/${invoice.id}`)).body.status).toBe('open');
  });
});
