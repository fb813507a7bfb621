import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice } from '../support/fixtures.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App } from './support.ts';

describeEachEngine('HTTP cycle and actions', (engine) => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
  });
  afterAll(() => database.close());

  async function orgWithOverdueCustomer() {
    const org = await makeApiOrg(database);
    const customer = await makeCustomer(database, org.orgId, { externalId: 'CY-1' });
    await database.db
      .insertInto('contacts')
      .values({ org_id: org.orgId, customer_id: customer.id, email: 'ap@cy1.example', address_line1: '1 Road' } as never)
      .execute();
    await makeInvoice(database, org.orgId, customer.id, { number: `CY-${org.orgId}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 250_00n });
    return { org, customer };
  }

  it('runs the cycle (today in the organisation’s zone by default), idempotently, and lists what it planned', async () => {
    const { org, customer } = await orgWithOverdueCustomer();
    const api = client(app, org.keys.collector);
    const first = await api.post('/api/v1/cycle/run', {});
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ date: '2026-11-23', dryRun: false, summary: { created: 1, existing: 0 } });
    expect(first.body.actions[0]).toMatchObject({
      customerId: customer.id.toString(),
      customerExternalId: 'CY-1',
      step: 'reminder-missed', // 23 days overdue and never chased: the friendly opening, by email
      channel: 'email',
      status: 'ready',
      dueAt: '2026-11-23T09:00:00+00:00',
      amounts: { GBP: 25000 },
      created: true,
    });
    const again = await api.post('/api/v1/cycle/run', { date: '2026-11-23' });
    expect(again.body.summary).toMatchObject({ created: 0, existing: 1 });
    expect(again.body.actions[0].id).toBe(first.body.actions[0].id);

    const list = await api.get(`/api/v1/actions?status=ready&customerId=${customer.id}&date=2026-11-23`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([first.body.actions[0].id]);
    const one = await api.get(`/api/v1/actions/${first.body.actions[0].id}`);
    expect(one.body).toMatchObject({ step: 'reminder-missed', playbook: 'standard@0', reason: expect.stringMatching(/23 day\(s\) overdue and nothing has been sent in this case yet/) });
  });

  it('brings the worklist’s stored stakes up to date after a run (not after a dry run)', async () => {
    const { org } = await orgWithOverdueCustomer();
    const api = client(app, org.keys.collector);
    const count = async (table: 'stake_changes' | 'worklist_stakes_seen') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where org_id = ${org.orgId}`.execute(database.db)).rows[0]!.n;
    expect(await count('stake_changes')).toBeGreaterThan(0);
    expect((await api.post('/api/v1/cycle/run', { dryRun: true })).status).toBe(200);
    expect(await count('worklist_stakes_seen')).toBe(0);
    expect((await api.post('/api/v1/cycle/run', {})).status).toBe(200);
    expect(await count('worklist_stakes_seen')).toBe(1);
    expect(await count('stake_changes')).toBe(0);
  });

  it('a dry run writes nothing; a viewer may not run the cycle; bad dates are refused', async () => {
    const { org } = await orgWithOverdueCustomer();
    const dry = await client(app, org.keys.owner).post('/api/v1/cycle/run', { dryRun: true });
    expect(dry.body.actions[0].id).toBeNull();
    expect((await client(app, org.keys.owner).get('/api/v1/actions')).body.data).toEqual([]);
    expectProblem(await client(app, org.keys.viewer).post('/api/v1/cycle/run', {}), 403, 'forbidden');
    expectProblem(await client(app, org.keys.owner).post('/api/v1/cycle/run', { date: '2026-02-30' }), 400, 'invalid_input');
  });

  it("one organisation's key never runs, lists or reads another's actions", async () => {
    const a = await orgWithOverdueCustomer();
    const b = await orgWithOverdueCustomer();
    const ranA = await client(app, a.org.keys.owner).post('/api/v1/cycle/run', {});
    const actionOfA = ranA.body.actions[0].id;
    const ranB = await client(app, b.org.keys.owner).post('/api/v1/cycle/run', {});
    expect(ranB.body.actions.map((x: { customerId: string }) => x.customerId)).toEqual([b.customer.id.toString()]);
    const listB = await client(app, b.org.keys.owner).get('/api/v1/actions?limit=500');
    expect(listB.body.data.map((x: { id: string }) => x.id)).not.toContain(actionOfA);
    expectProblem(await client(app, b.org.keys.owner).get(`/api/v1/actions/${actionOfA}`), 404, 'not_found');
  });
});
