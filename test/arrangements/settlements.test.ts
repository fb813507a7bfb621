// Settlements: offered for less than owed, approved by an owner under the threshold, paid by the
// expiry (the rest written off, the invoices closed) or lapsed (chased again).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decideSettlement } from '../../src/app/arrangements/decide-settlement.ts';
import { evaluateSettlements } from '../../src/app/arrangements/evaluate-settlements.ts';
import { offerSettlement } from '../../src/app/arrangements/offer-settlement.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import type { Database } from '../../src/db/engine.ts';
import { findSettlementDetail } from '../../src/db/queries/settlements.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';
import { activitiesOf, expectAppError } from '../pauses/support.ts';

const today = '2026-11-23';
const actor = 'user:1';

describeEachEngine('settlements', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function debtor(org: Org, externalId: string) {
    const customer = await makeCustomer(database, org.id, { externalId, name: `${externalId} Ltd` });
    await database.db
      .insertInto('contacts')
      .values({ org_id: org.id, customer_id: customer.id, name: 'Accounts', email: `${externalId.toLowerCase()}@example.com`, email_source: 'test', import_key: null } as never)
      .execute();
    return customer;
  }

  it('60% waits for an owner’s approval; approved and paid by the expiry, the rest is written off and the balance is 0', async () => {
    const { org } = await makeOrg(database);
    const customer = await debtor(org, 'S1');
    const a = await makeInvoice(database, org.id, customer.id, { number: 'S1-1', dueDate: '2026-09-30', total: 600_00n });
    const b = await makeInvoice(database, org.id, customer.id, { number: 'S1-2', dueDate: '2026-10-15', total: 400_00n });
    const offered = await offerSettlement(database.db, org.id, { customerId: customer.id, invoiceIds: null, percent: 60, expiresOn: '2026-12-07', role: 'collector', today, now: instantOn(today), actor });
    expect(offered.settlement).toMatchObject({ status: 'awaiting_approval', owed: 1000_00n, amount: 600_00n, currency: 'GBP', expires_on: '2026-12-07', offered_by: actor });
    expect(offered.invoices.map((i) => i.number)).toEqual(['S1-1', 'S1-2']);
    expect((await activitiesOf(database, org.id, 'settlement_offered'))[0]!.summary).toBe(
      `Settlement ${offered.settlement.id}: £600.00 to settle £1,000.00 on invoice(s) S1-1, S1-2, by 2026-12-07; waits for an owner's approval (£600.00 is less than 80% of the £1,000.00 owed)`,
    );
    // not chased while it waits
    expect((await runCycle(database.db, org, today)).actions.filter((x) => x.customerExternalId === 'S1')).toEqual([]);

    const id = offered.settlement.id;
    await expectAppError(decideSettlement(database.db, org.id, { settlementId: id, decision: 'approve', reason: 'ok', role: 'collector', today, now: instantOn(today), actor }), 'forbidden', /owner role/);
    await expectAppError(decideSettlement(database.db, org.id, { settlementId: id, decision: 'approve', reason: '', role: 'owner', today, now: instantOn(today), actor }), 'invalid_input', /say why/);
    const approved = await decideSettlement(database.db, org.id, { settlementId: id, decision: 'approve', reason: 'better than court', role: 'owner', today, now: instantOn(today), actor: 'user:owner' });
    expect(approved.settlement).toMatchObject({ status: 'offered', decided_by: 'user:owner', decided_on: today, decision_reason: 'better than court' });

    await makePayment(database, a, 600_00n, '2026-12-01');
    const report = await runCycle(database.db, org, '2026-12-02');
    expect(report.summary.settlements).toEqual({ paid: 1, lapsed: 0, writtenOff: 1 });
    const detail = (await findSettlementDetail(database.db, org.id, id))!;
    expect(detail.settlement).toMatchObject({ status: 'paid', paid_on: '2026-12-01' });
    expect(detail.invoices.map((i) => [i.number, i.status])).toEqual([
      ['S1-1', 'paid'],
      ['S1-2', 'written_off'],
    ]);
    const writeOff = await database.db.selectFrom('write_offs').selectAll().where('org_id', '=', org.id).where('invoice_id', '=', b.id).executeTakeFirstOrThrow();
    expect(writeOff).toMatchObject({ amount: 400_00n, reason_code: 'settlement', settlement_id: id, written_off_on: '2026-12-01', created_by: 'system' });
    // the customer owes nothing any more: no open invoice is left
    expect(await database.db.selectFrom('invoices').select('number').where('org_id', '=', org.id).where('customer_id', '=', customer.id).where('status', '=', 'open').execute()).toEqual([]);
    expect((await computeAging(database.db, org.id, '2026-12-02')).customers.find((c) => c.id === String(customer.id))).toBeUndefined();
    expect((await evaluateSettlements(database.db, org, '2026-12-02'))).toEqual({ paid: 0, lapsed: 0, writtenOff: 0 });
  });

  it('at or above the threshold it is on offer at once; unpaid by the expiry it lapses and the invoices are chased again', async () => {
    const { org } = await makeOrg(database);
    const customer = await debtor(org, 'S2');
    const inv = await makeInvoice(database, org.id, customer.id, { number: 'S2-1', dueDate: '2026-10-01', total: 100_00n });
    const offered = await offerSettlement(database.db, org.id, { customerId: customer.id, invoiceIds: [inv.id], amount: 85_00n, expiresOn: '2026-11-30', role: 'collector', today, now: instantOn(today), actor });
    expect(offered.settlement.status).toBe('offered');
    await makePayment(database, inv, 50_00n, '2026-11-28');
    await makePayment(database, inv, 35_00n, '2026-12-01'); // after the expiry: does not count
    expect(await evaluateSettlements(database.db, org, '2026-11-30')).toEqual({ paid: 0, lapsed: 0, writtenOff: 0 });
    expect(await evaluateSettlements(database.db, org, '2026-12-02')).toEqual({ paid: 0, lapsed: 1, writtenOff: 0 });
    expect((await findSettlementDetail(database.db, org.id, offered.settlement.id))!.settlement).toMatchObject({ status: 'lapsed', resolved_on: '2026-12-01' });
    expect((await runCycle(database.db, org, '2026-12-02')).actions.filter((x) => x.customerExternalId === 'S2').length).toBeGreaterThan(0);
  });

  it('refuses a settlement of the whole balance or more, and a viewer', async () => {
    const { org } = await makeOrg(database);
    const customer = await debtor(org, 'S3');
    const inv = await makeInvoice(database, org.id, customer.id, { number: 'S3-1', dueDate: '2026-10-01', total: 100_00n });
    await expectAppError(offerSettlement(database.db, org.id, { customerId: customer.id, invoiceIds: [inv.id], amount: 100_00n, expiresOn: '2026-11-30', role: 'owner', today, now: instantOn(today), actor }), 'invalid_input', /is not less than the £100.00 owed/);
    await expectAppError(offerSettlement(database.db, org.id, { customerId: customer.id, invoiceIds: [inv.id], percent: 50, amount: 10n, expiresOn: '2026-11-30', role: 'owner', today, now: instantOn(today), actor }), 'invalid_input', /one of them/);
    await expectAppError(offerSettlement(database.db, org.id, { customerId: customer.id, invoiceIds: [inv.id], percent: 50, expiresOn: '2026-11-30', role: 'viewer', today, now: instantOn(today), actor }), 'forbidden', /viewer/);
  });
});
