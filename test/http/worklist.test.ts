// The worklist and the dashboard over HTTP: every kind of item a person must act on, in the order
// the response states (promises due today first, then amount at stake × days late), filtered and
// paginated; the dashboard's figures agree with the aging report and its day's work with the
// worklist; amounts are never added across currencies.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { worklistActionsQuery } from '../../src/app/tasks/list-tasks.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice } from '../support/fixtures.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type App, type Client } from './support.ts';

// fixedNow is 2026-11-23 10:00 UTC: today in Europe/London is 2026-11-23.
const today = '2026-11-23';

function action(customerId: bigint, invoiceIds: bigint[], values: { key: string; kind: 'task' | 'send'; channel: string; status: string; stepName: string; rule?: string; reason?: string; cycleDate?: string }) {
  return {
    customerId, caseId: null, key: values.key, cycleDate: values.cycleDate ?? today, kind: values.kind, channel: values.channel, playbookName: 'standard', playbookVersion: 0,
    stepKey: values.key, stepName: values.stepName, stepIndex: 1, tone: 'firm', template: values.channel === 'call' ? 'call-firm' : 'firm-reminder', status: values.status,
    dueAt: `${today}T09:00:00Z`, rule: values.rule ?? null, reason: values.reason ?? null, invoiceIds, invoiceNumbers: [], amounts: {}, data: {},
  } as Parameters<typeof insertActions>[2][number];
}

describeEachEngine('Worklist and dashboard', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  let api: Client;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
    api = client(app, org.keys.viewer);
    const customer = async (name: string, invoices: Array<{ dueDate: string; total: bigint; currency?: string }>) => {
      const c = await makeCustomer(database, org.orgId, { name, externalId: name });
      const made = [];
      for (const invoice of invoices) made.push(await makeInvoice(database, org.orgId, c.id, { ...invoice, issueDate: '2026-01-01' }));
      return { id: c.id, invoices: made.map((i) => i.id) };
    };
    // £1,000 10 days late = 10,000; £100 200 days late = 20,000; $5,000 5 days late = 25,000
    const small = await customer('Small-Late', [{ dueDate: '2026-11-13', total: 1000_00n }]);
    const old = await customer('Old', [{ dueDate: '2026-05-07', total: 100_00n }]);
    const dollars = await customer('Dollars', [{ dueDate: '2026-11-18', total: 5000_00n, currency: 'USD' }]);
    const promiser = await customer('Promiser', [{ dueDate: '2026-10-01', total: 300_00n }]);
    const breaker = await customer('Breaker', [{ dueDate: '2026-09-01', total: 700_00n }]);
    const future = await customer('Future', [{ dueDate: '2026-12-20', total: 50_00n }]);
    void future;
    const [call, review, failed, blocked, blockedYesterday] = await insertActions(database.db, org.orgId, [
      action(small.id, small.invoices, { key: 'call', kind: 'task', channel: 'call', status: 'ready', stepName: 'Call' }),
      action(old.id, old.invoices, { key: 'review', kind: 'task', channel: 'review', status: 'ready', stepName: 'Review' }),
      action(dollars.id, dollars.invoices, { key: 'failed', kind: 'send', channel: 'email', status: 'failed', stepName: 'Firm email' }),
      action(breaker.id, breaker.invoices, { key: 'blocked', kind: 'send', channel: 'sms', status: 'blocked', stepName: 'Firm SMS', rule: 'quiet-hours', reason: 'Not between 21:00 and 08:00.' }),
      action(breaker.id, breaker.invoices, { key: 'blocked-before', kind: 'send', channel: 'sms', status: 'blocked', stepName: 'Firm SMS', rule: 'quiet-hours', reason: 'x', cycleDate: '2026-11-22' }),
    ]);
    void blockedYesterday;
    Object.assign(ids, { call: call!.id.toString(), review: review!.id.toString(), failed: failed!.id.toString(), blocked: blocked!.id.toString() });
    // a promise due today (£300), one due in 20 days (counted as promised), and one broken 2 days ago (£700, due 10 days ago)
    const promise = (customerId: bigint, values: { dueOn: string; amount: bigint; status?: 'pending' | 'broken'; resolvedOn?: string }) =>
      database.db
        .insertInto('promises')
        .values({ org_id: org.orgId, customer_id: customerId, made_on: '2026-11-01', due_on: values.dueOn, amount: values.amount, currency: 'GBP', status: values.status ?? 'pending', resolved_on: values.resolvedOn ?? null, note: null, created_by: 'test' })
        .returning('id')
        .executeTakeFirstOrThrow();
    ids.promiseDue = (await promise(promiser.id, { dueOn: today, amount: 300_00n })).id.toString();
    await promise(old.id, { dueOn: '2026-12-13', amount: 40_00n });
    ids.promiseBroken = (await promise(breaker.id, { dueOn: '2026-11-13', amount: 700_00n, status: 'broken', resolvedOn: '2026-11-21' })).id.toString();
  });
  afterAll(() => database.close());

  it('lists every kind of item in the stated order: promises due today first, then amount at stake × days late', async () => {
    const list = await api.get('/api/v1/worklist');
    expect(list.status, list.text).toBe(200);
    expect(list.body.today).toBe(today);
    expect(list.body.rule).toMatch(/^Promises due today first; then the largest amount at stake × days late/);
    expect(list.body.data.map((i: { key: string; kind: string }) => `${i.kind} ${i.key}`)).toEqual([
      `promise_due promise:${ids.promiseDue}`,
      // £700 × 83 days (the blocked send's invoice) = 58,100; $5,000 × 5 = 25,000; £100 × 200 = 20,000;
      // £1,000 × 10 = 10,000; £700 × 10 (the broken promise, 10 days past its date) = 7,000
      `send_blocked action:${ids.blocked}`,
      `send_failed action:${ids.failed}`,
      `review action:${ids.review}`,
      `call action:${ids.call}`,
      `promise_broken promise:${ids.promiseBroken}`,
    ]);
    const failed = list.body.data[2];
    expect(failed).toMatchObject({ actionId: ids.failed, atStake: [{ currency: 'USD', amount: 500000 }], daysLate: 5, customer: { name: 'Dollars' } });
    expect(list.body.data[1]).toMatchObject({ why: 'Not between 21:00 and 08:00. (quiet-hours)', daysLate: 83, atStake: [{ currency: 'GBP', amount: 70000 }] });
    expect(list.body.data[5]).toMatchObject({ promise: { amount: 70000, currency: 'GBP', dueOn: '2026-11-13' }, daysLate: 10 });
    expect(list.body.counts).toEqual({ call: 1, review: 1, send_failed: 1, send_blocked: 1, letter_held: 0, promise_due: 1, promise_broken: 1, settlement_approval: 0, plan_approval: 0 });
  });

  it('filters by kind and pages through in order', async () => {
    const calls = await api.get('/api/v1/worklist?kind=call,promise_due');
    expect(calls.body.data.map((i: { kind: string }) => i.kind)).toEqual(['promise_due', 'call']);
    expect(calls.body.counts.review).toBe(1); // counts are the whole worklist's
    expect(expectProblem(await api.get('/api/v1/worklist?kind=calls'), 400, 'invalid_input').detail).toMatch(/calls: not a kind/);
    const all = (await api.get('/api/v1/worklist')).body.data.map((i: { key: string }) => i.key);
    type Page = { body: { data: Array<{ key: string }>; nextCursor: string | null; previousCursor: string | null } };
    const seen: string[] = [];
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await api.get(`/api/v1/worklist?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page);
      seen.push(...page.body.data.map((i) => i.key));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    // and back: the first page has none before it, each later one leads to the page before
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.body.previousCursor).toBeNull();
    const back: Page = await api.get(`/api/v1/worklist?limit=4&cursor=${pages[1]!.body.previousCursor}`);
    expect(back.body.data.map((i) => i.key)).toEqual(pages[0]!.body.data.map((i) => i.key));
  });

  it('gives the dashboard: owed and overdue per currency as the aging report has them, promised cash, 12 months of KPIs, and the worklist’s counts', async () => {
    const dashboard = await api.get('/api/v1/dashboard');
    expect(dashboard.status, dashboard.text).toBe(200);
    const aging = (await api.get('/api/v1/aging')).body.totals;
    expect(dashboard.body.currencies.map((c: { currency: string }) => c.currency)).toEqual(['GBP', 'USD']);
    for (const row of dashboard.body.currencies) {
      expect(row.owed).toBe(aging[row.currency].total);
      expect(row.overdue).toBe(aging[row.currency].total - aging[row.currency].current);
      expect(row.aging).toEqual(aging[row.currency]);
    }
    expect(dashboard.body.currencies[0]).toMatchObject({ currency: 'GBP', owed: 2150_00, overdue: 2100_00, promisedNext30Days: 340_00 });
    expect(dashboard.body.currencies[1]).toMatchObject({ currency: 'USD', owed: 5000_00, overdue: 5000_00, promisedNext30Days: 0 });
    // the promises behind the promised figure, with their customers' names
    const promised = (await api.get(`/api/v1/promises?status=pending&dueFrom=${today}&dueTo=2026-12-23`)).body.data as Array<{ customerName: string; amount: number; currency: string }>;
    expect(promised.map((p) => p.customerName).sort()).toEqual(['Old', 'Promiser']);
    expect(promised.filter((p) => p.currency === 'GBP').reduce((sum, p) => sum + p.amount, 0)).toBe(dashboard.body.currencies[0].promisedNext30Days);
    expect((await api.get(`/api/v1/promises?status=pending&dueFrom=${today}&dueTo=2026-12-12`)).body.data.map((p: { customerName: string }) => p.customerName)).toEqual(['Promiser']);
    expect((await api.get('/api/v1/promises?dueFrom=2026-11-24')).body.data.map((p: { customerName: string }) => p.customerName)).toEqual(['Old']);
    expectProblem(await api.get('/api/v1/promises?dueTo=soon'), 400, 'invalid_input');
    expect(dashboard.body.trend.map((m: { month: string }) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(dashboard.body.trend.at(-1)).toMatchObject({ from: '2026-11-01', to: today });
    expect(dashboard.body.trend.at(-1).currencies.map((c: { currency: string }) => c.currency)).toEqual(['GBP', 'USD']);
    expect(dashboard.body.work).toEqual((await api.get('/api/v1/worklist')).body.counts);
  });

  it('puts settlements awaiting approval and plans only an owner may accept in the same order, until an owner decides', async () => {
    const owner = client(app, org.keys.owner);
    const collector = client(app, org.keys.collector);
    // £2,000 30 days late = 60,000 (after the promise due today, before everything else); £400 20 days late = 8,000 (after the call)
    const settler = await makeCustomer(database, org.orgId, { name: 'Settler', externalId: 'Settler' });
    const settled = await makeInvoice(database, org.orgId, settler.id, { dueDate: '2026-10-24', total: 2000_00n, issueDate: '2026-01-01' });
    const planner = await makeCustomer(database, org.orgId, { name: 'Planner', externalId: 'Planner' });
    const planned = await makeInvoice(database, org.orgId, planner.id, { dueDate: '2026-11-03', total: 400_00n, issueDate: '2026-01-01' });
    const offer = await collector.post('/api/v1/settlements', { customerId: String(settler.id), invoiceIds: [String(settled.id)], percent: 60, expiresOn: '2026-12-31' });
    expect(offer.status, offer.text).toBe(201);
    expect(offer.body.status).toBe('awaiting_approval');
    const plan = await collector.post('/api/v1/plans', { customerId: String(planner.id), invoiceIds: [String(planned.id)], instalments: 2, first: '2026-12-01', every: 'month' });
    expect(plan.status, plan.text).toBe(201);
    // within the policy, but the default policy has planAutoAccept off: only an owner accepts it
    expect(plan.body).toMatchObject({ withinPolicy: true, needsOwner: true });

    const list = await api.get('/api/v1/worklist');
    const keys = list.body.data.map((i: { key: string }) => i.key);
    expect(keys[1]).toBe(`settlement:${offer.body.id}`);
    expect(keys.indexOf(`plan:${plan.body.id}`)).toBe(keys.indexOf(`action:${ids.call}`) + 1);
    expect(list.body.data[1]).toMatchObject({
      kind: 'settlement_approval', settlementId: offer.body.id, planId: null, actionId: null, customer: { name: 'Settler' },
      atStake: [{ currency: 'GBP', amount: 2000_00 }], daysLate: 30, invoiceNumbers: [settled.number], why: expect.stringMatching(/1,200\.00 of .*2,000\.00, by 2026-12-31/),
    });
    expect(list.body.data.find((i: { kind: string }) => i.kind === 'plan_approval')).toMatchObject({ planId: plan.body.id, atStake: [{ currency: 'GBP', amount: 400_00 }], daysLate: 20 });
    expect(list.body.counts).toMatchObject({ settlement_approval: 1, plan_approval: 1 });
    const approvals = await api.get('/api/v1/worklist?kind=settlement_approval,plan_approval');
    expect(approvals.body.data.map((i: { key: string }) => i.key)).toEqual([`settlement:${offer.body.id}`, `plan:${plan.body.id}`]);

    // a collector cannot decide them (the server refuses); an owner's decision takes them off the list
    expectProblem(await collector.post(`/api/v1/settlements/${offer.body.id}/approve`, { reason: 'fine' }), 403, 'forbidden');
    expectProblem(await collector.post(`/api/v1/plans/${plan.body.id}/accept`, {}), 403, 'forbidden');
    expect((await owner.post(`/api/v1/settlements/${offer.body.id}/approve`, { reason: 'better than court' })).status).toBe(200);
    expect((await owner.post(`/api/v1/plans/${plan.body.id}/cancel`, { reason: 'they can pay more' })).status).toBe(200);
    const after = await api.get('/api/v1/worklist');
    expect(after.body.counts).toMatchObject({ settlement_approval: 0, plan_approval: 0 });
  });
  it('reads the worklist through its own index (actions_worklist), not through every ready or deferred action', async () => {
    // The test's tables are tiny, so the planner is told to avoid a sequential scan: what is
    // checked is that the worklist's condition implies the index's predicate on this engine.
    const plan = await database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const query = worklistActionsQuery(trx, org.orgId).compile();
      const result = await trx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
      return result.rows.map((row) => Object.values(row)[0]).join('\n');
    });
    expect(plan).toMatch(/actions_worklist/);
  });
});
