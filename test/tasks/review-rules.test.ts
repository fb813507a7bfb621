// Knowing when to ask for help, on both engines: the daily cycle puts an account in the review
// queue when one of the review rules fires — once per case, with the rule and the facts — and the
// review task shows what each route would recover, side by side.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { showReviewTask } from '../../src/app/tasks/show-review-task.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeInvoice } from '../support/fixtures.ts';
import { makeDebtor, makeSenderOrg } from '../support/outbox-fixtures.ts';

describeEachEngine('review rules', (engine) => {
  let database: Database;
  let org: Org;
  const ids: Record<string, bigint> = {};
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeSenderOrg(database, { agencyEnabled: true });
    const customers: Array<[string, string, bigint]> = [
      ['RR-LONG', '2026-06-01', 500_00n], // 141 days overdue on 2026-10-20
      ['RR-LARGE', '2026-09-01', 6_000_00n], // above the £5,000 threshold, nothing heard since the case opened on 2026-09-15
      ['RR-BROKEN', '2026-09-01', 300_00n], // two promises broken
      ['RR-FINAL', '2026-09-01', 300_00n], // the final notice reached them on 2026-10-01, no response
      ['RR-NONE', '2026-09-01', 300_00n], // none of the rules
    ];
    for (const [externalId, dueDate, total] of customers) {
      const customer = await makeDebtor(database, org, { externalId });
      await makeInvoice(database, org.id, customer.id, { number: `${externalId}-1`, issueDate: '2026-05-01', dueDate, total });
      ids[externalId] = customer.id;
    }
    await runCycle(database.db, org, '2026-09-15'); // opens the cases; no rule fires yet
    for (const on of ['2026-09-20', '2026-10-05']) {
      await database.db.insertInto('promises').values({ org_id: org.id, customer_id: ids['RR-BROKEN']!, made_on: '2026-09-16', due_on: on, amount: 100_00n, currency: 'GBP', status: 'broken', resolved_on: on, created_by: 'test' }).execute();
    }
    const finalCase = await database.db.selectFrom('cases').select('id').where('org_id', '=', org.id).where('customer_id', '=', ids['RR-FINAL']!).executeTakeFirstOrThrow();
    const [final] = await insertActions(database.db, org.id, [
      {
        customerId: ids['RR-FINAL']!, caseId: finalCase.id, key: 'test:final-notice', cycleDate: '2026-10-01', kind: 'send', channel: 'email', playbookName: 'standard', playbookVersion: 0,
        stepKey: 'final-notice', stepName: 'Final notice', stepIndex: 6, tone: 'final', template: 'final-notice', status: 'sent', dueAt: '2026-10-01T08:00:00Z', rule: null, reason: null,
        invoiceIds: [], invoiceNumbers: [], amounts: { GBP: 300_00n }, data: {},
      },
    ]);
    await database.db.updateTable('actions').set({ sent_on: '2026-10-01' }).where('org_id', '=', org.id).where('id', '=', final!.id).execute();
  });
  afterAll(() => database.close());

  const reviewsOf = (externalId: string) =>
    database.db.selectFrom('actions').select(['id', 'idempotency_key', 'status', 'reason', 'data', 'cycle_date']).where('org_id', '=', org.id).where('customer_id', '=', ids[externalId]!).where('channel', '=', 'review').orderBy('id').execute();

  it('each rule fires once, with its reason; an account no rule matches stays out of the queue', async () => {
    for (const externalId of Object.keys(ids)) expect(await reviewsOf(externalId), externalId).toEqual([]);
    await runCycle(database.db, org, '2026-10-20');
    const fired = async (externalId: string) => (await reviewsOf(externalId)).map((r) => [(r.data as { reviewRule: string }).reviewRule, r.reason]);
    expect(await fired('RR-LONG')).toEqual([['long_overdue', 'The oldest invoice, due on 2026-06-01, is more than 120 days overdue on 2026-10-20.']]);
    expect(await fired('RR-LARGE')).toEqual([['large_balance_no_contact', expect.stringMatching(/^A balance of £6,000\.00, at or above the threshold \(GBP 5000\.00, USD 5000\.00, EUR 5000\.00\), and nothing heard in 30 days \(never heard from\)\.$/)]]);
    expect(await fired('RR-BROKEN')).toEqual([['broken_arrangements', '2 promises to pay broken in this case (the rule: 2).']]);
    expect(await fired('RR-FINAL')).toEqual([['final_no_response', 'No response in 14 days after the final notice of 2026-10-01 (never heard from).']]);
    expect(await reviewsOf('RR-NONE')).toEqual([]);

    // the next day: nothing new while the review waits; once decided, the same rule does not fire again in the case
    await runCycle(database.db, org, '2026-10-21');
    expect(await reviewsOf('RR-LONG')).toHaveLength(1);
    await database.db.updateTable('actions').set({ status: 'done' }).where('org_id', '=', org.id).where('channel', '=', 'review').execute();
    await runCycle(database.db, org, '2026-10-22');
    expect((await reviewsOf('RR-LONG')).map((r) => (r.data as { reviewRule: string }).reviewRule)).toEqual(['long_overdue']);
    expect((await reviewsOf('RR-BROKEN')).map((r) => (r.data as { reviewRule: string }).reviewRule)).toEqual(['broken_arrangements']);
  });

  it('the review task shows the rule and what each route would recover, side by side, suggesting the best enabled one', async () => {
    const [task] = await reviewsOf('RR-LARGE');
    const review = await showReviewTask(database.db, org, task!.id, '2026-10-22');
    expect(review.rule).toMatchObject({ code: 'large_balance_no_contact', label: 'a large balance and nothing heard', reason: expect.stringMatching(/^A balance of £6,000\.00/) });
    expect(review.estimates).toEqual([
      {
        currency: 'GBP',
        balance: 6_000_00n,
        suggested: 'settlement',
        routes: [
          expect.objectContaining({ route: 'settlement', recovered: 4_200_00n, cost: 0n, net: 4_200_00n, enabled: true }),
          expect.objectContaining({ route: 'agency', recovered: 3_000_00n, cost: 750_00n, net: 2_250_00n, enabled: true }),
          expect.objectContaining({ route: 'small_claims', recovered: 3_600_00n, cost: 115_00n, net: 3_485_00n, enabled: false }),
          expect.objectContaining({ route: 'write_off', net: 0n }),
        ],
      },
    ]);
  });
});
