import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type Client } from './support.ts';

describeEachEngine('HTTP invoices', (engine) => {
  let database: Database;
  let org: ApiOrg;
  let api: Client;
  let customerId: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
    api = client(createTestApp(database), org.keys.collector);
    customerId = (await api.post('/api/v1/customers', { externalId: 'C-1', name: 'Acme', currency: 'USD' })).body.id;
  });
  afterAll(() => database.close());

  const invoice = (overrides: Record<string, unknown> = {}) =>
    api.post('/api/v1/invoices', { customerId, number: `INV-${Math.random().toString(36).slice(2, 9)}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 120000, ...overrides });

  it('records an open invoice in the customer’s currency, with exact amounts', async () => {
    const created = await invoice({ number: 'INV-0001', terms: 'Net 30', total: 10_000_000_000_000 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 'INV-0001', currency: 'USD', status: 'open', terms: 'Net 30', allocations: [], charges: [], paidOn: null });
    // written as exact JSON integers: the raw text has every digit
    expect(created.text).toContain('"total":10000000000000');
    expect(created.text).toContain('"balance":10000000000000');
  });

  it('shows the ledger of an invoice: allocations and charges, and the balance they make', async () => {
    const { body: inv } = await invoice({ total: 10000 });
    await database.db
      .insertInto('charges')
      .values({ org_id: org.orgId, invoice_id: BigInt(inv.id), kind: 'fee', amount: 4000n, charged_on: '2026-11-05', calculation: '{"rule":"flat"}' })
      .execute();
    await api.post('/api/v1/payments', { customerId, receivedOn: '2026-11-10', amount: 3000, allocations: [{ invoiceId: inv.id, amount: 3000 }] });
    const read = await api.get(`/api/v1/invoices/${inv.id}`);
    expect(read.body).toMatchObject({ total: 10000, charged: 4000, allocated: 3000, balance: 11000, status: 'open' });
    expect(read.body.charges).toEqual([expect.objectContaining({ kind: 'fee', amount: 4000, chargedOn: '2026-11-05', calculation: { rule: 'flat' } })]);
    expect(read.body.allocations).toEqual([expect.objectContaining({ invoiceId: inv.id, amount: 3000, allocatedOn: '2026-11-10', creditNoteId: null })]);
  });

  it('refuses a due date before the issue date, a bad currency, a negative total and a duplicate number', async () => {
    expect(expectProblem(await invoice({ issueDate: '2026-10-10', dueDate: '2026-10-01' }), 400, 'invalid_input').detail).toMatch(/dueDate .* before issueDate/);
    expectProblem(await invoice({ currency: 'ABC' }), 400, 'invalid_input');
    expectProblem(await invoice({ total: -1 }), 400, 'invalid_input');
    expectProblem(await invoice({ dueDate: '31/10/2026' }), 400, 'invalid_input');
    expectProblem(await invoice({ customerId: '999999999' }), 404, 'not_found');
    await invoice({ number: 'DUP-1' });
    expect(expectProblem(await invoice({ number: 'DUP-1' }), 409, 'conflict').detail).toMatch(/numbered "DUP-1" exists; give this invoice another number/);
  });

  it('filters by customer, status, due dates and currency', async () => {
    const other = (await api.post('/api/v1/customers', { externalId: 'C-F', name: 'Filtered', currency: 'GBP' })).body.id;
    const early = (await api.post('/api/v1/invoices', { customerId: other, number: 'F-1', issueDate: '2026-01-01', dueDate: '2026-01-31', total: 100 })).body;
    const late = (await api.post('/api/v1/invoices', { customerId: other, number: 'F-2', issueDate: '2026-03-01', dueDate: '2026-03-31', total: 100, currency: 'EUR' })).body;
    await api.patch(`/api/v1/invoices/${late.id}`, { status: 'void' });
    const numbers = async (query: string) => (await api.get(`/api/v1/invoices?customerId=${other}&${query}`)).body.data.map((i: { number: string }) => i.number);
    expect(await numbers('')).toEqual(['F-1', 'F-2']);
    expect(await numbers('status=open')).toEqual(['F-1']);
    expect(await numbers('dueBefore=2026-03-31')).toEqual(['F-1']);
    expect(await numbers('dueAfter=2026-01-31')).toEqual(['F-2']);
    expect(await numbers('currency=EUR')).toEqual(['F-2']);
    expect(early.currency).toBe('GBP');
    expectProblem(await api.get('/api/v1/invoices?status=lost'), 400, 'invalid_input');
  });

  it('voids only an open invoice, puts it on the timeline with the key that did it, and sends write-offs to their own endpoint', async () => {
    const { body: inv } = await invoice({ total: 5000, number: 'WO-1' });
    // a write-off needs a reason code and an owner: PATCH says where to go and changes nothing
    const refused = expectProblem(await api.patch(`/api/v1/invoices/${inv.id}`, { status: 'written_off' }), 400, 'invalid_input');
    expect(JSON.stringify(refused)).toMatch(/POST \/api\/v1\/write-offs/);
    expect((await api.get(`/api/v1/invoices/${inv.id}`)).body.status).toBe('open');
    const changed = await api.patch(`/api/v1/invoices/${inv.id}`, { status: 'void' });
    expect(changed.status).toBe(200);
    expect(changed.body.status).toBe('void');
    const activity = await database.db.selectFrom('activities').selectAll().where('org_id', '=', org.orgId).where('kind', '=', 'invoice_status').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const key = await database.db.selectFrom('api_keys').select('id').where('org_id', '=', org.orgId).where('role', '=', 'collector').executeTakeFirstOrThrow();
    expect(activity).toMatchObject({ customer_id: BigInt(customerId), actor: `api-key:${key.id}`, summary: 'Invoice WO-1 voided with US$50.00 outstanding' });
    expect(activity.data).toMatchObject({ invoiceId: inv.id, from: 'open', to: 'void', balance: '5000' });
    // asking for the status it already has changes nothing and is not an error
    expect((await api.patch(`/api/v1/invoices/${inv.id}`, { status: 'void' })).status).toBe(200);
    const { body: paid } = await invoice({ total: 0, number: 'WO-2' });
    await database.db.updateTable('invoices').set({ status: 'paid' }).where('id', '=', BigInt(paid.id)).execute();
    expect(expectProblem(await api.patch(`/api/v1/invoices/${paid.id}`, { status: 'void' }), 409, 'conflict').detail).toMatch(/WO-2 is paid; only an open invoice can be voided/);
    expectProblem(await api.patch(`/api/v1/invoices/${inv.id}`, { status: 'paid' }), 400, 'invalid_input');
  });

  it('edits the terms of an invoice in any status', async () => {
    const { body: inv } = await invoice();
    const changed = await api.patch(`/api/v1/invoices/${inv.id}`, { terms: 'Net 14; interest under the Late Payment Act' });
    expect(changed.body).toMatchObject({ terms: 'Net 14; interest under the Late Payment Act', status: 'open' });
    expect((await api.patch(`/api/v1/invoices/${inv.id}`, { terms: null })).body.terms).toBeNull();
  });
});
