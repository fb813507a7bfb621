import { afterAll, beforeAll, expect, it } from 'vitest';
import { cancelPromise } from '../../src/app/arrangements/cancel-promise.ts';
import { recordPromise } from '../../src/app/arrangements/record-promise.ts';
import type { Database } from '../../src/db/engine.ts';
import { listPromises } from '../../src/db/queries/promises.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';
import { activitiesOf, expectAppError } from './support.ts';

const today = '2026-11-23';
const actor = 'user:1';
const page = { after: null, limit: 50 };

describeEachEngine('promises to pay', (engine) => {
  let database: Database;
  let orgId: bigint;
  let otherOrgId: bigint;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    otherOrgId = (await makeOrg(database)).org.id;
  });
  afterAll(() => database.close());

  /** A GBP customer owing £500.00 on two invoices (one part paid) and $70.00 on one. */
  const debtor = async () => {
    const customer = await makeCustomer(database, orgId, { name: 'Promiser' });
    await makeInvoice(database, orgId, customer.id, { dueDate: '2026-10-31', total: 300_00n });
    const part = await makeInvoice(database, orgId, customer.id, { dueDate: '2026-11-10', total: 250_00n });
    await makePayment(database, part, 50_00n, '2026-11-12');
    await makeInvoice(database, orgId, customer.id, { dueDate: '2026-11-10', total: 70_00n, currency: 'USD' });
    await makeInvoice(database, orgId, customer.id, { dueDate: '2026-11-10', total: 999_00n, currency: 'EUR', status: 'void' });
    return customer;
  };

  it('records a promise in the customer’s currency, on the timeline', async () => {
    const customer = await debtor();
    const { promise, superseded } = await recordPromise(database.db, orgId, { customerId: customer.id, amount: 250_00n, dueOn: '2026-12-01', note: ' paying Friday week ', today, now: instantOn(today), actor });
    expect(superseded).toBeNull();
    expect(promise).toMatchObject({ customer_id: customer.id, made_on: today, due_on: '2026-12-01', amount: 250_00n, currency: 'GBP', status: 'pending', resolved_on: null, note: 'paying Friday week', created_by: actor, customer_name: 'Promiser' });
    const [activity] = await activitiesOf(database, orgId, 'promise_made');
    expect(activity).toMatchObject({ customer_id: customer.id, actor, summary: 'Promised to pay £250.00 by 2026-12-01: paying Friday week' });
    expect(activity!.data).toMatchObject({ promiseId: String(promise.id), amount: '25000', currency: 'GBP', dueOn: '2026-12-01' });
  });

  it('a new promise supersedes the pending one, which is cancelled, and says so', async () => {
    const customer = await debtor();
    const first = await recordPromise(database.db, orgId, { customerId: customer.id, amount: 100_00n, dueOn: '2026-11-30', today, now: instantOn(today), actor });
    const second = await recordPromise(database.db, orgId, { customerId: customer.id, amount: 70_00n, currency: 'USD', dueOn: '2026-12-05', today: '2026-11-24', now: instantOn('2026-11-24'), actor });
    expect(second.superseded).toMatchObject({ id: first.promise.id, status: 'cancelled', resolved_on: '2026-11-24' });
    expect(second.promise).toMatchObject({ status: 'pending', currency: 'USD', amount: 70_00n });
    const pending = await listPromises(database.db, orgId, { customerId: customer.id, status: 'pending' }, page);
    expect(pending.rows.map((p) => p.id)).toEqual([second.promise.id]);
    const cancelled = (await activitiesOf(database, orgId, 'promise_cancelled')).filter((a) => a.customer_id === customer.id);
    expect(cancelled.map((a) => a.summary)).toEqual([`Promise to pay £100.00 by 2026-11-30 cancelled: superseded by a new promise (${second.promise.id})`]);
  });

  it('cancels a pending promise, and only a pending one', async () => {
    const customer = await debtor();
    const { promise } = await recordPromise(database.db, orgId, { customerId: customer.id, amount: 500_00n, dueOn: today, today, now: instantOn(today), actor });
    const cancelled = await cancelPromise(database.db, orgId, { promiseId: promise.id, reason: 'recorded by mistake', today, now: instantOn(today), actor });
    expect(cancelled).toMatchObject({ status: 'cancelled', resolved_on: today });
    expect((await activitiesOf(database, orgId, 'promise_cancelled')).at(-1)).toMatchObject({ customer_id: customer.id, summary: `Promise to pay £500.00 by ${today} cancelled: recorded by mistake` });
    await expectAppError(cancelPromise(database.db, orgId, { promiseId: promise.id, today, now: instantOn(today), actor }), 'conflict', new RegExp(`promise ${promise.id} is already cancelled \\(on ${today}\\); only a pending promise can be cancelled`));
    await expectAppError(cancelPromise(database.db, otherOrgId, { promiseId: promise.id, today, now: instantOn(today), actor }), 'not_found', new RegExp(`^there is no promise ${promise.id}$`));
    await expectAppError(cancelPromise(database.db, orgId, { promiseId: 999999999n, today, now: instantOn(today), actor }), 'not_found', /^there is no promise 999999999$/);
  });

  it('rejects every invalid promise with a message saying what to fix, writing nothing', async () => {
    const customer = await debtor();
    const settled = await makeCustomer(database, orgId, { name: 'Paid Up' });
    const foreign = await makeCustomer(database, otherOrgId);
    const before = (await activitiesOf(database, orgId)).length;
    const promise = (values: Partial<Parameters<typeof recordPromise>[2]>) =>
      recordPromise(database.db, orgId, { customerId: customer.id, amount: 100_00n, dueOn: '2026-12-01', today, now: instantOn(today), actor, ...values });

    await expectAppError(promise({ amount: 0n }), 'invalid_input', /the promised amount must be more than zero/);
    await expectAppError(promise({ dueOn: '2026-11-22' }), 'invalid_input', /the promised date 2026-11-22 is in the past; a promise is to pay today \(2026-11-23\) or later/);
    await expectAppError(promise({ dueOn: '2027-02-22' }), 'invalid_input', /more than 90 days ahead; promise a date by 2027-02-21, or agree a payment plan instead/);
    await expectAppError(promise({ dueOn: '2026-12-01', maxDays: 5 }), 'invalid_input', /more than 5 days ahead/);
    await expectAppError(promise({ dueOn: '2026-12-32' }), 'invalid_input', /must be a real date written YYYY-MM-DD/);
    await expectAppError(promise({ note: 'x'.repeat(1001) }), 'invalid_input', /the note is 1001 characters long/);
    await expectAppError(promise({ currency: 'EUR' }), 'invalid_input', /Promiser owes nothing in EUR; it owes in GBP, USD: promise in one of those/);
    await expectAppError(promise({ amount: 500_01n }), 'invalid_input', /the promised £500\.01 is more than the £500\.00 Promiser owes in GBP; promise at most what is owed/);
    await expectAppError(promise({ currency: 'USD', amount: 70_01n }), 'invalid_input', /more than the US\$70\.00 Promiser owes in USD/);
    await expectAppError(promise({ customerId: settled.id }), 'conflict', /Paid Up owes nothing at the moment; a promise to pay needs an open balance/);
    await expectAppError(promise({ customerId: 999999999n }), 'not_found', /^there is no customer 999999999$/);
    await expectAppError(promise({ customerId: foreign.id }), 'not_found', new RegExp(`^there is no customer ${foreign.id}$`));

    expect(await activitiesOf(database, orgId)).toHaveLength(before);
    expect((await listPromises(database.db, orgId, { customerId: customer.id }, page)).rows).toEqual([]);
  });

  it('keeps at most one pending promise per customer when two are made at once', async () => {
    const customer = await debtor();
    await Promise.all([
      recordPromise(database.db, orgId, { customerId: customer.id, amount: 10_00n, dueOn: '2026-12-01', today, now: instantOn(today), actor }),
      recordPromise(database.db, orgId, { customerId: customer.id, amount: 20_00n, dueOn: '2026-12-02', today, now: instantOn(today), actor }),
    ]);
    const all = (await listPromises(database.db, orgId, { customerId: customer.id }, page)).rows;
    expect(all.map((p) => p.status).sort()).toEqual(['cancelled', 'pending']);
  });
});
