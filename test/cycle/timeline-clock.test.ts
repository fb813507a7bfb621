// The daily cycle's timeline entries carry the business day they happened on, in the
// organisation's zone, on the application's clock: a cycle for a day years from the real date
// (here 2031-03-10, New York, the day after the clocks went forward) stamps that day, never the
// database's own clock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acceptPlan } from '../../src/app/arrangements/accept-plan.ts';
import { offerSettlement } from '../../src/app/arrangements/offer-settlement.ts';
import { proposePlan } from '../../src/app/arrangements/propose-plan.ts';
import { recordPromise } from '../../src/app/arrangements/record-promise.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';

const madeOn = '2031-02-20';
const cycleDay = '2031-03-10';
const actor = 'user:1';

describeEachEngine('the cycle on the timeline', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('a promise broken, a plan instalment missed and a settlement lapsed on 2031-03-10 are on the timeline at the start of that day in the organisation’s zone', async () => {
    const { org: created } = await makeOrg(database);
    const org = await database.db.updateTable('orgs').set({ time_zone: 'America/New_York' }).where('id', '=', created.id).returningAll().executeTakeFirstOrThrow();
    const debt = async (ref: string) => {
      const customer = await makeCustomer(database, org.id, { externalId: ref, name: `${ref} Inc` });
      const invoice = await makeInvoice(database, org.id, customer.id, { number: ref, issueDate: '2030-12-15', dueDate: '2031-01-15', total: 900_00n });
      return { customer, invoice };
    };
    const on = { today: madeOn, now: instantOn(madeOn), actor };

    // due 7 March, 2 days' grace: broken on the 10th
    const promiser = await debt('PROMISE');
    await recordPromise(database.db, org.id, { customerId: promiser.customer.id, amount: 900_00n, dueOn: '2031-03-07', ...on });
    // first instalment due 4 March, 5 days' grace: broken on the 10th
    const planner = await debt('PLAN');
    const plan = await proposePlan(database.db, org.id, { customerId: planner.customer.id, invoiceIds: [planner.invoice.id], schedule: { kind: 'equal', instalments: 3, first: '2031-03-04', every: 'month' }, ...on });
    await acceptPlan(database.db, org.id, { planId: plan.plan.id, role: 'owner', ...on });
    // on offer until 9 March: lapsed on the 10th
    const settler = await debt('SETTLE');
    await offerSettlement(database.db, org.id, { customerId: settler.customer.id, invoiceIds: null, percent: 90, expiresOn: '2031-03-09', role: 'owner', ...on });

    const report = await runCycle(database.db, org, cycleDay);
    expect(report.summary).toMatchObject({ promisesBroken: 1, plans: { broken: 1 }, settlements: { lapsed: 1 } });

    const timeline = await database.db
      .selectFrom('activities')
      .select(['kind', 'occurred_at'])
      .where('org_id', '=', org.id)
      .where('kind', 'in', ['promise_broken', 'plan_broken', 'settlement_lapsed'])
      .orderBy('kind')
      .execute();
    // midnight in New York on 10 March 2031 (EDT, UTC−4)
    expect(timeline.map((row) => [row.kind, new Date(row.occurred_at).toISOString()])).toEqual([
      ['plan_broken', '2031-03-10T04:00:00.000Z'],
      ['promise_broken', '2031-03-10T04:00:00.000Z'],
      ['settlement_lapsed', '2031-03-10T04:00:00.000Z'],
    ]);
  });
});
