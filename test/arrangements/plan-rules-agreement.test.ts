// The rules of a payment plan are written twice: as pure functions (match-instalments.ts,
// plan-standing.ts) and as the set-based SQL of the daily cycle (evaluate-plans.ts). Over random
// schedules, payments and days, both give the same paid amounts, paid days
// and standing.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluatePlans } from '../../src/app/arrangements/evaluate-plans.ts';
import type { Database } from '../../src/db/engine.ts';
import { findPlanDetail } from '../../src/db/queries/payment-plans.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { matchInstalments } from '../../src/domain/arrangements/match-instalments.ts';
import { planStanding } from '../../src/domain/arrangements/plan-standing.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';

const start = '2027-01-01';

const scenario = fc.record({
  instalments: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 20 }), amount: fc.bigInt({ min: 1n, max: 500n }) }), { minLength: 1, maxLength: 5 }),
  payments: fc.array(fc.record({ day: fc.integer({ min: 0, max: 90 }), amount: fc.bigInt({ min: 1n, max: 600n }) }), { maxLength: 5 }),
  graceDays: fc.integer({ min: 0, max: 6 }),
  evaluatedOn: fc.integer({ min: 0, max: 120 }),
});

describeEachEngine('payment plan rules in SQL and in TypeScript', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('agree on what each instalment has been paid, when, and where the plan stands', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ instalments, payments, graceDays, evaluatedOn }) => {
        const { org } = await makeOrg(database);
        const customer = await makeCustomer(database, org.id);
        let due = start;
        const schedule = instalments.map((i, n) => {
          due = addDays(due, n === 0 ? 0 : i.gap);
          return { seq: n + 1, dueOn: due, amount: i.amount };
        });
        const total = schedule.reduce((sum, i) => sum + i.amount, 0n);
        // a large invoice, so every payment can be allocated to it
        const inv = await makeInvoice(database, org.id, customer.id, { number: 'A-1', dueDate: '2026-10-01', total: total * 10n });
        const plan = await database.db
          .insertInto('payment_plans')
          .values({ org_id: org.id, customer_id: customer.id, currency: 'GBP', total, status: 'active', grace_days: graceDays, within_policy: true, proposed_by: 'test', proposed_on: '2026-12-31' })
          .returning(['id', 'created_at'])
          .executeTakeFirstOrThrow();
        await database.db.insertInto('payment_plan_invoices').values({ org_id: org.id, plan_id: plan.id, invoice_id: inv.id }).execute();
        await database.db.insertInto('payment_plan_instalments').values(schedule.map((i) => ({ org_id: org.id, plan_id: plan.id, seq: i.seq, due_on: i.dueOn, amount: i.amount }))).execute();
        for (const p of payments) await makePayment(database, inv, p.amount, addDays(start, p.day));

        const date = addDays(start, evaluatedOn);
        await evaluatePlans(database.db, org, date);
        const counted = payments.filter((p) => p.day <= evaluatedOn).map((p) => ({ on: addDays(start, p.day), amount: p.amount }));
        const matched = matchInstalments(schedule, counted);
        const detail = (await findPlanDetail(database.db, org.id, plan.id))!;
        expect(detail.instalments.map((i) => [i.seq, i.paid, i.paid_on])).toEqual(matched.map((m) => [m.seq, m.paid, m.paidOn]));
        const standing = planStanding(matched, graceDays, date);
        expect(detail.plan.status).toBe(standing.status);
        if (standing.status === 'broken') expect([detail.plan.missed_seq, detail.plan.broken_on]).toEqual([standing.seq, standing.on]);
        if (standing.status === 'defaulted' || standing.status === 'completed') expect(detail.plan.resolved_on).toBe(standing.on);
      }),
      { numRuns: 25 },
    );
  });
});
