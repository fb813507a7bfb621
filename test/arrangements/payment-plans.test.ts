// Payment plans on the ledger and in the daily cycle: proposing over chosen invoices, accepting
// by role and policy, the plan's invoices left alone by the playbook, instalments paid from the
// payments, a missed instalment breaking the plan, a second grace period defaulting it, and the
// case resuming one step firmer with a call.
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acceptPlan } from '../../src/app/arrangements/accept-plan.ts';
import { cancelPlan } from '../../src/app/arrangements/cancel-plan.ts';
import { evaluatePlans } from '../../src/app/arrangements/evaluate-plans.ts';
import { proposePlan } from '../../src/app/arrangements/propose-plan.ts';
import { setArrangementPolicy } from '../../src/app/arrangements/set-arrangement-policy.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import type { Database } from '../../src/db/engine.ts';
import { findPlanDetail } from '../../src/db/queries/payment-plans.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { caseWithStepsTaken, instantOn, makeCustomer, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';
import { activitiesOf, expectAppError } from '../pauses/support.ts';

const actor = 'user:1';
const policyChangedAt = Temporal.Instant.from('2026-12-07T10:00:00Z');

describeEachEngine('payment plans', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function debtor(org: Org, externalId: string) {
    const customer = await makeCustomer(database, org.id, { externalId, name: `${externalId} Ltd` });
    await database.db
      .insertInto('contacts')
      .values({ org_id: org.id, customer_id: customer.id, name: 'Accounts', email: `${externalId.toLowerCase()}@example.com`, email_source: 'test', phone: '+44 113 496 0000', import_key: null } as never)
      .execute();
    return customer;
  }

  it('splits the invoices’ balance into equal instalments, the remainder on the last, and puts the proposal on the timeline', async () => {
    const { org } = await makeOrg(database);
    const customer = await debtor(org, 'P1');
    const a = await makeInvoice(database, org.id, customer.id, { number: 'P1-1', dueDate: '2026-10-01', total: 600_00n });
    const b = await makeInvoice(database, org.id, customer.id, { number: 'P1-2', dueDate: '2026-10-15', total: 400_00n });
    const plan = await proposePlan(database.db, org.id, {
      customerId: customer.id,
      invoiceIds: [a.id, b.id],
      schedule: { kind: 'equal', instalments: 3, first: '2027-01-31', every: 'month' },
      today: '2026-12-07', now: instantOn('2026-12-07'),
      actor,
    });
    expect(plan.plan).toMatchObject({ status: 'proposed', total: 1000_00n, currency: 'GBP', within_policy: true, proposed_by: actor, proposed_on: '2026-12-07', grace_days: 5 });
    expect(plan.instalments.map((i) => [i.seq, i.due_on, i.amount])).toEqual([
      [1, '2027-01-31', 333_33n],
      [2, '2027-02-28', 333_33n],
      [3, '2027-03-31', 333_34n],
    ]);
    expect(plan.invoices.map((i) => i.number)).toEqual(['P1-1', 'P1-2']);
    const [activity] = await activitiesOf(database, org.id, 'plan_proposed');
    expect(activity).toMatchObject({ customer_id: customer.id, actor, summary: `Payment plan ${plan.plan.id} proposed: £1,000.00 over invoice(s) P1-1, P1-2, 3 instalment(s) from 2027-01-31 to 2027-03-31` });

    // the same invoices cannot be in a second plan while this one is proposed
    await expectAppError(
      proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: [a.id], schedule: { kind: 'equal', instalments: 2, first: '2027-01-01', every: 'week' }, today: '2026-12-07', now: instantOn('2026-12-07'), actor }),
      'conflict',
      /invoice P1-1 is already under a payment plan or a settlement/,
    );
  });

  it('outside the policy (longer than 6 months) only an owner accepts; within it a collector only when the policy allows', async () => {
    const { org } = await makeOrg(database);
    const customer = await debtor(org, 'P2');
    const a = await makeInvoice(database, org.id, customer.id, { number: 'P2-1', dueDate: '2026-10-01', total: 700_00n });
    const long = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: [a.id], schedule: { kind: 'equal', instalments: 7, first: '2027-01-01', every: 'month' }, today: '2026-12-07', now: instantOn('2026-12-07'), actor });
    expect(long.plan.within_policy).toBe(false);
    expect(long.plan.policy_problems).toEqual(['the last payment (2027-07-01) is after 2027-06-07, 6 months from 2026-12-07: the longest plan the policy allows']);
    await expectAppError(acceptPlan(database.db, org.id, { planId: long.plan.id, role: 'collector', today: '2026-12-07', now: instantOn('2026-12-07'), actor }), 'forbidden', /outside the plan policy .* only an owner can accept it/);
    await cancelPlan(database.db, org.id, { planId: long.plan.id, role: 'collector', reason: 'too long', today: '2026-12-07', now: instantOn('2026-12-07'), actor });

    const short = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: [a.id], schedule: { kind: 'equal', instalments: 2, first: '2027-01-01', every: 'month' }, today: '2026-12-07', now: instantOn('2026-12-07'), actor });
    await expectAppError(acceptPlan(database.db, org.id, { planId: short.plan.id, role: 'collector', today: '2026-12-07', now: instantOn('2026-12-07'), actor }), 'forbidden', /planAutoAccept is off/);
    await expectAppError(acceptPlan(database.db, org.id, { planId: short.plan.id, role: 'viewer', today: '2026-12-07', now: instantOn('2026-12-07'), actor }), 'forbidden', /viewer/);
    await expectAppError(setArrangementPolicy(database.db, org.id, { value: { planAutoAccept: true }, role: 'collector', actor, at: policyChangedAt }), 'forbidden', /owner role/);
    await expectAppError(setArrangementPolicy(database.db, org.id, { value: { planMaxMonths: 0 }, role: 'owner', actor, at: policyChangedAt }), 'invalid_input', /planMaxMonths/);
    expect(await setArrangementPolicy(database.db, org.id, { value: { planAutoAccept: true }, role: 'owner', actor, at: policyChangedAt })).toMatchObject({ planAutoAccept: true, planMaxMonths: 6, planGraceDays: 5, settlementApprovalPercent: 80 });
    const accepted = await acceptPlan(database.db, org.id, { planId: short.plan.id, role: 'collector', today: '2026-12-08', now: instantOn('2026-12-08'), actor: 'user:2' });
    expect(accepted.plan).toMatchObject({ status: 'active', accepted_by: 'user:2', accepted_on: '2026-12-08' });
    await expectAppError(acceptPlan(database.db, org.id, { planId: short.plan.id, role: 'owner', today: '2026-12-08', now: instantOn('2026-12-08'), actor }), 'conflict', /is active; only a proposed plan can be accepted/);
  });

  it('while active its invoices are not chased; instalments are paid in order; a miss breaks it, a second grace period defaults it, and the case resumes firmer with a call', async () => {
    const { org } = await makeOrg(database);
    const customer = await debtor(org, 'P3');
    const other = await debtor(org, 'P3-OTHER');
    const inv = await makeInvoice(database, org.id, customer.id, { number: 'P3-1', dueDate: '2026-10-01', total: 300_00n });
    await makeInvoice(database, org.id, other.id, { number: 'P3-O', dueDate: '2026-10-01', total: 50_00n });
    // the case had its friendly opening before the plan
    await caseWithStepsTaken(database, org.id, customer.id, '2026-10-02', [{ key: 'reminder-missed', index: 1, on: '2026-10-02' }]);
    const proposed = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: [inv.id], schedule: { kind: 'equal', instalments: 3, first: '2026-12-10', every: 'month' }, today: '2026-12-07', now: instantOn('2026-12-07'), actor });
    const planId = proposed.plan.id;
    await acceptPlan(database.db, org.id, { planId, role: 'owner', today: '2026-12-07', now: instantOn('2026-12-07'), actor });

    let report = await runCycle(database.db, org, '2026-12-08');
    // the plan's invoice is not chased: its customer gets only the reminder of the instalment due on the 10th
    expect(report.actions.map((a) => [a.customerExternalId, a.step])).toEqual([
      ['P3-OTHER', 'reminder-missed'],
      ['P3', 'instalment-reminder'],
    ]);

    // 150.00 on 9 Dec pays instalment 1 and half of instalment 2 (the rest rolls forward)
    await makePayment(database, inv, 150_00n, '2026-12-09');
    report = await runCycle(database.db, org, '2026-12-10');
    expect(report.summary.plans).toMatchObject({ instalmentsPaid: 1, broken: 0 });
    let detail = (await findPlanDetail(database.db, org.id, planId))!;
    expect(detail.instalments.map((i) => [i.seq, i.paid, i.paid_on])).toEqual([
      [1, 100_00n, '2026-12-09'],
      [2, 50_00n, null],
      [3, 0n, null],
    ]);
    expect((await activitiesOf(database, org.id, 'plan_instalment_paid')).map((a) => a.summary)).toEqual([`Payment plan ${planId}: instalment 1 of £100.00, due 2026-12-10, paid in full on 2026-12-09`]);

    // instalment 2 is due 10 Jan: still short on the 15th (date + 5 days' grace), broken on the 16th
    expect((await evaluatePlans(database.db, org, '2027-01-15')).counts.broken).toBe(0);
    const missed = await evaluatePlans(database.db, org, '2027-01-16');
    expect(missed.counts).toMatchObject({ broken: 1 });
    // what the simulation shows day by day: the plan's timeline entry, with the customer
    expect(missed.events).toEqual([
      { customerId: String(customer.id), customerExternalId: 'P3', planId: String(planId), kind: 'plan_broken', on: '2027-01-16', summary: expect.stringMatching(/^Payment plan \d+ \(£300\.00\) broken on 2027-01-16: instalment 2 of £/) },
    ]);
    detail = (await findPlanDetail(database.db, org.id, planId))!;
    expect(detail.plan).toMatchObject({ status: 'broken', missed_seq: 2, broken_on: '2027-01-16' });
    report = await runCycle(database.db, org, '2027-01-17');
    // still not chased in the second grace period: only the one reminder of the missed instalment
    expect(report.actions.filter((a) => a.customerExternalId === 'P3').map((a) => [a.step, a.channel])).toEqual([['instalment-missed', 'email']]);

    // a second grace period later, still unpaid: defaulted, and the case resumes one step firmer, with a call
    report = await runCycle(database.db, org, '2027-01-21');
    expect(report.summary.plans.defaulted).toBe(1);
    expect(report.planEvents.map((e) => [e.customerExternalId, e.kind, e.on])).toEqual([['P3', 'plan_defaulted', '2027-01-21']]);
    detail = (await findPlanDetail(database.db, org.id, planId))!;
    expect(detail.plan).toMatchObject({ status: 'defaulted', resolved_on: '2027-01-21', resolved_by: 'system' });
    const forP3 = report.actions.filter((a) => a.customerExternalId === 'P3');
    expect(forP3.map((a) => [a.step, a.channel, a.kind])).toEqual([
      ['firm-reminder:defaulted-plan-call', 'call', 'task'],
      ['firm-reminder', 'email', 'send'],
    ]);
    expect((await activitiesOf(database, org.id)).filter((a) => a.kind.startsWith('plan_')).map((a) => a.kind)).toEqual([
      'plan_proposed',
      'plan_accepted',
      'plan_instalment_paid',
      'plan_broken',
      'plan_defaulted',
    ]);
  });

  it('a broken plan whose missed instalment is paid in the second grace period is back on track; paid in full it completes', async () => {
    const { org } = await makeOrg(database);
    const customer = await debtor(org, 'P4');
    const inv = await makeInvoice(database, org.id, customer.id, { number: 'P4-1', dueDate: '2026-10-01', total: 200_00n });
    const { plan } = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: [inv.id], down: 50_00n, schedule: { kind: 'typed', rows: [{ dueOn: '2026-12-20', amount: 100_00n }, { dueOn: '2027-01-05', amount: 50_00n }] }, today: '2026-12-07', now: instantOn('2026-12-07'), actor });
    await acceptPlan(database.db, org.id, { planId: plan.id, role: 'owner', today: '2026-12-07', now: instantOn('2026-12-07'), actor });
    expect((await evaluatePlans(database.db, org, '2026-12-13')).counts).toMatchObject({ broken: 1 }); // the down payment, due 7 Dec, unpaid
    await makePayment(database, inv, 50_00n, '2026-12-14');
    expect((await evaluatePlans(database.db, org, '2026-12-14')).counts).toMatchObject({ instalmentsPaid: 1, resumed: 1 });
    await makePayment(database, inv, 150_00n, '2026-12-20');
    expect((await evaluatePlans(database.db, org, '2026-12-21')).counts).toMatchObject({ instalmentsPaid: 2, completed: 1 });
    expect((await findPlanDetail(database.db, org.id, plan.id))!.plan).toMatchObject({ status: 'completed', resolved_on: '2026-12-20' });
    // running it again for the same day changes nothing
    expect(await evaluatePlans(database.db, org, '2026-12-21')).toEqual({ counts: { instalmentsPaid: 0, completed: 0, broken: 0, resumed: 0, defaulted: 0 }, events: [] });
  });

  it('keeps to its organisation', async () => {
    const { org } = await makeOrg(database);
    const { org: other } = await makeOrg(database);
    const customer = await debtor(org, 'P5');
    const inv = await makeInvoice(database, org.id, customer.id, { number: 'P5-1', dueDate: '2026-10-01', total: 100_00n });
    const { plan } = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: [inv.id], schedule: { kind: 'equal', instalments: 2, first: '2027-01-01', every: 'fortnight' }, today: '2026-12-07', now: instantOn('2026-12-07'), actor });
    expect(await findPlanDetail(database.db, other.id, plan.id)).toBeUndefined();
    await expectAppError(acceptPlan(database.db, other.id, { planId: plan.id, role: 'owner', today: '2026-12-07', now: instantOn('2026-12-07'), actor }), 'not_found', /no payment plan/);
    await expectAppError(proposePlan(database.db, other.id, { customerId: customer.id, invoiceIds: [inv.id], schedule: { kind: 'equal', instalments: 2, first: '2027-01-01', every: 'week' }, today: '2026-12-07', now: instantOn('2026-12-07'), actor }), 'not_found', /no customer/);
  });
});
