// Review tasks: what a person sees to decide (balance, case history, the decisions allowed) and
// what each decision does — a hold for pause_until, the case's status and no more reminders for
// agency and small claims, the decision only (and saying so) for write-off and settlement.
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listTasks } from '../../src/app/tasks/list-tasks.ts';
import { recordCallOutcome } from '../../src/app/tasks/record-call-outcome.ts';
import { recordReviewDecision } from '../../src/app/tasks/record-review-decision.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { showReviewTask } from '../../src/app/tasks/show-review-task.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeInvoice, makePayment } from '../support/fixtures.ts';
import { makeDebtor, makeSenderOrg } from '../support/outbox-fixtures.ts';

const today = '2026-11-23';
const now = Temporal.Instant.from('2026-11-23T10:00:00Z');

describeEachEngine('review tasks', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  /** A customer 60+ days overdue in two currencies, its case opened by the cycle (which also queued a reminder), and a review task on it. */
  async function reviewOf(org: Org, externalId: string) {
    const customer = await makeDebtor(database, org, { externalId, timeZone: 'America/New_York' });
    const gbp = await makeInvoice(database, org.id, customer.id, { number: `${externalId}-1`, issueDate: '2026-08-01', dueDate: '2026-09-01', total: 1_000_00n });
    const eur = await makeInvoice(database, org.id, customer.id, { number: `${externalId}-2`, issueDate: '2026-08-01', dueDate: '2026-09-10', total: 250_00n, currency: 'EUR' });
    await makePayment(database, gbp, 200_00n, '2026-11-02');
    await runCycle(database.db, org, today);
    const caseRow = await database.db.selectFrom('cases').select(['id', 'status', 'opened_on']).where('org_id', '=', org.id).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    const [review] = await insertActions(database.db, org.id, [
      {
        customerId: customer.id, caseId: caseRow.id, key: `review:${externalId}`, cycleDate: today, kind: 'task', channel: 'review', playbookName: 'standard', playbookVersion: 0,
        stepKey: 'review', stepName: 'Review: agency, small claims, settlement or write-off', stepIndex: 6, tone: 'final', template: 'review-escalation', status: 'ready',
        dueAt: '2026-11-23T14:00:00Z', rule: null, reason: null, invoiceIds: [gbp.id, eur.id], invoiceNumbers: [gbp.number, eur.number], amounts: { GBP: 800_00n, EUR: 250_00n }, data: {},
      },
    ]);
    return { customer, caseId: caseRow.id, actionId: review!.id };
  }
  const actionsOf = (org: Org, customerId: bigint) =>
    database.db.selectFrom('actions').select(['id', 'channel', 'status', 'rule', 'data']).where('org_id', '=', org.id).where('customer_id', '=', customerId).orderBy('id').execute();
  const lastActivity = async (org: Org, customerId: bigint) =>
    (await database.db.selectFrom('activities').select(['kind', 'summary', 'data']).where('org_id', '=', org.id).where('customer_id', '=', customerId).orderBy('id', 'desc').executeTakeFirstOrThrow());
  const caseStatus = async (org: Org, caseId: bigint) => (await database.db.selectFrom('cases').select('status').where('org_id', '=', org.id).where('id', '=', caseId).executeTakeFirstOrThrow()).status;

  it('shows the balance per currency, the case history in brief and the decisions allowed; the worklist names the customer and what is at stake', async () => {
    const org = await makeSenderOrg(database);
    const { customer, caseId, actionId } = await reviewOf(org, 'REV-1');
    const review = await showReviewTask(database.db, org, actionId, today);
    expect(review.customer).toMatchObject({ externalId: 'REV-1', name: 'REV-1 Trading', timeZone: 'America/New_York' });
    expect(review.balances).toEqual([
      { currency: 'EUR', balance: 250_00n, overdue: 250_00n, invoices: 1 },
      { currency: 'GBP', balance: 800_00n, overdue: 800_00n, invoices: 1 },
    ]);
    expect(review.case).toMatchObject({ id: caseId.toString(), status: 'active', openedOn: today, daysOpen: 0, promises: { kept: 0, broken: 0, pending: 0 }, openDisputes: 0 });
    expect(review.outcomes.map((o) => [o.code, o.role])).toEqual([
      ['agency', 'owner'], ['small_claims', 'owner'], ['settlement_offer', 'owner'], ['write_off', 'owner'], ['keep_chasing', 'collector'], ['pause_until', 'collector'],
    ]);
    expect(review.outcomes.find((o) => o.code === 'write_off')!.notBuilt).toMatch(/arrears writeoff <invoice>/);

    const tasks = await listTasks(database.db, org.id);
    const listed = tasks.find((task) => task.id === actionId)!;
    expect(listed).toMatchObject({ channel: 'review', customer: { name: 'REV-1 Trading', timeZone: 'America/New_York' } });
    expect(listed.atStake).toEqual([{ currency: 'EUR', amount: 250_00n }, { currency: 'GBP', amount: 800_00n }]);
    expect(tasks.every((task) => task.customer.id === customer.id)).toBe(true);

    // A review is not a call, and a call is not a review.
    await expect(recordCallOutcome(database.db, org, { actionId, outcome: 'no_answer', actor: 'test', now })).rejects.toThrow(/not a call task/);
  });

  it('pause_until places a hold until the date: the cycle skips the customer meanwhile', async () => {
    const org = await makeSenderOrg(database);
    const { customer, actionId } = await reviewOf(org, 'REV-2');
    await expect(recordReviewDecision(database.db, org, { actionId, outcome: 'pause_until', role: 'collector', actor: 'test', now })).rejects.toMatchObject({ code: 'invalid_input' });
    const result = await recordReviewDecision(database.db, org, { actionId, outcome: 'pause_until', until: '2027-01-15', note: 'waiting for their refinancing', role: 'collector', actor: 'test', now });
    expect(result).toMatchObject({ outcome: 'pause_until', notBuilt: null, holdId: expect.any(String) });
    const hold = await database.db.selectFrom('holds').selectAll().where('org_id', '=', org.id).where('id', '=', BigInt(result.holdId!)).executeTakeFirstOrThrow();
    expect(hold).toMatchObject({ customer_id: customer.id, ends_on: '2027-01-15', released_on: null });
    expect(result.action.status).toBe('done');
    expect(await lastActivity(org, customer.id)).toMatchObject({ kind: 'review_decision', data: { outcome: 'pause_until', until: '2027-01-15', note: 'waiting for their refinancing' } });
    const cycle = await runCycle(database.db, org, '2026-12-01');
    expect(cycle.actions.filter((action) => action.customerExternalId === 'REV-2')).toEqual([]);
    expect(cycle.summary.skipped.on_hold).toBe(1);
    // decided once
    await expect(recordReviewDecision(database.db, org, { actionId, outcome: 'keep_chasing', role: 'owner', actor: 'test', now })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('agency and small claims set the case status and cancel what the case had queued; a collector may not decide them', async () => {
    const org = await makeSenderOrg(database);
    const agency = await reviewOf(org, 'REV-3');
    expect((await actionsOf(org, agency.customer.id)).filter((a) => a.channel !== 'review' && a.status === 'ready').length).toBeGreaterThan(0);
    await expect(recordReviewDecision(database.db, org, { actionId: agency.actionId, outcome: 'agency', role: 'collector', actor: 'test', now })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordReviewDecision(database.db, org, { actionId: agency.actionId, outcome: 'agency', role: 'viewer', actor: 'test', now })).rejects.toMatchObject({ code: 'forbidden' });
    const placed = await recordReviewDecision(database.db, org, { actionId: agency.actionId, outcome: 'agency', role: 'owner', actor: 'test', now });
    expect(placed).toMatchObject({ caseStatus: 'agency', notBuilt: expect.stringMatching(/arrears placement create/) });
    expect(await caseStatus(org, agency.caseId)).toBe('agency');
    const after = await actionsOf(org, agency.customer.id);
    expect(after.find((a) => a.id === agency.actionId)!.status).toBe('done');
    for (const other of after.filter((a) => a.id !== agency.actionId)) expect(other).toMatchObject({ status: 'cancelled', rule: 'case-agency' });

    const claims = await reviewOf(org, 'REV-4');
    expect(await recordReviewDecision(database.db, org, { actionId: claims.actionId, outcome: 'small_claims', role: 'owner', actor: 'test', now })).toMatchObject({ caseStatus: 'legal' });
    expect(await caseStatus(org, claims.caseId)).toBe('legal');
  });

  it('write-off and settlement are recorded and name the command that carries them out; the ledger is unchanged; keep_chasing lets the case go on', async () => {
    const org = await makeSenderOrg(database);
    const written = await reviewOf(org, 'REV-5');
    const result = await recordReviewDecision(database.db, org, { actionId: written.actionId, outcome: 'write_off', note: 'company dissolved', role: 'owner', actor: 'test', now });
    expect(result.notBuilt).toMatch(/^The decision does not write anything off by itself/);
    expect(result.caseStatus).toBe('active');
    const invoices = await database.db.selectFrom('invoices').select(['status', 'balance']).where('org_id', '=', org.id).where('customer_id', '=', written.customer.id).orderBy('id').execute();
    expect(invoices).toEqual([{ status: 'open', balance: 800_00n }, { status: 'open', balance: 250_00n }]);
    expect(await lastActivity(org, written.customer.id)).toMatchObject({ kind: 'review_decision', data: { outcome: 'write_off', notBuilt: expect.stringMatching(/POST \/api\/v1\/write-offs/) } });

    const settle = await reviewOf(org, 'REV-6');
    expect((await recordReviewDecision(database.db, org, { actionId: settle.actionId, outcome: 'settlement_offer', role: 'owner', actor: 'test', now })).notBuilt).toMatch(/^The decision does not make the offer by itself/);

    const going = await reviewOf(org, 'REV-7');
    const before = await actionsOf(org, going.customer.id);
    const kept = await recordReviewDecision(database.db, org, { actionId: going.actionId, outcome: 'keep_chasing', role: 'collector', actor: 'test', now });
    expect(kept).toMatchObject({ notBuilt: null, caseStatus: 'active', holdId: null });
    const after = await actionsOf(org, going.customer.id);
    expect(after.filter((a) => a.id !== going.actionId)).toEqual(before.filter((a) => a.id !== going.actionId));
  });
});
