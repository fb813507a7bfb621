// The worklist is ranked in the database (app/tasks/worklist-entries.ts); the order the user is
// told (domain/worklist-order.ts) must be the order served. On a list mixing every kind of item
// and currencies of 0, 2 and 3 decimals, the order over HTTP, page by page, is the one
// compareWorklistItems gives the same items.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import { compareWorklistItems, type Rankable } from '../../src/domain/worklist-order.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice } from '../support/fixtures.ts';
import { client, createTestApp, makeApiOrg, type ApiOrg, type App, type Client } from './support.ts';

// fixedNow is 2026-11-23 10:00 UTC: today in Europe/London is 2026-11-23.
const today = '2026-11-23';

interface Item {
  key: string;
  kind: string;
  actionId: string | null;
  promiseId: string | null;
  settlementId: string | null;
  planId: string | null;
  atStake: Array<{ currency: string; amount: number }>;
  daysLate: number;
}

function rankable(item: Item): Rankable {
  return {
    promiseDueToday: item.kind === 'promise_due',
    atStake: item.atStake.map(({ currency, amount }) => ({ currency, amount: BigInt(amount) })),
    daysLate: item.daysLate,
    sequence: BigInt(item.actionId ?? item.promiseId ?? item.settlementId ?? item.planId!),
  };
}

describeEachEngine('Worklist order in the database', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  let api: Client;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
    api = client(app, org.keys.viewer);
    const collector = client(app, org.keys.collector);
    const customer = async (name: string, invoices: Array<{ dueDate: string; total: bigint; currency: string; status?: 'paid' }>) => {
      const c = await makeCustomer(database, org.orgId, { name, externalId: name });
      const made = [];
      for (const invoice of invoices) made.push(await makeInvoice(database, org.orgId, c.id, { ...invoice, issueDate: '2026-01-01' }));
      return { id: c.id, invoices: made.map((i) => i.id) };
    };
    const action = (c: { id: bigint; invoices: bigint[] }, key: string, kind: 'task' | 'send', channel: string, status: string) => ({
      customerId: c.id, caseId: null, key, cycleDate: today, kind, channel, playbookName: 'standard', playbookVersion: 0,
      stepKey: key, stepName: key, stepIndex: 1, tone: 'firm', template: 'firm-reminder', status,
      dueAt: `${today}T09:00:00Z`, rule: status === 'blocked' ? 'quiet-hours' : channel === 'letter' ? 'no-return-address' : null, reason: null, invoiceIds: c.invoices, invoiceNumbers: [], amounts: {}, data: {},
    }) as Parameters<typeof insertActions>[2][number];
    // ¥150,000 (0 decimals) 20 days late; 45.500 KWD (3 decimals) 30 days late; €800 + $300 in one
    // send 40 days late (stakes added in whole units); twins: equal stake and lateness (the older
    // first); a task whose invoice is paid (nothing at stake, last of the actions)
    const yen = await customer('Yen', [{ dueDate: '2026-11-03', total: 150_000n, currency: 'JPY' }]);
    const dinar = await customer('Dinar', [{ dueDate: '2026-10-24', total: 45_500n, currency: 'KWD' }]);
    const mixed = await customer('Mixed', [{ dueDate: '2026-10-14', total: 800_00n, currency: 'EUR' }, { dueDate: '2026-11-13', total: 300_00n, currency: 'USD' }]);
    const twinA = await customer('TwinA', [{ dueDate: '2026-11-13', total: 250_00n, currency: 'GBP' }]);
    const twinB = await customer('TwinB', [{ dueDate: '2026-11-13', total: 250_00n, currency: 'GBP' }]);
    const paid = await customer('Paid', [{ dueDate: '2026-09-01', total: 900_00n, currency: 'GBP', status: 'paid' }]);
    const blocked = await customer('Blocked', [{ dueDate: '2026-11-08', total: 1_200_000n, currency: 'JPY' }]);
    const letter = await customer('Letter', [{ dueDate: '2026-11-18', total: 9_000n, currency: 'BHD' }]);
    await insertActions(database.db, org.orgId, [
      action(yen, 'yen-call', 'task', 'call', 'ready'),
      action(dinar, 'dinar-review', 'task', 'review', 'ready'),
      action(mixed, 'mixed-failed', 'send', 'email', 'failed'),
      action(twinB, 'twin-b', 'task', 'call', 'ready'),
      action(twinA, 'twin-a', 'task', 'call', 'deferred'),
      action(paid, 'paid-call', 'task', 'call', 'ready'),
      action(blocked, 'blocked-sms', 'send', 'sms', 'blocked'),
      action(letter, 'held-letter', 'send', 'letter', 'deferred'),
    ]);
    const promise = (customerId: bigint, values: { dueOn: string; amount: bigint; currency: string; status?: 'broken'; resolvedOn?: string }) =>
      database.db
        .insertInto('promises')
        .values({ org_id: org.orgId, customer_id: customerId, made_on: '2026-11-01', due_on: values.dueOn, amount: values.amount, currency: values.currency, status: values.status ?? 'pending', resolved_on: values.resolvedOn ?? null, note: null, created_by: 'test' })
        .execute();
    await promise(yen.id, { dueOn: today, amount: 50_000n, currency: 'JPY' });
    await promise(dinar.id, { dueOn: today, amount: 10_000n, currency: 'KWD' });
    await promise(mixed.id, { dueOn: '2026-11-10', amount: 400_00n, currency: 'EUR', status: 'broken', resolvedOn: '2026-11-20' });
    const settler = await customer('Settler', [{ dueDate: '2026-10-24', total: 2000_00n, currency: 'GBP' }]);
    const planner = await customer('Planner', [{ dueDate: '2026-11-03', total: 400_00n, currency: 'GBP' }]);
    expect((await collector.post('/api/v1/settlements', { customerId: String(settler.id), invoiceIds: [String(settler.invoices[0])], percent: 60, expiresOn: '2026-12-31' })).status).toBe(201);
    expect((await collector.post('/api/v1/plans', { customerId: String(planner.id), invoiceIds: [String(planner.invoices[0])], instalments: 2, first: '2026-12-01', every: 'month' })).status).toBe(201);
  });
  afterAll(() => database.close());

  it('serves, page by page, the order compareWorklistItems gives', async () => {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: Item[]; nextCursor: string | null } } = await api.get(`/api/v1/worklist?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(items.map((item) => item.kind))).toEqual(new Set(['promise_due', 'promise_broken', 'call', 'review', 'send_failed', 'send_blocked', 'letter_held', 'settlement_approval', 'plan_approval']));
    expect(items).toHaveLength(13);
    const sorted = [...items].sort((a, b) => compareWorklistItems(rankable(a), rankable(b)));
    expect(items.map((item) => item.key)).toEqual(sorted.map((item) => item.key));
    // the comparator's own ties are broken by the item's sequence, so the order is the only one
    for (let i = 1; i < sorted.length; i++) expect(compareWorklistItems(rankable(sorted[i - 1]!), rankable(sorted[i]!))).toBeLessThan(0);
    // a few positions by hand: ¥150,000 × 20 = 3,000,000 whole-yen-days beats 45.5 KWD × 30
    const keyOf = (name: string) => items.findIndex((item) => item.kind !== 'promise_due' && item.atStake.some((s) => s.currency === name));
    expect(keyOf('JPY')).toBeLessThan(keyOf('KWD'));
    expect(items.slice(0, 2).map((item) => item.kind)).toEqual(['promise_due', 'promise_due']);
  });

  it('filters by kind in the same order', async () => {
    const all = ((await api.get('/api/v1/worklist')).body.data as Item[]).filter((item) => item.kind === 'call' || item.kind === 'send_failed');
    const chosen = (await api.get('/api/v1/worklist?kind=call,send_failed')).body.data as Item[];
    expect(chosen.map((item) => item.key)).toEqual(all.map((item) => item.key));
    expect(chosen.at(-1)).toMatchObject({ atStake: [], daysLate: 0 });
  });
});
