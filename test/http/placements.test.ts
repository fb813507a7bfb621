import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { readZip } from '../placements/read-zip.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App, type Client } from './support.ts';

// The test app's clock: 2026-11-23 in Europe/London.
describeEachEngine('HTTP placements', (engine) => {
  let database: Database;
  let app: App;
  let owner: Client;
  let collector: Client;
  let viewer: Client;
  let keys: { viewer: string };
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const org = await makeApiOrg(database);
    keys = org.keys;
    app = createTestApp(database);
    owner = client(app, org.keys.owner);
    collector = client(app, org.keys.collector);
    viewer = client(app, org.keys.viewer);
  });
  afterAll(() => database.close());

  it('an owner places a customer; the ZIP downloads with the hash; a collector records the agency’s payment; the owner recalls it', async () => {
    const customerId = (await owner.post('/api/v1/customers', { externalId: 'P-1', name: 'Placed Ltd' })).body.id;
    const invoice = (await owner.post('/api/v1/invoices', { customerId, number: 'PL-1', issueDate: '2026-08-01', dueDate: '2026-08-31', total: 80000 })).body;
    const body = { agency: 'Northern Recoveries', commissionPercent: 12.5, customerIds: [customerId] };
    expectProblem(await collector.post('/api/v1/placements', body), 403, 'forbidden');
    expect((await viewer.post('/api/v1/placements', body)).status).toBe(403);
    expectProblem(await owner.post('/api/v1/placements', { ...body, commissionPercent: 12.345 }), 400, 'invalid_input');

    const created = await owner.post('/api/v1/placements', body);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ agency: 'Northern Recoveries', commissionPercent: '12.5', status: 'placed', accounts: 1, placedOn: '2026-11-23', recalledOn: null });
    expect(created.body.invoices).toEqual([{ id: invoice.id, number: 'PL-1', customerId, customerExternalId: 'P-1', currency: 'GBP', balancePlaced: 80000, balance: 80000, status: 'open' }]);
    const id = created.body.id;

    const zip = await app.request(`/api/v1/placements/${id}/archive`, { headers: { authorization: `Bearer ${keys.viewer}` } });
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const bytes = new Uint8Array(await zip.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(created.body.archiveSha256);
    expect([...readZip(bytes).keys()]).toContain('placement.csv');

    expect((await viewer.get(`/api/v1/placements?status=placed&customerId=${customerId}`)).body.data.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await viewer.get('/api/v1/placements?status=recalled')).body.data).toEqual([]);

    expectProblem(await collector.post(`/api/v1/placements/${id}/payments`, { amount: 90000, receivedOn: '2026-11-23' }), 409, 'conflict');
    const paid = await collector.post(`/api/v1/placements/${id}/payments`, { amount: 20000, receivedOn: '2026-11-23' });
    expect(paid.status, paid.text).toBe(201);
    expect(paid.body).toMatchObject({ commission: 2500, currency: 'GBP' });
    expect(paid.body.placement.invoices[0].balance).toBe(60000);
    expect(paid.body.placement.payments).toMatchObject([{ amount: 20000, commission: 2500, receivedOn: '2026-11-23' }]);

    expectProblem(await collector.post(`/api/v1/placements/${id}/recall`, {}), 403, 'forbidden');
    const recalled = await owner.post(`/api/v1/placements/${id}/recall`, { reason: 'settled directly' });
    expect(recalled.status, recalled.text).toBe(200);
    expect(recalled.body).toMatchObject({ status: 'recalled', recalledOn: '2026-11-23', recallReason: 'settled directly' });
    expectProblem(await owner.post(`/api/v1/placements/${id}/recall`, {}), 409, 'conflict');
  });
});
