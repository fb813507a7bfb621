import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App, type Client } from './support.ts';

// The test app's clock: 2026-11-23 in Europe/London.
describeEachEngine('HTTP settlements', (engine) => {
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

  it('a collector offers 60%; it waits for an owner, who approves it with a reason; a second offer over the same invoice is refused', async () => {
    const invoice = (await owner.post('/api/v1/invoices', { customerId, number: 'ST-1', issueDate: '2026-09-01', dueDate: '2026-09-30', total: 100000 })).body;
    const offered = await collector.post('/api/v1/settlements', { customerId, percent: 60, expiresOn: '2026-12-07' });
    expect(offered.status, offered.text).toBe(201);
    expect(offered.body).toMatchObject({ customerId, status: 'awaiting_approval', owed: 100000, amount: 60000, currency: 'GBP', expiresOn: '2026-12-07', offeredOn: '2026-11-23' });
    expect(offered.body.invoices).toEqual([{ id: invoice.id, number: 'ST-1', balanceOffered: 100000, balance: 100000, status: 'open' }]);
    const id = offered.body.id;
    expectProblem(await collector.post(`/api/v1/settlements/${id}/approve`, { reason: 'fine' }), 403, 'forbidden');
    const approved = await owner.post(`/api/v1/settlements/${id}/approve`, { reason: 'better than court' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'offered', decisionReason: 'better than court', decidedBy: expect.stringMatching(/^api-key:\d+$/) });
    expect((await collector.get(`/api/v1/settlements?status=offered`)).body.data.map((s: { id: string }) => s.id)).toEqual([id]);
    expectProblem(await owner.post(`/api/v1/settlements/${id}/decline`, { reason: 'changed my mind' }), 409, 'conflict');
    expectProblem(await collector.post('/api/v1/settlements', { customerId, invoiceIds: [invoice.id], amount: 50000, expiresOn: '2026-12-07' }), 409, 'conflict');
    expectProblem(await collector.post('/api/v1/settlements', { customerId, amount: 50000, percent: 50, expiresOn: '2026-12-07' }), 400, 'invalid_input');
  });
});
