// Listening for solutions, end to end on both engines: a call outcome chooses the path the
// customer's playbook names for it, the timeline says which and why, and the next cycle follows
// it — a plan offer (and nothing firmer) after "can't pay", the final notice after "won't pay", a
// task to find the payment and a pause after "already paid".
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { recordCallOutcome } from '../../src/app/tasks/record-call-outcome.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeInvoice } from '../support/fixtures.ts';
import { makeDebtor, makeSenderOrg } from '../support/outbox-fixtures.ts';

describeEachEngine('listening paths', (engine) => {
  let database: Database;
  let org: Org;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeSenderOrg(database, { agencyEnabled: true });
  });
  afterAll(() => database.close());

  /** A customer 19 days overdue whose case the cycle opened on 2026-10-20, and a call task in it on which the debtor said `outcome` on 2026-10-21. */
  async function saidOnACall(externalId: string, outcome: string) {
    const customer = await makeDebtor(database, org, { externalId, phone: '+44 20 7946 0101' });
    const invoice = await makeInvoice(database, org.id, customer.id, { number: `${externalId}-1`, issueDate: '2026-09-01', dueDate: '2026-10-01', total: 900_00n });
    await runCycle(database.db, org, '2026-10-20');
    const caseRow = await database.db.selectFrom('cases').select('id').where('org_id', '=', org.id).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    const [call] = await insertActions(database.db, org.id, [
      {
        customerId: customer.id, caseId: caseRow.id, key: `call:${externalId}`, cycleDate: '2026-10-21', kind: 'task', channel: 'call', playbookName: 'standard', playbookVersion: 0,
        stepKey: 'call', stepName: 'Call', stepIndex: 2, tone: 'friendly', template: 'call-friendly', status: 'ready', dueAt: '2026-10-21T09:00:00Z', rule: null, reason: null,
        invoiceIds: [invoice.id], invoiceNumbers: [invoice.number], amounts: { GBP: 900_00n }, data: {},
      },
    ]);
    const result = await recordCallOutcome(database.db, org, {
      actionId: call!.id, outcome, actor: 'collector', now: Temporal.Instant.from('2026-10-21T11:00:00Z'),
      ...(outcome === 'dispute' ? { dispute: { reasonCode: 'quality', reason: 'goods damaged' } } : {}),
    });
    return { customer, caseId: caseRow.id, result };
  }
  const planned = (customerId: bigint, date: string) =>
    database.db.selectFrom('actions').select(['idempotency_key', 'step_key', 'template', 'channel', 'kind', 'reason', 'status']).where('org_id', '=', org.id).where('customer_id', '=', customerId).where('cycle_date', '=', date).orderBy('id').execute();
  const pathEvent = (customerId: bigint) =>
    database.db.selectFrom('activities').select(['summary', 'data']).where('org_id', '=', org.id).where('customer_id', '=', customerId).where('kind', '=', 'path').execute();

  it("can't pay: the timeline names the sympathetic path; the next cycle plans the plan offer, not a firmer step, and nothing more while the offer has its time", async () => {
    const { customer, caseId, result } = await saidOnACall('LP-1', 'cant_pay');
    expect(result.effects).toEqual([]);
    const [event] = await pathEvent(customer.id);
    expect(event!.summary).toMatch(/^Path: sympathetic, because call outcome "cannot pay now \(hardship\): offer a plan, review" on 2026-10-21\. A payment plan offer goes out/);

    await runCycle(database.db, org, '2026-10-22');
    const offer = await planned(customer.id, '2026-10-22');
    expect(offer.map((a) => [a.idempotency_key, a.template, a.channel])).toEqual([[`case:${caseId}:plan-offer:2026-10-21`, 'plan-offer', 'email']]);
    expect(offer[0]!.reason).toMatch(/^Path: sympathetic/);
    // both messages reached the debtor on the day they were planned
    await database.db.updateTable('actions').set({ status: 'sent', sent_on: sql<string>`cycle_date` }).where('org_id', '=', org.id).where('customer_id', '=', customer.id).where('kind', '=', 'send').execute();
    // the schedule's "Friendly follow-up" was due on 2026-10-26 (6 days after the first step); on the sympathetic path
    // nothing comes until the offer has had its 21 days (2026-11-12)
    for (const date of ['2026-10-26', '2026-10-30', '2026-11-11']) {
      await runCycle(database.db, org, date);
      expect(await planned(customer.id, date), date).toEqual([]);
    }
    await runCycle(database.db, org, '2026-11-12');
    expect((await planned(customer.id, '2026-11-12')).map((a) => a.step_key)).toEqual(['follow-up']);
  });

  it("won't pay: the next cycle plans the final notice straight away, naming the agency (enabled)", async () => {
    const { customer, caseId } = await saidOnACall('LP-2', 'wont_pay');
    expect((await pathEvent(customer.id))[0]!.summary).toMatch(/^Path: firm, because call outcome "will not pay" on 2026-10-21\. Next: the step "final-notice"/);
    await runCycle(database.db, org, '2026-10-22');
    const final = await planned(customer.id, '2026-10-22');
    expect(final.map((a) => [a.idempotency_key, a.template])).toEqual([[`case:${caseId}:final-notice`, 'final-notice']]);
    const stored = await database.db.selectFrom('actions').select('data').where('org_id', '=', org.id).where('idempotency_key', '=', `case:${caseId}:final-notice`).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.data)).toMatch(/agency/);
  });

  it('already paid: a task to find the payment and a pause of the playbook’s days; the cycle skips the customer meanwhile', async () => {
    const { customer, result } = await saidOnACall('LP-3', 'already_paid');
    expect(result.effects).toEqual([expect.stringMatching(/^Collection paused until 2026-10-28; task \d+ to find the payment\.$/)]);
    const task = await database.db.selectFrom('actions').select(['channel', 'kind', 'status', 'step_key', 'reason']).where('org_id', '=', org.id).where('customer_id', '=', customer.id).where('step_key', '=', 'verify-payment').executeTakeFirstOrThrow();
    expect(task).toMatchObject({ channel: 'review', kind: 'task', status: 'ready' });
    expect(task.reason).toMatch(/already paid: look for the payment/);
    const holds = await database.db.selectFrom('holds').select(['ends_on']).where('org_id', '=', org.id).where('customer_id', '=', customer.id).execute();
    expect(holds.map((h) => h.ends_on)).toEqual(['2026-10-28']);
    expect((await pathEvent(customer.id))[0]!.summary).toMatch(/^Path: verify, because call outcome "says it is already paid/);
    await runCycle(database.db, org, '2026-10-27');
    expect(await planned(customer.id, '2026-10-27')).toEqual([]);
  });

  it('dispute: the dispute workflow, named on the timeline', async () => {
    const { customer, result } = await saidOnACall('LP-4', 'dispute');
    expect(result.effects).toEqual([expect.stringMatching(/^Dispute opened on 1 invoice/)]);
    expect((await pathEvent(customer.id))[0]!.summary).toMatch(/^Path: dispute, because call outcome "disputes the invoice\(s\)"/);
  });
});
