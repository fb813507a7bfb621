import { afterAll, beforeAll, expect, it } from 'vitest';
import { placeHold } from '../../src/app/pauses/place-hold.ts';
import { releaseHold } from '../../src/app/pauses/release-hold.ts';
import type { Database } from '../../src/db/engine.ts';
import { listHolds } from '../../src/db/queries/holds.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';
import { activitiesOf, expectAppError } from './support.ts';

const today = '2026-11-23';
const actor = 'user:1';
const page = { after: null, limit: 50 };

describeEachEngine('holds', (engine) => {
  let database: Database;
  let orgId: bigint;
  let otherOrgId: bigint;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    otherOrgId = (await makeOrg(database)).org.id;
  });
  afterAll(() => database.close());

  it('holds a customer until a date, on the timeline, and lists it as active until then', async () => {
    const customer = await makeCustomer(database, orgId, { name: 'Acme Ltd' });
    const hold = await placeHold(database.db, orgId, { customerId: customer.id, reason: '  waiting for their insurer  ', endsOn: '2026-12-31', today, now: instantOn(today), actor });
    expect(hold).toMatchObject({ customer_id: customer.id, invoice_id: null, reason: 'waiting for their insurer', starts_on: today, ends_on: '2026-12-31', released_on: null, created_by: actor, customer_name: 'Acme Ltd' });
    const [activity] = await activitiesOf(database, orgId, 'hold_placed');
    expect(activity).toMatchObject({ customer_id: customer.id, actor, summary: 'Collection put on hold until 2026-12-31: waiting for their insurer' });
    expect(activity!.data).toMatchObject({ holdId: String(hold.id), invoiceId: null, endsOn: '2026-12-31' });

    const active = (date: string) => listHolds(database.db, orgId, { customerId: customer.id, active: true }, date, page);
    expect((await active(today)).rows.map((h) => h.id)).toEqual([hold.id]);
    expect((await active('2026-12-31')).rows.map((h) => h.id)).toEqual([hold.id]);
    expect((await active('2027-01-01')).rows).toEqual([]);
    expect((await listHolds(database.db, orgId, { customerId: customer.id, active: false }, '2027-01-01', page)).rows.map((h) => h.id)).toEqual([hold.id]);
  });

  it('holds one invoice of a customer, until released; releasing resumes collection from today', async () => {
    const customer = await makeCustomer(database, orgId);
    const invoice = await makeInvoice(database, orgId, customer.id, { number: 'H-1', dueDate: '2026-10-31', total: 100_00n });
    const hold = await placeHold(database.db, orgId, { customerId: customer.id, invoiceId: invoice.id, reason: 'query on delivery', today, now: instantOn(today), actor });
    expect(hold).toMatchObject({ invoice_id: invoice.id, invoice_number: 'H-1', ends_on: null });
    expect((await activitiesOf(database, orgId, 'hold_placed')).at(-1)!.summary).toBe('Invoice H-1 put on hold until released: query on delivery');

    const released = await releaseHold(database.db, orgId, { holdId: hold.id, note: 'delivery confirmed', today: '2026-11-25', now: instantOn('2026-11-25'), actor });
    expect(released.released_on).toBe('2026-11-25');
    const [activity] = await activitiesOf(database, orgId, 'hold_released');
    expect(activity!.summary).toBe('Hold on invoice H-1 released; collection resumes (it was on hold because: query on delivery). delivery confirmed');
    expect((await listHolds(database.db, orgId, { invoiceId: invoice.id, active: true }, '2026-11-24', page)).rows).toHaveLength(1);
    expect((await listHolds(database.db, orgId, { invoiceId: invoice.id, active: true }, '2026-11-25', page)).rows).toHaveLength(0);

    await expectAppError(releaseHold(database.db, orgId, { holdId: hold.id, today: '2026-11-26', now: instantOn('2026-11-26'), actor }), 'conflict', /already released on 2026-11-25/);
  });

  it('refuses to release a hold that has ended, or that does not exist (or is another organisation’s)', async () => {
    const customer = await makeCustomer(database, orgId);
    const hold = await placeHold(database.db, orgId, { customerId: customer.id, reason: 'holiday', endsOn: today, today, now: instantOn(today), actor });
    await expectAppError(releaseHold(database.db, orgId, { holdId: hold.id, today: '2026-11-24', now: instantOn('2026-11-24'), actor }), 'conflict', /ended on 2026-11-23; there is nothing to release/);
    await expectAppError(releaseHold(database.db, otherOrgId, { holdId: hold.id, today, now: instantOn(today), actor }), 'not_found', new RegExp(`^there is no hold ${hold.id}$`));
    await expectAppError(releaseHold(database.db, orgId, { holdId: 999999999n, today, now: instantOn(today), actor }), 'not_found', /there is no hold 999999999/);
  });

  it('rejects every invalid hold with a message saying what to fix, writing nothing', async () => {
    const customer = await makeCustomer(database, orgId);
    const other = await makeCustomer(database, orgId);
    const theirs = await makeInvoice(database, orgId, other.id, { number: 'H-THEIRS', dueDate: '2026-10-31', total: 100n });
    const paid = await makeInvoice(database, orgId, customer.id, { number: 'H-PAID', dueDate: '2026-10-31', total: 100n, status: 'paid' });
    const foreign = await makeCustomer(database, otherOrgId);
    const foreignInvoice = await makeInvoice(database, otherOrgId, foreign.id, { dueDate: '2026-10-31', total: 100n });
    const before = (await activitiesOf(database, orgId)).length;
    const hold = (values: Partial<Parameters<typeof placeHold>[2]>) => placeHold(database.db, orgId, { customerId: customer.id, reason: 'r', today, now: instantOn(today), actor, ...values });

    await expectAppError(hold({ reason: '   ' }), 'invalid_input', /a hold needs a reason: say why collection is paused/);
    await expectAppError(hold({ reason: 'x'.repeat(501) }), 'invalid_input', /the reason is 501 characters long; shorten it to at most 500/);
    await expectAppError(hold({ endsOn: '2026-11-22' }), 'invalid_input', /cannot end on 2026-11-22, before today \(2026-11-23\)/);
    await expectAppError(hold({ endsOn: '2026-02-30' }), 'invalid_input', /must be a real date written YYYY-MM-DD \(got "2026-02-30"\)/);
    await expectAppError(hold({ customerId: 999999999n }), 'not_found', /there is no customer 999999999/);
    await expectAppError(hold({ customerId: foreign.id }), 'not_found', new RegExp(`^there is no customer ${foreign.id}$`));
    await expectAppError(hold({ invoiceId: 999999999n }), 'not_found', /there is no invoice 999999999/);
    await expectAppError(hold({ invoiceId: foreignInvoice.id }), 'not_found', new RegExp(`^there is no invoice ${foreignInvoice.id}$`));
    await expectAppError(hold({ invoiceId: theirs.id }), 'invalid_input', /invoice H-THEIRS belongs to another customer; hold it under that customer/);
    await expectAppError(hold({ invoiceId: paid.id }), 'conflict', /invoice H-PAID is paid; only an open invoice is chased, so only an open invoice can be held/);

    expect(await activitiesOf(database, orgId)).toHaveLength(before);
    expect((await listHolds(database.db, orgId, { customerId: customer.id }, today, page)).rows).toEqual([]);
  });

  it('takes part in the caller’s transaction: rolled back together', async () => {
    const customer = await makeCustomer(database, orgId);
    await expect(
      database.db.transaction().execute(async (tx) => {
        await placeHold(tx, orgId, { customerId: customer.id, reason: 'inside', today, now: instantOn(today), actor });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await listHolds(database.db, orgId, { customerId: customer.id }, today, page)).rows).toEqual([]);
  });
});
