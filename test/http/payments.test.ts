import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type Client } from './support.ts';

describeEachEngine('HTTP payments and credit notes', (engine) => {
  let database: Database;
  let org: ApiOrg;
  let api: Client;
  let customerId: string;
  let otherCustomerId: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
    api = client(createTestApp(database), org.keys.collector);
    customerId = (await api.post('/api/v1/customers', { externalId: 'C-1', name: 'Acme' })).body.id;
    otherCustomerId = (await api.post('/api/v1/customers', { externalId: 'C-2', name: 'Other' })).body.id;
  });
  afterAll(() => database.close());

  let counter = 0;
  const invoice = async (total: number, overrides: Record<string, unknown> = {}) =>
    (await api.post('/api/v1/invoices', { customerId, number: `P-${++counter}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total, ...overrides })).body;
  const counts = async () => ({
    payments: (await database.db.selectFrom('payments').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow()).n,
    creditNotes: (await database.db.selectFrom('credit_notes').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow()).n,
    allocations: (await database.db.selectFrom('allocations').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow()).n,
  });

  it('records a payment with its allocations: balances move, a settled invoice is paid, the timeline says so', async () => {
    const a = await invoice(10000);
    const b = await invoice(5000);
    const created = await api.post('/api/v1/payments', {
      customerId,
      receivedOn: '2026-11-02',
      amount: 12000,
      method: 'bank transfer',
      reference: 'BACS 123',
      externalId: 'bank-tx-1',
      allocations: [
        { invoiceId: a.id, amount: 10000 },
        { invoiceId: b.id, amount: 1500 },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ amount: 12000, currency: 'GBP', allocated: 11500, unallocated: 500, method: 'bank transfer', externalId: 'bank-tx-1' });
    expect(created.body.allocations.map((x: { invoiceId: string; amount: number }) => [x.invoiceId, x.amount])).toEqual([
      [a.id, 10000],
      [b.id, 1500],
    ]);
    expect((await api.get(`/api/v1/invoices/${a.id}`)).body).toMatchObject({ balance: 0, status: 'paid', paidOn: '2026-11-02' });
    expect((await api.get(`/api/v1/invoices/${b.id}`)).body).toMatchObject({ balance: 3500, status: 'open' });
    expect((await api.get(`/api/v1/payments/${created.body.id}`)).body).toEqual(created.body);
    const activity = await database.db.selectFrom('activities').selectAll().where('org_id', '=', org.orgId).where('kind', '=', 'payment').executeTakeFirstOrThrow();
    expect(activity.actor).toMatch(/^api-key:\d+$/);
    expect(activity.summary).toBe(`Payment of £120.00 received, allocated to ${a.number}, ${b.number}`);
    expect(activity.data).toMatchObject({ paymentId: created.body.id, amount: '12000', allocations: [{ invoiceId: a.id, amount: '10000' }, { invoiceId: b.id, amount: '1500' }] });
  });

  it('records a payment without allocations', async () => {
    const created = await api.post('/api/v1/payments', { customerId, receivedOn: '2026-11-03', amount: 700 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ allocated: 0, unallocated: 700, allocations: [] });
  });

  it('rejects allocations that break the rules, recording nothing at all', async () => {
    const open = await invoice(1000);
    const dollars = await invoice(1000, { currency: 'USD' });
    const theirs = (await api.post('/api/v1/invoices', { customerId: otherCustomerId, number: `P-${++counter}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 1000 })).body;
    const voided = await invoice(1000);
    await api.patch(`/api/v1/invoices/${voided.id}`, { status: 'void' });
    const before = await counts();
    const pay = (amount: number, allocations: unknown) => api.post('/api/v1/payments', { customerId, receivedOn: '2026-11-04', amount, allocations });

    expect(expectProblem(await pay(2000, [{ invoiceId: open.id, amount: 1001 }]), 409, 'conflict').detail).toMatch(/more than the balance of invoice P-\d+ \(£10\.00\); allocate at most its balance/);
    expect(expectProblem(await pay(500, [{ invoiceId: open.id, amount: 600 }]), 400, 'invalid_input').detail).toMatch(/add up to £6\.00 but the payment is £5\.00/);
    expect(expectProblem(await pay(500, [{ invoiceId: theirs.id, amount: 100 }]), 400, 'invalid_input').detail).toMatch(/belongs to another customer/);
    expect(expectProblem(await pay(500, [{ invoiceId: dollars.id, amount: 100 }]), 400, 'invalid_input').detail).toMatch(/is in USD but the payment is in GBP/);
    expect(expectProblem(await pay(500, [{ invoiceId: voided.id, amount: 100 }]), 409, 'conflict').detail).toMatch(/is void; only open invoices/);
    expectProblem(await pay(500, [{ invoiceId: '999999999', amount: 100 }]), 404, 'not_found');
    expect(expectProblem(await pay(500, [{ invoiceId: open.id, amount: 100 }, { invoiceId: open.id, amount: 100 }]), 400, 'invalid_input').detail).toMatch(/appears twice/);
    expectProblem(await pay(500, [{ invoiceId: open.id, amount: 0 }]), 400, 'invalid_input');
    expectProblem(await pay(0, []), 400, 'invalid_input');
    expectProblem(await api.post('/api/v1/payments', { customerId: '999999999', receivedOn: '2026-11-04', amount: 5 }), 404, 'not_found');

    expect(await counts()).toEqual(before);
    expect((await api.get(`/api/v1/invoices/${open.id}`)).body).toMatchObject({ balance: 1000, allocated: 0 });
  });

  it('lets only one of two simultaneous payments take the same balance', async () => {
    const inv = await invoice(2500);
    const pay = () => api.post('/api/v1/payments', { customerId, receivedOn: '2026-11-04', amount: 2500, allocations: [{ invoiceId: inv.id, amount: 2500 }] });
    const replies = await Promise.all([pay(), pay()]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await api.get(`/api/v1/invoices/${inv.id}`)).body).toMatchObject({ balance: 0, allocated: 2500, status: 'paid' });
  });

  it('records a payment with an external id once', async () => {
    await api.post('/api/v1/payments', { customerId, receivedOn: '2026-11-05', amount: 100, externalId: 'bank-tx-dup' });
    expect(expectProblem(await api.post('/api/v1/payments', { customerId, receivedOn: '2026-11-05', amount: 100, externalId: 'bank-tx-dup' }), 409, 'conflict').detail).toMatch(
      /already recorded/,
    );
  });

  it('lists payments of one customer', async () => {
    const { body: theirs } = await api.post('/api/v1/payments', { customerId: otherCustomerId, receivedOn: '2026-11-06', amount: 42 });
    expect((await api.get(`/api/v1/payments?customerId=${otherCustomerId}`)).body.data.map((p: { id: string }) => p.id)).toEqual([theirs.id]);
  });

  it('records a credit note applied to invoices, with the same rules', async () => {
    const inv = await invoice(3000);
    const created = await api.post('/api/v1/credit-notes', {
      customerId,
      number: 'CN-1',
      issueDate: '2026-11-07',
      total: 3000,
      reason: 'damaged goods',
      allocations: [{ invoiceId: inv.id, amount: 3000 }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 'CN-1', total: 3000, allocated: 3000, unallocated: 0, reason: 'damaged goods' });
    expect(created.body.allocations).toEqual([expect.objectContaining({ invoiceId: inv.id, creditNoteId: created.body.id, paymentId: null, amount: 3000, allocatedOn: '2026-11-07' })]);
    expect((await api.get(`/api/v1/invoices/${inv.id}`)).body).toMatchObject({ status: 'paid', balance: 0 });
    expect((await api.get(`/api/v1/credit-notes/${created.body.id}`)).body).toEqual(created.body);
    const activity = await database.db.selectFrom('activities').selectAll().where('org_id', '=', org.orgId).where('kind', '=', 'credit_note').executeTakeFirstOrThrow();
    expect(activity.summary).toBe(`Credit note CN-1 of £30.00 issued, applied to ${inv.number}`);

    const before = await counts();
    expect(expectProblem(await api.post('/api/v1/credit-notes', { customerId, number: 'CN-1', issueDate: '2026-11-07', total: 10 }), 409, 'conflict').detail).toMatch(
      /numbered "CN-1" exists/,
    );
    expectProblem(await api.post('/api/v1/credit-notes', { customerId, number: 'CN-2', issueDate: '2026-11-07', total: 10, allocations: [{ invoiceId: inv.id, amount: 10 }] }), 409, 'conflict');
    expect(await counts()).toEqual(before);
    expect((await api.get(`/api/v1/credit-notes?customerId=${customerId}`)).body.data.map((n: { number: string }) => n.number)).toEqual(['CN-1']);
  });
});
