// The messages of a payment plan's instalments, from the daily cycle to the outbox: a reminder
// a few days before each instalment, a receipt when one is paid, one reminder of a missed one;
// each created once, sent by the dispatcher with the plan's figures, and on the timeline. One
// no longer true when it would leave is not sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acceptPlan } from '../../src/app/arrangements/accept-plan.ts';
import { proposePlan } from '../../src/app/arrangements/propose-plan.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makePayment } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeSenderOrg, overdueInvoices } from '../support/outbox-fixtures.ts';

describeEachEngine('payment plan instalment messages', (engine) => {
  let database: Database;
  const outbox = mkdtempSync(join(tmpdir(), 'arrears-outbox-'));
  let senders: ChannelSenders;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    senders = { email: createEmailTransport({ outboxDir: outbox }), sms: null };
  });
  afterAll(async () => {
    senders.email.close();
    await database.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  /** A customer owing £1,349.99 on a plan of three monthly instalments from 2026-12-10: £449.99, £449.99, £450.01. */
  async function planned(externalId: string) {
    const org = await makeSenderOrg(database);
    await database.db.updateTable('orgs').set({ payment_instructions: 'Bank transfer to Acme Supplies Ltd, sort code 20-00-00, account 55779911.' }).where('id', '=', org.id).execute();
    const customer = await makeDebtor(database, org, { externalId });
    const invoices = await overdueInvoices(database, org, customer.id, externalId);
    const { plan } = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: invoices.map((i) => i.id), schedule: { kind: 'equal', instalments: 3, first: '2026-12-10', every: 'month' }, today: '2026-11-23', now: instantOn('2026-11-23'), actor: 'test' });
    await acceptPlan(database.db, org.id, { planId: plan.id, role: 'owner', today: '2026-11-23', now: instantOn('2026-11-23'), actor: 'test' });
    const current = await database.db.selectFrom('orgs').selectAll().where('id', '=', org.id).executeTakeFirstOrThrow();
    return { org: current, customer, invoices, planId: plan.id };
  }

  const planActions = (org: Org) =>
    database.db.selectFrom('actions').select(['id', 'idempotency_key', 'step_key', 'template', 'status', 'rule', 'reason', 'cycle_date']).where('org_id', '=', org.id).where('idempotency_key', 'like', 'plan:%').orderBy('id').execute();

  const sentCopy = (org: Org, actionId: bigint) =>
    database.db.selectFrom('communications').select(['subject', 'body_text', 'template_name']).where('org_id', '=', org.id).where('action_id', '=', actionId).executeTakeFirstOrThrow();

  it('reminds of each instalment once, sends a receipt when it is paid and one reminder when one is missed', async () => {
    const { org, customer, invoices, planId } = await planned('INST-1');

    // nothing before the window (3 days before the date), the reminder on its first day, once
    await runCycle(database.db, org, '2026-12-06');
    expect(await planActions(org)).toEqual([]);
    let report = await runCycle(database.db, org, '2026-12-07');
    expect(report.actions.filter((a) => a.step === 'instalment-reminder')).toEqual([expect.objectContaining({ created: true, status: 'ready', channel: 'email', customerExternalId: 'INST-1', amounts: { GBP: 449_99n } })]);
    report = await runCycle(database.db, org, '2026-12-08');
    expect(report.actions.filter((a) => a.step === 'instalment-reminder')).toEqual([expect.objectContaining({ created: false })]);
    expect((await planActions(org)).map((a) => a.idempotency_key)).toEqual([`plan:${planId}:instalment:1:reminder`]);

    // written to the outbox folder: no SMTP server in this test
    expect((await dispatchAll(database, senders, '2026-12-08T12:00:00Z')).notDelivered).toBe(1);
    const [reminder] = await planActions(org);
    expect(reminder!.status).toBe('written');
    const reminderCopy = await sentCopy(org, reminder!.id);
    expect(reminderCopy.subject).toBe('Instalment 1 of your payment plan: £449.99 due on 10 December 2026');
    expect(reminderCopy.body_text).toContain('instalment 1 of 3 of your payment plan, £449.99, is due on 10 December 2026');
    expect(reminderCopy.body_text).toContain('£1,349.99 is left to pay on the plan in all');
    expect(reminderCopy.body_text).toContain('How to pay: Bank transfer to Acme Supplies Ltd');

    // the first instalment paid: a receipt, with what is left and the next date
    await makePayment(database, { org_id: org.id, id: invoices[0]!.id, customer_id: customer.id, currency: 'GBP' }, 449_99n, '2026-12-09');
    report = await runCycle(database.db, org, '2026-12-10');
    expect(report.summary.plans.instalmentsPaid).toBe(1);
    expect(report.actions.filter((a) => a.step === 'instalment-receipt')).toEqual([expect.objectContaining({ created: true, status: 'ready' })]);
    await runCycle(database.db, org, '2026-12-11');
    expect((await dispatchAll(database, senders, '2026-12-11T12:00:00Z')).notDelivered).toBe(1);
    const receipt = (await planActions(org)).find((a) => a.step_key === 'instalment-receipt')!;
    const receiptCopy = await sentCopy(org, receipt.id);
    expect(receiptCopy.subject).toBe('Thank you: instalment 1 of your payment plan is paid');
    expect(receiptCopy.body_text).toContain('we have received £449.99 for instalment 1 of 3 of your payment plan');
    expect(receiptCopy.body_text).toContain('£900.00 is left to pay on the plan. The next instalment, £449.99, is due on 10 January 2027.');
    const timeline = await database.db.selectFrom('activities').select(['summary']).where('org_id', '=', org.id).where('customer_id', '=', customer.id).execute();
    expect(timeline.map((a) => a.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^Email "Instalment receipt" to inst-1@customer\.test/), expect.stringMatching(/^Email "Instalment reminder" to/)]));

    // the second is not paid: its reminder, then once it is missed (5 grace days) one reminder of it, however many days it stays broken
    await runCycle(database.db, org, '2027-01-08');
    expect((await dispatchAll(database, senders, '2027-01-08T12:00:00Z')).notDelivered).toBe(1);
    await runCycle(database.db, org, '2027-01-16');
    report = await runCycle(database.db, org, '2027-01-17');
    expect(report.actions.filter((a) => a.step === 'instalment-missed')).toEqual([expect.objectContaining({ created: false })]);
    expect((await planActions(org)).map((a) => [a.idempotency_key, a.cycle_date])).toEqual([
      [`plan:${planId}:instalment:1:reminder`, '2026-12-07'],
      [`plan:${planId}:instalment:1:receipt`, '2026-12-10'],
      [`plan:${planId}:instalment:2:reminder`, '2027-01-08'],
      [`plan:${planId}:instalment:2:missed`, '2027-01-16'],
    ]);
    expect((await dispatchAll(database, senders, '2027-01-17T12:00:00Z')).notDelivered).toBe(1);
    const missed = (await planActions(org)).find((a) => a.step_key === 'instalment-missed')!;
    const missedCopy = await sentCopy(org, missed.id);
    expect(missedCopy.subject).toBe('Instalment 2 of your payment plan has not been paid');
    expect(missedCopy.body_text).toContain('instalment 2 of your payment plan, due on 10 January 2027, has not been paid in full: £449.99 of it is still unpaid');

    // a second grace period later the plan defaults: no more instalment messages; the case resumes, firmer, with a call
    report = await runCycle(database.db, org, '2027-01-21');
    expect(report.summary.plans.defaulted).toBe(1);
    expect(report.actions.filter((a) => a.step.startsWith('instalment-'))).toEqual([]);
    expect(report.actions.map((a) => [a.channel, a.kind])).toContainEqual(['call', 'task']);
  });

  it('does not send a reminder whose instalment was paid before it went out', async () => {
    const { org, customer, invoices } = await planned('INST-2');
    await runCycle(database.db, org, '2026-12-08');
    await makePayment(database, { org_id: org.id, id: invoices[0]!.id, customer_id: customer.id, currency: 'GBP' }, 449_99n, '2026-12-08');
    await runCycle(database.db, org, '2026-12-08');
    await dispatchAll(database, senders, '2026-12-08T12:00:00Z');
    const [reminder] = await planActions(org);
    expect(reminder).toMatchObject({ step_key: 'instalment-reminder', status: 'cancelled', rule: 'instalment-message-stale', reason: 'The instalment was paid since this reminder was planned.' });
    expect(await database.db.selectFrom('communications').select('id').where('org_id', '=', org.id).where('action_id', '=', reminder!.id).execute()).toEqual([]);
  });
});
