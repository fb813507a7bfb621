import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type App, type Client } from './support.ts';

// The test app's clock: 2026-11-23 in Europe/London.
describeEachEngine('HTTP payment plans', (engine) => {
  let database: Database;
  let org: ApiOrg;
  let app: App;
  let owner: Client;
  let collector: Client;
  let viewer: Client;
  let customerId: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
    app = createTestApp(database);
    owner = client(app, org.keys.owner);
    collector = client(app, org.keys.collector);
    viewer = client(app, org.keys.viewer);
    customerId = (await owner.post('/api/v1/customers', { externalId: 'C-1', name: 'Acme' })).body.id;
  });
  afterAll(() => database.close());

  let counter = 0;
  const invoice = async (total: number) => (await owner.post('/api/v1/invoices', { customerId, number: `PL-${++counter}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total })).body;

  it('proposes equal instalments, and a collector may not accept it unless the policy allows; the owner may', async () => {
    const inv = await invoice(100000);
    const proposed = await collector.post('/api/v1/plans', { customerId, invoiceIds: [inv.id], instalments: 3, first: '2026-12-01', every: 'month' });
    expect(proposed.status, proposed.text).toBe(201);
    expect(proposed.body).toMatchObject({ customerId, status: 'proposed', total: 100000, currency: 'GBP', withinPolicy: true, proposedOn: '2026-11-23', acceptedOn: null });
    expect(proposed.body.instalments).toEqual([
      { seq: 1, dueOn: '2026-12-01', amount: 33333, paid: 0, paidOn: null, status: 'unpaid' },
      { seq: 2, dueOn: '2027-01-01', amount: 33333, paid: 0, paidOn: null, status: 'unpaid' },
      { seq: 3, dueOn: '2027-02-01', amount: 33334, paid: 0, paidOn: null, status: 'unpaid' },
    ]);
    const id = proposed.body.id;
    expectProblem(await collector.post(`/api/v1/plans/${id}/accept`, {}), 403, 'forbidden');
    expectProblem(await viewer.post(`/api/v1/plans/${id}/accept`, {}), 403, 'forbidden');
    const accepted = await owner.post(`/api/v1/plans/${id}/accept`, {});
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'active', acceptedOn: '2026-11-23', acceptedBy: expect.stringMatching(/^api-key:\d+$/) });
    expect((await viewer.get(`/api/v1/plans/${id}`)).body).toEqual(accepted.body);
    expect((await viewer.get(`/api/v1/plans?customerId=${customerId}&status=active`)).body.data.map((p: { id: string }) => p.id)).toEqual([id]);
    expectProblem(await owner.post(`/api/v1/plans/${id}/accept`, {}), 409, 'conflict');
    const cancelled = await collector.post(`/api/v1/plans/${id}/cancel`, { reason: 'replaced' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', resolvedOn: '2026-11-23', resolution: 'replaced' });
  });

  it('takes a typed schedule with a down payment, and refuses one that does not add up or mixes both ways', async () => {
    const inv = await invoice(50000);
    const typed = await owner.post('/api/v1/plans', { customerId, invoiceIds: [inv.id], down: 10000, schedule: [{ dueOn: '2026-12-15', amount: 15000 }, { dueOn: '2027-01-15', amount: 25000 }] });
    expect(typed.status, typed.text).toBe(201);
    expect(typed.body.instalments.map((i: { seq: number; amount: number }) => [i.seq, i.amount])).toEqual([
      [0, 10000],
      [1, 15000],
      [2, 25000],
    ]);
    await owner.post(`/api/v1/plans/${typed.body.id}/cancel`, {});
    const short = await owner.post('/api/v1/plans', { customerId, invoiceIds: [inv.id], schedule: [{ dueOn: '2026-12-15', amount: 100 }] });
    expectProblem(short, 400, 'invalid_input');
    expect(short.body.detail).toMatch(/adds up to £1\.00 but the plan is for £500\.00/);
    expectProblem(await owner.post('/api/v1/plans', { customerId, invoiceIds: [inv.id], instalments: 2, schedule: [{ dueOn: '2026-12-15', amount: 50000 }] }), 400, 'invalid_input');
    expectProblem(await owner.post('/api/v1/plans', { customerId, invoiceIds: [inv.id], instalments: 2 }), 400, 'invalid_input');
    expectProblem(await viewer.post('/api/v1/plans', { customerId, invoiceIds: [inv.id], instalments: 2, first: '2026-12-01', every: 'week' }), 403, 'forbidden');
  });
});
