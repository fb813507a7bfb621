// The arrangement policy per segment: the first segment a customer is in applies over the
// organisation's policy, for who may accept their plans and when their settlements wait for an
// owner; a customer in no segment keeps the organisation's.
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acceptPlan } from '../../src/app/arrangements/accept-plan.ts';
import { offerSettlement } from '../../src/app/arrangements/offer-settlement.ts';
import { proposePlan } from '../../src/app/arrangements/propose-plan.ts';
import { setArrangementPolicy } from '../../src/app/arrangements/set-arrangement-policy.ts';
import { worklistPage } from '../../src/app/tasks/build-worklist.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';
import { expectAppError } from '../pauses/support.ts';

const today = '2026-12-07';
const actor = 'user:1';
const at = Temporal.Instant.from('2026-12-07T10:00:00Z');

describeEachEngine('arrangement policy per segment', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function debtor(org: Org, externalId: string, tags: string[]) {
    const customer = await makeCustomer(database, org.id, { externalId, name: `${externalId} Ltd` });
    await database.db.updateTable('customers').set({ tags }).where('org_id', '=', org.id).where('id', '=', customer.id).execute();
    return customer;
  }

  it('a collector accepts the plan of a customer whose segment allows it, not another customer’s', async () => {
    const { org } = await makeOrg(database);
    await setArrangementPolicy(database.db, org.id, {
      value: { planAutoAccept: false, segments: [{ conditions: { tagsAny: ['key-account'] }, planAutoAccept: true, planGraceDays: 10 }] },
      role: 'owner', actor, at,
    });
    const key = await debtor(org, 'K1', ['key-account']);
    const other = await debtor(org, 'O1', ['retail']);
    const plans = [];
    for (const customer of [key, other]) {
      const invoice = await makeInvoice(database, org.id, customer.id, { number: `${customer.external_id}-1`, dueDate: '2026-10-01', total: 300_00n });
      plans.push(await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: [invoice.id], schedule: { kind: 'equal', instalments: 3, first: '2027-01-01', every: 'month' }, today, now: instantOn(today), actor }));
    }
    const [keyPlan, otherPlan] = plans as [(typeof plans)[number], (typeof plans)[number]];
    // the segment's grace days are taken by its customer's plan when proposed
    expect([keyPlan.plan.grace_days, otherPlan.plan.grace_days]).toEqual([10, 5]);
    // only the other customer's plan waits for an owner on the worklist
    const waiting = (await worklistPage(database.db, org, today, { offset: 0, limit: null })).items.filter((item) => item.kind === 'plan_approval').map((item) => item.planId);
    expect(waiting).toEqual([otherPlan.plan.id]);

    await expectAppError(acceptPlan(database.db, org.id, { planId: otherPlan.plan.id, role: 'collector', today, now: instantOn(today), actor: 'user:2' }), 'forbidden', /planAutoAccept is off/);
    const accepted = await acceptPlan(database.db, org.id, { planId: keyPlan.plan.id, role: 'collector', today, now: instantOn(today), actor: 'user:2' });
    expect(accepted.plan).toMatchObject({ status: 'active', accepted_by: 'user:2' });

    // the segment is read when the plan is accepted: the customer leaves it, the owner is needed again
    const invoice = await makeInvoice(database, org.id, key.id, { number: 'K1-2', dueDate: '2026-10-01', total: 300_00n });
    const second = await proposePlan(database.db, org.id, { customerId: key.id, invoiceIds: [invoice.id], schedule: { kind: 'equal', instalments: 2, first: '2027-01-01', every: 'month' }, today, now: instantOn(today), actor });
    await database.db.updateTable('customers').set({ tags: [] }).where('org_id', '=', org.id).where('id', '=', key.id).execute();
    await expectAppError(acceptPlan(database.db, org.id, { planId: second.plan.id, role: 'collector', today, now: instantOn(today), actor: 'user:2' }), 'forbidden', /planAutoAccept is off/);
  });

  it('a settlement waits for an owner by its customer’s segment threshold', async () => {
    const { org } = await makeOrg(database);
    await setArrangementPolicy(database.db, org.id, {
      value: { settlementApprovalPercent: 80, segments: [{ conditions: { tagsAny: ['hardship'] }, settlementApprovalPercent: 50 }, { conditions: { tagsAny: ['large'] }, settlementApprovalAmount: { GBP: '10.00' } }] },
      role: 'owner', actor, at,
    });
    const offer = async (tags: string[], externalId: string, percent = 60) => {
      const customer = await debtor(org, externalId, tags);
      const invoice = await makeInvoice(database, org.id, customer.id, { number: `${externalId}-1`, dueDate: '2026-10-01', total: 100_00n });
      const settlement = await offerSettlement(database.db, org.id, { customerId: customer.id, invoiceIds: [invoice.id], percent, expiresOn: '2026-12-31', role: 'collector', today, now: instantOn(today), actor });
      return settlement.settlement.status;
    };
    // 60% is under the organisation's 80% but not under the hardship segment's 50%
    expect(await offer(['hardship'], 'H1')).toBe('offered');
    expect(await offer([], 'N1')).toBe('awaiting_approval');
    // 85% is on offer at once, but the large segment holds back writing off more than £10.00 (£15.00 here)
    expect(await offer([], 'N2', 85)).toBe('offered');
    expect(await offer(['large'], 'L1', 85)).toBe('awaiting_approval');
  });

  it('refuses a policy whose segment is not valid, naming it', async () => {
    const { org } = await makeOrg(database);
    await expectAppError(
      setArrangementPolicy(database.db, org.id, { value: { segments: [{ conditions: { tagsAny: ['a'] }, planAutoAccept: true }, { conditions: { tagsAny: ['b'] }, planMaxMonths: 99 }] }, role: 'owner', actor, at }),
      'invalid_input',
      /the arrangement policy is not valid: segments\[1\]\.planMaxMonths: /,
    );
  });
});
