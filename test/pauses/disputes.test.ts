import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDispute } from '../../src/app/pauses/open-dispute.ts';
import { resolveDispute } from '../../src/app/pauses/resolve-dispute.ts';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import type { Database } from '../../src/db/engine.ts';
import { findOpenDisputeOfInvoice, listDisputes } from '../../src/db/queries/disputes.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';
import { activitiesOf, expectAppError } from './support.ts';

const today = '2026-11-23';
const actor = 'user:1';
const page = { after: null, limit: 50 };

describeEachEngine('disputes', (engine) => {
  let database: Database;
  let orgId: bigint;
  let otherOrgId: bigint;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    otherOrgId = (await makeOrg(database)).org.id;
  });
  afterAll(() => database.close());

  let counter = 0;
  const invoice = async (total: bigint, values: { status?: 'paid' | 'void' | 'written_off'; currency?: string } = {}) => {
    const customer = await makeCustomer(database, orgId, { name: `Disputer ${++counter}` });
    return makeInvoice(database, orgId, customer.id, { number: `D-${counter}`, dueDate: '2026-10-31', total, ...values });
  };

  it('opens a dispute on part of an invoice: on the timeline, out of aging, and only one open at a time', async () => {
    const inv = await invoice(500_00n);
    await makePayment(database, inv, 100_00n, '2026-11-01');
    const dispute = await openDispute(database.db, orgId, { invoiceId: inv.id, reasonCode: 'quality', reason: 'two chairs broken', amount: 150_00n, today, now: instantOn(today), actor });
    expect(dispute).toMatchObject({ invoice_id: inv.id, customer_id: inv.customer_id, status: 'open', reason_code: 'quality', reason: 'two chairs broken', amount: 150_00n, opened_on: today, currency: 'GBP', invoice_balance: 400_00n, outcome: null });
    const [activity] = await activitiesOf(database, orgId, 'dispute_opened');
    expect(activity).toMatchObject({ customer_id: inv.customer_id, actor, summary: `Invoice ${inv.number} disputed (quality), £150.00 of its £400.00: two chairs broken` });
    expect(activity!.data).toMatchObject({ disputeId: String(dispute.id), amount: '15000', balance: '40000', currency: 'GBP' });

    const aging = await computeAging(database.db, orgId, today);
    expect(aging.customers.find((c) => c.id === String(inv.customer_id))).toMatchObject({ total: 250_00n });

    await expectAppError(openDispute(database.db, orgId, { invoiceId: inv.id, reasonCode: 'other', reason: 'again', today, now: instantOn(today), actor }), 'conflict', new RegExp(`already has an open dispute \\(${dispute.id}, opened on ${today}\\); resolve it before opening another`));
  });

  it('disputes the whole balance when no amount is given, at most the balance when one is', async () => {
    const inv = await invoice(80_00n);
    await expectAppError(openDispute(database.db, orgId, { invoiceId: inv.id, reasonCode: 'incorrect_amount', reason: 'overcharged', amount: 80_01n, today, now: instantOn(today), actor }), 'invalid_input', /the disputed amount £80\.01 is more than the balance of invoice D-\d+ \(£80\.00\); dispute at most the balance/);
    const whole = await openDispute(database.db, orgId, { invoiceId: inv.id, reasonCode: 'not_received', reason: 'never arrived', today, now: instantOn(today), actor });
    expect(whole.amount).toBeNull();
    expect((await activitiesOf(database, orgId, 'dispute_opened')).at(-1)!.summary).toBe(`Invoice ${inv.number} disputed (not received), all of its £80.00: never arrived`);
  });

  it('resolves with an outcome, keeps the ledger as it is and says so; then another dispute may open', async () => {
    const inv = await invoice(300_00n);
    const opened = await openDispute(database.db, orgId, { invoiceId: inv.id, reasonCode: 'quality', reason: 'scratched', today, now: instantOn(today), actor });
    const upheld = await resolveDispute(database.db, orgId, { disputeId: opened.id, outcome: 'upheld', resolution: ' credit agreed ', today: '2026-11-30', now: instantOn('2026-11-30'), actor });
    expect(upheld.dispute).toMatchObject({ status: 'resolved', outcome: 'upheld', resolution: 'credit agreed', resolved_on: '2026-11-30', invoice_balance: 300_00n });
    expect(upheld.notice).toBe(
      `Resolving the dispute does not change the ledger: invoice ${inv.number} still has a balance of £300.00, and the daily cycle chases it again from now on. Record a credit note for what the customer is owed against invoice ${inv.number} (or void the invoice) so that only what is really owed is chased.`,
    );
    const stored = await database.db.selectFrom('invoices').select(['balance', 'status']).where('id', '=', inv.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ balance: 300_00n, status: 'open' });
    const [activity] = await activitiesOf(database, orgId, 'dispute_resolved');
    expect(activity).toMatchObject({ customer_id: inv.customer_id, summary: `Dispute on invoice ${inv.number} resolved (upheld): credit agreed` });
    expect(activity!.data).toMatchObject({ outcome: 'upheld', resolvedOn: '2026-11-30' });

    await expectAppError(resolveDispute(database.db, orgId, { disputeId: opened.id, outcome: 'rejected', resolution: 'x', today, now: instantOn(today), actor }), 'conflict', /was already resolved on 2026-11-30/);
    expect(await findOpenDisputeOfInvoice(database.db, orgId, inv.id)).toBeUndefined();

    const again = await openDispute(database.db, orgId, { invoiceId: inv.id, reasonCode: 'other', reason: 'now the colour', today, now: instantOn(today), actor });
    const rejected = await resolveDispute(database.db, orgId, { disputeId: again.id, outcome: 'rejected', resolution: 'colour as ordered', today, now: instantOn(today), actor });
    expect(rejected.notice).toMatch(/^Resolving the dispute does not change the ledger: .* chases it again from now on\.$/);
    const third = await openDispute(database.db, orgId, { invoiceId: inv.id, reasonCode: 'other', reason: 'third', today, now: instantOn(today), actor });
    expect((await resolveDispute(database.db, orgId, { disputeId: third.id, outcome: 'partially_upheld', resolution: 'half', today, now: instantOn(today), actor })).notice).toMatch(/Record a credit note for the part upheld/);

    expect((await listDisputes(database.db, orgId, { invoiceId: inv.id, status: 'resolved' }, page)).rows.map((d) => d.outcome)).toEqual(['upheld', 'rejected', 'partially_upheld']);
    expect((await listDisputes(database.db, orgId, { customerId: inv.customer_id, status: 'open' }, page)).rows).toEqual([]);
  });

  it('rejects every invalid dispute with a message saying what to fix, writing nothing', async () => {
    const inv = await invoice(100_00n);
    const paid = await invoice(100_00n, { status: 'paid' });
    const voided = await invoice(100_00n, { status: 'void' });
    const foreignCustomer = await makeCustomer(database, otherOrgId);
    const foreign = await makeInvoice(database, otherOrgId, foreignCustomer.id, { dueDate: '2026-10-31', total: 100n });
    const before = (await activitiesOf(database, orgId)).length;
    const open = (values: Partial<Parameters<typeof openDispute>[2]>) => openDispute(database.db, orgId, { invoiceId: inv.id, reasonCode: 'other', reason: 'r', today, now: instantOn(today), actor, ...values });

    await expectAppError(open({ reasonCode: 'angry' }), 'invalid_input', /the reason code "angry" is not one of not_received, incorrect_amount, quality, already_paid, not_ordered, other/);
    await expectAppError(open({ reason: '' }), 'invalid_input', /a dispute needs a reason: write what the customer says is wrong/);
    await expectAppError(open({ reason: 'x'.repeat(1001) }), 'invalid_input', /shorten it to at most 1000/);
    await expectAppError(open({ amount: 0n }), 'invalid_input', /must be more than zero; leave it out to dispute the whole balance/);
    await expectAppError(open({ amount: -5n }), 'invalid_input', /must be more than zero/);
    await expectAppError(open({ invoiceId: paid.id }), 'conflict', /is paid; only an open invoice can be disputed/);
    await expectAppError(open({ invoiceId: voided.id }), 'conflict', /is void; only an open invoice can be disputed/);
    await expectAppError(open({ invoiceId: 999999999n }), 'not_found', /^there is no invoice 999999999$/);
    await expectAppError(open({ invoiceId: foreign.id }), 'not_found', new RegExp(`^there is no invoice ${foreign.id}$`));

    const opened = await open({});
    const resolve = (values: Partial<Parameters<typeof resolveDispute>[2]>) => resolveDispute(database.db, orgId, { disputeId: opened.id, outcome: 'upheld', resolution: 'ok', today, now: instantOn(today), actor, ...values });
    await expectAppError(resolve({ outcome: 'won' }), 'invalid_input', /the outcome "won" is not one of upheld, rejected, partially_upheld/);
    await expectAppError(resolve({ resolution: ' ' }), 'invalid_input', /a resolution is needed: write what was decided/);
    await expectAppError(resolve({ disputeId: 999999999n }), 'not_found', /^there is no dispute 999999999$/);
    await expectAppError(resolveDispute(database.db, otherOrgId, { disputeId: opened.id, outcome: 'upheld', resolution: 'x', today, now: instantOn(today), actor }), 'not_found', new RegExp(`^there is no dispute ${opened.id}$`));

    expect(await activitiesOf(database, orgId)).toHaveLength(before + 1);
    expect((await findOpenDisputeOfInvoice(database.db, orgId, inv.id))?.id).toBe(opened.id);
  });
});
