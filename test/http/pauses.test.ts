import { afterAll, beforeAll, expect, it } from 'vitest';
import { settlePromises } from '../../src/app/cycle/settle-promises.ts';
import type { Database } from '../../src/db/engine.ts';
import { findOrgById } from '../../src/db/queries/orgs.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type App, type Client } from './support.ts';

// The test app's clock: 2026-11-23 in Europe/London.
const today = '2026-11-23';

describeEachEngine('HTTP holds, disputes and promises', (engine) => {
  let database: Database;
  let org: ApiOrg;
  let app: App;
  let api: Client;
  let viewer: Client;
  let customerId: string;
  let otherCustomerId: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
    app = createTestApp(database);
    api = client(app, org.keys.collector);
    viewer = client(app, org.keys.viewer);
    customerId = (await api.post('/api/v1/customers', { externalId: 'C-1', name: 'Acme' })).body.id;
    otherCustomerId = (await api.post('/api/v1/customers', { externalId: 'C-2', name: 'Other' })).body.id;
  });
  afterAll(() => database.close());

  let counter = 0;
  const invoice = async (total: number, overrides: Record<string, unknown> = {}) =>
    (await api.post('/api/v1/invoices', { customerId, number: `HP-${++counter}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total, ...overrides })).body;
  const activity = (kind: string) =>
    database.db.selectFrom('activities').selectAll().where('org_id', '=', org.orgId).where('kind', '=', kind).orderBy('id', 'desc').executeTakeFirstOrThrow();

  it('holds: place on a customer or an invoice, list by filters, release', async () => {
    const inv = await invoice(10000);
    const whole = await api.post('/api/v1/holds', { customerId, reason: 'insurer is paying', endsOn: '2026-12-31' });
    expect(whole.status, whole.text).toBe(201);
    expect(whole.body).toMatchObject({ customerId, invoiceId: null, invoiceNumber: null, reason: 'insurer is paying', startsOn: today, endsOn: '2026-12-31', releasedOn: null, active: true });
    expect(whole.body.createdBy).toMatch(/^api-key:\d+$/);
    const one = await api.post('/api/v1/holds', { customerId, invoiceId: inv.id, reason: 'query on delivery' });
    expect(one.status, one.text).toBe(201);
    expect(one.body).toMatchObject({ invoiceId: inv.id, invoiceNumber: inv.number, endsOn: null });
    expect((await activity('hold_placed')).summary).toBe(`Invoice ${inv.number} put on hold until released: query on delivery`);

    expect((await api.get(`/api/v1/holds/${whole.body.id}`)).body).toEqual(whole.body);
    expect((await viewer.get(`/api/v1/holds?customerId=${customerId}&active=true`)).body.data.map((h: { id: string }) => h.id)).toEqual([whole.body.id, one.body.id]);
    expect((await api.get(`/api/v1/holds?invoiceId=${inv.id}`)).body.data.map((h: { id: string }) => h.id)).toEqual([one.body.id]);
    expect((await api.get(`/api/v1/holds?customerId=${otherCustomerId}`)).body.data).toEqual([]);

    const released = await call(app, 'POST', `/api/v1/holds/${one.body.id}/release`, { key: org.keys.collector });
    expect(released.status, released.text).toBe(200);
    expect(released.body).toMatchObject({ releasedOn: today, active: false });
    const withNote = await api.post(`/api/v1/holds/${whole.body.id}/release`, { note: 'insurer paid' });
    expect(withNote.status, withNote.text).toBe(200);
    expect((await activity('hold_released')).summary).toBe('Hold released; collection resumes (it was on hold because: insurer is paying). insurer paid');
    expect((await api.get(`/api/v1/holds?customerId=${customerId}&active=false`)).body.data).toHaveLength(2);
    expect(expectProblem(await api.post(`/api/v1/holds/${whole.body.id}/release`, {}), 409, 'conflict').detail).toBe(`hold ${whole.body.id} was already released on ${today}`);
  });

  it('holds: invalid input is a problem naming what to fix', async () => {
    const theirs = (await api.post('/api/v1/invoices', { customerId: otherCustomerId, number: `HP-${++counter}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 100 })).body;
    const hold = (body: Record<string, unknown>) => api.post('/api/v1/holds', { customerId, reason: 'r', ...body });
    expect(expectProblem(await hold({ reason: ' ' }), 400, 'invalid_input').detail).toMatch(/a hold needs a reason/);
    expect(expectProblem(await hold({ endsOn: '2026-11-22' }), 400, 'invalid_input').detail).toMatch(/cannot end on 2026-11-22, before today \(2026-11-23\)/);
    expect(expectProblem(await hold({ endsOn: '22/11/2026' }), 400, 'invalid_input').errors).toEqual([{ field: 'body.endsOn', message: 'must be a calendar date written YYYY-MM-DD' }]);
    expect(expectProblem(await hold({ invoiceId: theirs.id }), 400, 'invalid_input').detail).toMatch(/belongs to another customer/);
    expect(expectProblem(await hold({ extra: 1 }), 400, 'invalid_input').errors?.[0]?.field).toBe('body.extra');
    expectProblem(await hold({ customerId: '999999999' }), 404, 'not_found');
    expectProblem(await api.get('/api/v1/holds/999999999'), 404, 'not_found');
    expectProblem(await api.post('/api/v1/holds/999999999/release', {}), 404, 'not_found');
    expect(expectProblem(await api.get('/api/v1/holds?active=yes'), 400, 'invalid_input').errors?.[0]?.field).toBe('query.active');
  });

  it('disputes: open on part of an invoice, one at a time, list, resolve with a notice about the ledger', async () => {
    const inv = await invoice(40000);
    const opened = await api.post('/api/v1/disputes', { invoiceId: inv.id, reasonCode: 'quality', reason: 'two chairs broken', amount: 8000 });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body).toMatchObject({ invoiceId: inv.id, invoiceNumber: inv.number, customerId, status: 'open', reasonCode: 'quality', reason: 'two chairs broken', amount: 8000, currency: 'GBP', invoiceBalance: 40000, openedOn: today, resolvedOn: null, outcome: null, resolution: null });
    expect((await api.get(`/api/v1/disputes/${opened.body.id}`)).body).toEqual(opened.body);
    const again = expectProblem(await api.post('/api/v1/disputes', { invoiceId: inv.id, reasonCode: 'other', reason: 'more' }), 409, 'conflict');
    expect(again.detail).toBe(`invoice ${inv.number} already has an open dispute (${opened.body.id}, opened on ${today}); resolve it before opening another`);
    expect((await viewer.get(`/api/v1/disputes?status=open&customerId=${customerId}`)).body.data.map((d: { id: string }) => d.id)).toContain(opened.body.id);
    expect((await api.get(`/api/v1/disputes?invoiceId=${inv.id}&status=resolved`)).body.data).toEqual([]);

    const resolved = await api.post(`/api/v1/disputes/${opened.body.id}/resolve`, { outcome: 'partially_upheld', resolution: 'credit for one chair' });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'partially_upheld', resolution: 'credit for one chair', resolvedOn: today, invoiceBalance: 40000 });
    expect(resolved.body.notice).toBe(
      `Resolving the dispute does not change the ledger: invoice ${inv.number} still has a balance of £400.00, and the daily cycle chases it again from now on. Record a credit note for the part upheld against invoice ${inv.number} (or void the invoice) so that only what is really owed is chased.`,
    );
    expect((await api.get(`/api/v1/invoices/${inv.id}`)).body).toMatchObject({ balance: 40000, status: 'open' });
    expect((await activity('dispute_resolved')).summary).toBe(`Dispute on invoice ${inv.number} resolved (partially upheld): credit for one chair`);
    expectProblem(await api.post(`/api/v1/disputes/${opened.body.id}/resolve`, { outcome: 'rejected', resolution: 'x' }), 409, 'conflict');
  });

  it('disputes: invalid input is a problem naming what to fix', async () => {
    const inv = await invoice(5000);
    const open = (body: Record<string, unknown>) => api.post('/api/v1/disputes', { invoiceId: inv.id, reasonCode: 'other', reason: 'r', ...body });
    expect(expectProblem(await open({ reasonCode: 'angry' }), 400, 'invalid_input').errors).toEqual([
      { field: 'body.reasonCode', message: 'must be one of not_received, incorrect_amount, quality, already_paid, not_ordered, other' },
    ]);
    expect(expectProblem(await open({ amount: 5001 }), 400, 'invalid_input').detail).toMatch(/£50\.01 is more than the balance of invoice HP-\d+ \(£50\.00\)/);
    expect(expectProblem(await open({ amount: 12.5 }), 400, 'invalid_input').errors?.[0]?.field).toBe('body.amount');
    expect(expectProblem(await open({ amount: 0 }), 400, 'invalid_input').detail).toMatch(/more than zero/);
    expect(expectProblem(await open({ reason: '' }), 400, 'invalid_input').detail).toMatch(/a dispute needs a reason/);
    expectProblem(await open({ invoiceId: '999999999' }), 404, 'not_found');
    const voided = await invoice(100);
    await api.patch(`/api/v1/invoices/${voided.id}`, { status: 'void' });
    expect(expectProblem(await open({ invoiceId: voided.id }), 409, 'conflict').detail).toMatch(/is void; only an open invoice can be disputed/);
    const dispute = (await open({})).body;
    const resolve = (body: Record<string, unknown>) => api.post(`/api/v1/disputes/${dispute.id}/resolve`, { outcome: 'upheld', resolution: 'ok', ...body });
    expect(expectProblem(await resolve({ outcome: 'won' }), 400, 'invalid_input').errors?.[0]?.field).toBe('body.outcome');
    expect(expectProblem(await resolve({ resolution: '  ' }), 400, 'invalid_input').detail).toMatch(/a resolution is needed/);
    expectProblem(await api.post('/api/v1/disputes/999999999/resolve', { outcome: 'upheld', resolution: 'ok' }), 404, 'not_found');
    expectProblem(await api.get('/api/v1/disputes/999999999'), 404, 'not_found');
    expect(expectProblem(await api.get('/api/v1/disputes?status=closed'), 400, 'invalid_input').errors?.[0]?.field).toBe('query.status');
  });

  it('promises: record, supersede, list by status, cancel; settled from payments', async () => {
    const customer = (await api.post('/api/v1/customers', { externalId: `C-P-${++counter}`, name: 'Promiser' })).body.id;
    await api.post('/api/v1/invoices', { customerId: customer, number: `HP-${++counter}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 50000 });
    const first = await api.post('/api/v1/promises', { customerId: customer, amount: 25000, dueOn: '2026-12-01', note: 'after payday' });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ customerId: customer, madeOn: today, dueOn: '2026-12-01', amount: 25000, currency: 'GBP', status: 'pending', resolvedOn: null, note: 'after payday', superseded: null });
    const second = await api.post('/api/v1/promises', { customerId: customer, amount: 30000, currency: 'GBP', dueOn: '2026-12-04' });
    expect(second.status, second.text).toBe(201);
    expect(second.body.superseded).toMatchObject({ id: first.body.id, status: 'cancelled', resolvedOn: today });
    expect((await viewer.get(`/api/v1/promises?customerId=${customer}&status=pending`)).body.data.map((p: { id: string }) => p.id)).toEqual([second.body.id]);
    expect((await api.get(`/api/v1/promises/${first.body.id}`)).body.status).toBe('cancelled');

    await api.post('/api/v1/payments', { customerId: customer, receivedOn: '2026-11-28', amount: 30000 });
    await settlePromises(database.db, (await findOrgById(database.db, org.orgId))!, '2026-11-30', 2);
    expect((await api.get(`/api/v1/promises/${second.body.id}`)).body).toMatchObject({ status: 'kept', resolvedOn: '2026-11-28' });
    expect(expectProblem(await call(app, 'POST', `/api/v1/promises/${second.body.id}/cancel`, { key: org.keys.collector }), 409, 'conflict').detail).toMatch(/is already kept \(on 2026-11-28\)/);

    const third = (await api.post('/api/v1/promises', { customerId: customer, amount: 100, dueOn: today })).body;
    const cancelled = await api.post(`/api/v1/promises/${third.id}/cancel`, { reason: 'customer withdrew it' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', resolvedOn: today });
    expect((await activity('promise_cancelled')).summary).toBe(`Promise to pay £1.00 by ${today} cancelled: customer withdrew it`);
  });

  it('promises: invalid input is a problem naming what to fix', async () => {
    await invoice(1000);
    const promise = (body: Record<string, unknown>) => api.post('/api/v1/promises', { customerId, amount: 500, dueOn: '2026-12-01', ...body });
    expect(expectProblem(await promise({ amount: 0 }), 400, 'invalid_input').errors).toEqual([{ field: 'body.amount', message: 'must be more than zero' }]);
    expect(expectProblem(await promise({ dueOn: '2026-11-22' }), 400, 'invalid_input').detail).toMatch(/is in the past/);
    expect(expectProblem(await promise({ dueOn: '2027-02-22' }), 400, 'invalid_input').detail).toMatch(/more than 90 days ahead; promise a date by 2027-02-21/);
    expect(expectProblem(await promise({ currency: 'USD' }), 400, 'invalid_input').detail).toMatch(/Acme owes nothing in USD; it owes in GBP/);
    expect(expectProblem(await promise({ currency: 'gbp' }), 400, 'invalid_input').errors?.[0]?.field).toBe('body.currency');
    expect(expectProblem(await promise({ amount: 1e12 }), 400, 'invalid_input').detail).toMatch(/more than the £[\d,.]+ Acme owes in GBP/);
    const paidUp = (await api.post('/api/v1/customers', { externalId: `C-PU-${++counter}`, name: 'Paid Up' })).body.id;
    expect(expectProblem(await promise({ customerId: paidUp }), 409, 'conflict').detail).toMatch(/Paid Up owes nothing at the moment/);
    expectProblem(await promise({ customerId: '999999999' }), 404, 'not_found');
    expectProblem(await api.get('/api/v1/promises/999999999'), 404, 'not_found');
    expectProblem(await api.post('/api/v1/promises/999999999/cancel', {}), 404, 'not_found');
    expect(expectProblem(await api.get('/api/v1/promises?status=late'), 400, 'invalid_input').errors?.[0]?.field).toBe('query.status');
  });

  it('writes need the collector or owner role; a viewer only reads', async () => {
    const inv = await invoice(1000);
    const owner = client(app, org.keys.owner);
    const hold = (await owner.post('/api/v1/holds', { customerId, reason: 'owner says so' })).body;
    const dispute = (await owner.post('/api/v1/disputes', { invoiceId: inv.id, reasonCode: 'other', reason: 'r' })).body;
    const promise = (await owner.post('/api/v1/promises', { customerId, amount: 100, dueOn: today })).body;
    for (const [path, body] of [
      ['/api/v1/holds', { customerId, reason: 'r' }],
      [`/api/v1/holds/${hold.id}/release`, {}],
      ['/api/v1/disputes', { invoiceId: inv.id, reasonCode: 'other', reason: 'r' }],
      [`/api/v1/disputes/${dispute.id}/resolve`, { outcome: 'upheld', resolution: 'r' }],
      ['/api/v1/promises', { customerId, amount: 100, dueOn: today }],
      [`/api/v1/promises/${promise.id}/cancel`, {}],
    ] as const) {
      expect(expectProblem(await viewer.post(path, body), 403, 'forbidden').detail).toMatch(/viewer role, which can only read/);
    }
    for (const path of [`/api/v1/holds/${hold.id}`, `/api/v1/disputes/${dispute.id}`, `/api/v1/promises/${promise.id}`]) expect((await viewer.get(path)).status).toBe(200);
    expect((await viewer.get(`/api/v1/holds/${hold.id}`)).body.releasedOn).toBeNull();
    expect((await viewer.get(`/api/v1/promises/${promise.id}`)).body.status).toBe('pending');
  });

  it('lists page through cursors', async () => {
    const customer = (await api.post('/api/v1/customers', { externalId: `C-PG-${++counter}`, name: 'Pager' })).body.id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await api.post('/api/v1/holds', { customerId: customer, reason: `reason ${i}` })).body.id);
    const first = await api.get(`/api/v1/holds?customerId=${customer}&limit=3`);
    expect(first.body.data.map((h: { id: string }) => h.id)).toEqual(ids.slice(0, 3));
    const second = await api.get(`/api/v1/holds?customerId=${customer}&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    expect(second.body.data.map((h: { id: string }) => h.id)).toEqual(ids.slice(3));
    for (const resource of ['disputes', 'promises']) {
      const page = await api.get(`/api/v1/${resource}?limit=1`);
      expect(page.status).toBe(200);
      expect(page.body.data).toHaveLength(1);
      expect(page.body.nextCursor).toEqual(expect.any(String));
    }
  });
});
