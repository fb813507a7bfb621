// The daily review pass looks only at the cases a rule could newly fire for, judged from the run's
// list of open balances (src/db/queries/review-candidates.ts). On both engines: a rule that becomes
// true on a later day is found that day through each fact the list bounds — the oldest overdue due
// date, the overdue balance (grown by a new invoice, or by a charge the same run applies), the
// balance of a customer in several currencies — and a customer whose list bound holds but whose
// chaseable invoices do not meet the rule (held, disputed) gets no review.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setChargesLiable } from '../../src/app/charges/set-charges-liable.ts';
import { setOrgChargePolicy } from '../../src/app/charges/set-charge-policy.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { importPlaybook } from '../../src/app/playbooks/import-playbook.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeDispute, makeInvoice } from '../support/fixtures.ts';
import { makeDebtor, makeSenderOrg } from '../support/outbox-fixtures.ts';

describeEachEngine('review rules on a later day', (engine) => {
  let database: Database;
  afterAll(() => database.close());
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });

  /** The review tasks of a customer: [cycle date, rule, reason]. */
  const reviewsOf = async (org: Org, customerId: bigint) =>
    (
      await database.db
        .selectFrom('actions')
        .select(['cycle_date', 'data', 'reason'])
        .where('org_id', '=', org.id)
        .where('customer_id', '=', customerId)
        .where('channel', '=', 'review')
        .orderBy('id')
        .execute()
    ).map((r) => [r.cycle_date, (r.data as { reviewRule: string }).reviewRule, r.reason]);

  /** What a customer's review task carries of its invoices: the numbers (by due date), the balance per currency, and the numbers its invoice ids name. */
  const reviewedInvoicesOf = async (org: Org, customerId: bigint) => {
    const task = await database.db
      .selectFrom('actions')
      .select(['invoice_ids', 'invoice_numbers', 'amounts'])
      .where('org_id', '=', org.id)
      .where('customer_id', '=', customerId)
      .where('channel', '=', 'review')
      .executeTakeFirst();
    if (!task) return null;
    const named = await database.db.selectFrom('invoices').select('number').where('org_id', '=', org.id).where('id', 'in', task.invoice_ids).orderBy('number').execute();
    return { numbers: task.invoice_numbers, amounts: task.amounts, numbersOfIds: named.map((row) => row.number) };
  };

  it('fires the day a rule becomes true through the oldest invoice, a new invoice or a second currency; a held or disputed balance fires nothing', async () => {
    const org = await makeSenderOrg(database);
    const customer = async (externalId: string) => (await makeDebtor(database, org, { externalId })).id;
    const invoice = (customerId: bigint, number: string, dueDate: string, total: bigint, currency = 'GBP') => makeInvoice(database, org.id, customerId, { number, issueDate: '2026-05-01', dueDate, total, currency });

    const crossing = await customer('LB-CROSS'); // 120 days overdue on 2026-09-29, 121 on 09-30
    await invoice(crossing, 'LB-CROSS-1', '2026-06-01', 500_00n);
    const growing = await customer('LB-GROW'); // £4,000, then a £1,500 invoice arrives
    await invoice(growing, 'LB-GROW-1', '2026-09-01', 4_000_00n);
    const multi = await customer('LB-MULTI'); // £3,000 and €3,000 (over £5,000 together, under in each), then €2,500 more
    await invoice(multi, 'LB-MULTI-1', '2026-09-01', 3_000_00n);
    await invoice(multi, 'LB-MULTI-2', '2026-09-01', 3_000_00n, 'EUR');
    const held = await customer('LB-HELD'); // £6,000 overdue since May on hold; £100 chased
    const heldInvoice = await invoice(held, 'LB-HELD-1', '2026-05-01', 6_000_00n);
    await invoice(held, 'LB-HELD-2', '2026-09-01', 100_00n);
    await database.db.insertInto('holds').values({ org_id: org.id, customer_id: held, invoice_id: heldInvoice.id, reason: 'goods returned', starts_on: '2026-09-01', ends_on: null, released_on: null, created_by: 'test' }).execute();
    const disputed = await customer('LB-DISPUTED'); // £6,000 disputed in whole; £100 chased
    await makeDispute(database, await invoice(disputed, 'LB-DISPUTED-1', '2026-09-01', 6_000_00n), { amount: null, openedOn: '2026-09-10' });
    await invoice(disputed, 'LB-DISPUTED-2', '2026-09-01', 100_00n);

    await runCycle(database.db, org, '2026-09-15'); // opens the cases; nothing heard since (the large rule waits 30 days)
    await runCycle(database.db, org, '2026-09-29');
    expect(await reviewsOf(org, crossing)).toEqual([]);
    await runCycle(database.db, org, '2026-09-30');
    expect(await reviewsOf(org, crossing)).toEqual([['2026-09-30', 'long_overdue', 'The oldest invoice, due on 2026-06-01, is more than 120 days overdue on 2026-09-30.']]);
    expect(await reviewedInvoicesOf(org, crossing)).toEqual({ numbers: ['LB-CROSS-1'], amounts: { GBP: 500_00 }, numbersOfIds: ['LB-CROSS-1'] });

    await runCycle(database.db, org, '2026-10-20');
    for (const id of [growing, multi, held, disputed]) expect(await reviewsOf(org, id)).toEqual([]);
    await invoice(growing, 'LB-GROW-2', '2026-10-01', 1_500_00n);
    await invoice(multi, 'LB-MULTI-3', '2026-10-01', 2_500_00n, 'EUR');
    await runCycle(database.db, org, '2026-10-21');
    const large = (amounts: string) => [['2026-10-21', 'large_balance_no_contact', expect.stringMatching(new RegExp(`^A balance of ${amounts}, at or above the threshold`))]];
    expect(await reviewsOf(org, growing)).toEqual(large('£5,500\\.00'));
    expect(await reviewsOf(org, multi)).toEqual(large('€5,500\\.00, £3,000\\.00'));
    // the invoices past due, by due date, and the balance in each currency (never added across them)
    expect(await reviewedInvoicesOf(org, multi)).toEqual({ numbers: ['LB-MULTI-1', 'LB-MULTI-2', 'LB-MULTI-3'], amounts: { GBP: 3_000_00, EUR: 5_500_00 }, numbersOfIds: ['LB-MULTI-1', 'LB-MULTI-2', 'LB-MULTI-3'] });
    // the £100 chased, not the held invoice
    expect(await reviewedInvoicesOf(org, held)).toBeNull();
    expect(await reviewsOf(org, held)).toEqual([]);
    expect(await reviewsOf(org, disputed)).toEqual([]);
  });

  it('fires the same day when the run itself charges a balance over the threshold', async () => {
    const org = await makeSenderOrg(database);
    await setOrgChargePolicy(database.db, org.id, { type: 'fixed_fee', amounts: { GBP: '100.00' } });
    const playbook = {
      name: 'standard',
      description: 'A reminder, then a demand with a fee',
      steps: [
        { key: 'reminder', name: 'Reminder', offsetDays: 3, tone: 'friendly', channels: ['email'], template: 'reminder-missed' },
        { key: 'demand', name: 'Demand', offsetDays: 50, tone: 'firm', channels: ['email'], template: 'firm-reminder', applyCharges: true },
      ],
    };
    await importPlaybook(database.db, org.id, playbook, 'test', instantOn('2026-09-01'));
    const customerId = (await makeDebtor(database, org, { externalId: 'LB-CHARGED' })).id;
    await setChargesLiable(database.db, org.id, 'LB-CHARGED', true);
    await makeInvoice(database, org.id, customerId, { number: 'LB-CHARGED-1', issueDate: '2026-08-01', dueDate: '2026-09-01', total: 4_950_00n });

    await runCycle(database.db, org, '2026-09-04'); // opens the case with the reminder, sent that day
    await database.db.updateTable('actions').set({ status: 'sent', sent_on: '2026-09-04' }).where('org_id', '=', org.id).where('customer_id', '=', customerId).execute();
    await runCycle(database.db, org, '2026-10-20'); // £4,950, nothing heard for 46 days: under the threshold
    expect(await reviewsOf(org, customerId)).toEqual([]);
    const report = await runCycle(database.db, org, '2026-10-21'); // the demand, 50 days after the due date, adds the £100 fee
    expect(report.summary.chargesCreated).toBe(1);
    expect(await reviewsOf(org, customerId)).toEqual([['2026-10-21', 'large_balance_no_contact', expect.stringMatching(/^A balance of £5,050\.00, at or above the threshold/)]]);
  });
});
