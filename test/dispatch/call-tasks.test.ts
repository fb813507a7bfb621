// Call tasks: the script a collector reads (with what is owed now and a limited-content voicemail
// for consumers), and one-click outcomes that set the next steps in motion.
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callScript } from '../../src/app/tasks/call-script.ts';
import { recordCallOutcome } from '../../src/app/tasks/record-call-outcome.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import { debtorContact } from '../../src/db/queries/debtor-contact.ts';
import type { Org } from '../../src/db/schema.ts';
import { formatAmount } from '../../src/domain/templates/format.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeDispute } from '../support/fixtures.ts';
import { makeDebtor, makeSenderOrg, overdueInvoices } from '../support/outbox-fixtures.ts';

const now = Temporal.Instant.from('2026-11-23T11:00:00Z');

describeEachEngine('call tasks', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function callTask(org: Org, externalId: string, kind: 'business' | 'consumer' = 'business', timeZone?: string) {
    const customer = await makeDebtor(database, org, { externalId, kind, timeZone });
    const invoices = await overdueInvoices(database, org, customer.id, externalId);
    const [stored] = await insertActions(database.db, org.id, [
      { customerId: customer.id, caseId: null, key: `call:${externalId}`, cycleDate: '2026-11-23', kind: 'task', channel: 'call', playbookName: 'standard', playbookVersion: 0, stepKey: 'call', stepName: 'Call', stepIndex: 2, tone: 'firm', template: 'call-firm', status: 'ready', dueAt: '2026-11-23T09:00:00Z', rule: null, reason: null, invoiceIds: invoices.map((i) => i.id), invoiceNumbers: invoices.map((i) => i.number), amounts: {}, data: {} },
    ]);
    return { customer, invoices, actionId: stored!.id };
  }
  const timeline = (org: Org, customerId: bigint) => database.db.selectFrom('activities').select(['kind', 'data']).where('org_id', '=', org.id).where('customer_id', '=', customerId).orderBy('id').execute();

  it('gives the collector the script with the amounts owed now, and a voicemail that says nothing about the debt', async () => {
    const org = await makeSenderOrg(database);
    const { actionId } = await callTask(org, 'CALL-1', 'consumer');
    const script = await callScript(database.db, org, actionId, now);
    expect(script.phones).toEqual(['+44 7700 900123']);
    expect(script.script).toContain(formatAmount('en-GB', 1_349_99n, 'GBP'));
    expect(script.voicemail).toBeTruthy();
    // the caller is told the customer's own time zone (a call-back time is said in it); makeDebtor's default
    expect(script.customer).toMatchObject({ timeZone: 'Europe/London', timeZoneKnown: true });
    expect(script.voicemail).not.toMatch(/CALL-1-|£|invoice|overdue|debt/i);
    expect(script.outcomes.map((o) => o.code)).toContain('call_back');
  });

  it('refuses to script a call about nothing: every invoice of the call disputed in full since it was planned', async () => {
    const org = await makeSenderOrg(database);
    const { invoices, actionId } = await callTask(org, 'CALL-NONE');
    for (const invoice of invoices) await makeDispute(database, invoice, { amount: null, openedOn: '2026-11-23' });
    await expect(callScript(database.db, org, actionId, now)).rejects.toThrow(/nothing to call CALL-NONE Trading about now: .*disputed in full/);
  });

  it('a promise outcome records the promise and marks the task done; a conversation pauses further calls (Regulation F)', async () => {
    const org = await makeSenderOrg(database);
    const { customer, actionId } = await callTask(org, 'CALL-2');
    const result = await recordCallOutcome(database.db, org, { actionId, outcome: 'promise', promise: { amount: 500_00n, dueOn: '2026-12-01' }, note: 'will pay half on the 1st', actor: 'test', now });
    expect(result.effects[0]).toMatch(/Promise \d+ recorded/);
    const promise = await database.db.selectFrom('promises').selectAll().where('org_id', '=', org.id).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(promise).toMatchObject({ amount: 500_00n, due_on: '2026-12-01', status: 'pending' });
    expect((await database.db.selectFrom('actions').select('status').where('org_id', '=', org.id).where('id', '=', actionId).executeTakeFirstOrThrow()).status).toBe('done');
    expect((await timeline(org, customer.id)).at(-1)).toMatchObject({ kind: 'call_outcome', data: { outcome: 'promise', conversation: true } });
    const contact = await debtorContact(database.db, org.id, customer.id, '2026-11-24', org.time_zone);
    expect(contact!.debtor.lastConversationOn).toBe('2026-11-23');
    // the same task cannot be closed twice
    await expect(recordCallOutcome(database.db, org, { actionId, outcome: 'no_answer', actor: 'test', now })).rejects.toThrow(/recorded already/);
  });

  it('dates a conversation on the debtor’s own day: a call at 19:00 in Los Angeles pauses calls from that day, not the next UTC day', async () => {
    const org = await makeSenderOrg(database);
    const { customer, actionId } = await callTask(org, 'CALL-LA', 'consumer', 'America/Los_Angeles');
    const evening = Temporal.Instant.from('2026-11-24T03:00:00Z'); // 2026-11-23 19:00 in Los Angeles
    await recordCallOutcome(database.db, org, { actionId, outcome: 'wont_pay', note: 'will not pay', actor: 'test', now: evening });
    const contact = await debtorContact(database.db, org.id, customer.id, '2026-11-24', org.time_zone);
    expect(contact!.debtor.lastConversationOn).toBe('2026-11-23');
  });

  it('dates the call on the debtor’s own day it was made, which the case’s next step waits its gap from (not the day it was planned)', async () => {
    const org = await makeSenderOrg(database);
    const { actionId } = await callTask(org, 'CALL-DAY', 'consumer', 'America/Los_Angeles');
    const evening = Temporal.Instant.from('2026-11-26T03:00:00Z'); // 2026-11-25 19:00 in Los Angeles, two days after it was planned
    await recordCallOutcome(database.db, org, { actionId, outcome: 'no_answer', actor: 'test', now: evening });
    const stored = await database.db.selectFrom('actions').select(['status', 'cycle_date', 'sent_on']).where('org_id', '=', org.id).where('id', '=', actionId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'done', cycle_date: '2026-11-23', sent_on: '2026-11-25' });
  });

  it('no answer is an attempt, not a response; a wrong number stops calls and SMS to it; "already paid" pauses while it is checked', async () => {
    const org = await makeSenderOrg(database);
    const first = await callTask(org, 'CALL-3');
    await recordCallOutcome(database.db, org, { actionId: first.actionId, outcome: 'no_answer', actor: 'test', now });
    expect((await timeline(org, first.customer.id)).at(-1)).toMatchObject({ kind: 'call_attempt', data: { outcome: 'no_answer', conversation: false } });

    const wrong = await callTask(org, 'CALL-4');
    await recordCallOutcome(database.db, org, { actionId: wrong.actionId, outcome: 'wrong_number', actor: 'test', now });
    const contact = await database.db.selectFrom('contacts').select(['opt_out_phone', 'opt_out_sms']).where('org_id', '=', org.id).where('customer_id', '=', wrong.customer.id).executeTakeFirstOrThrow();
    expect(contact).toEqual({ opt_out_phone: true, opt_out_sms: true });

    const paid = await callTask(org, 'CALL-5');
    await recordCallOutcome(database.db, org, { actionId: paid.actionId, outcome: 'already_paid', actor: 'test', now });
    const hold = await database.db.selectFrom('holds').selectAll().where('org_id', '=', org.id).where('customer_id', '=', paid.customer.id).executeTakeFirstOrThrow();
    expect(hold).toMatchObject({ ends_on: '2026-11-30', invoice_id: null });
  });

  it('a dispute opens on the invoices of the call; a call back is booked only when the rules allow a call then', async () => {
    const org = await makeSenderOrg(database);
    const disputed = await callTask(org, 'CALL-6');
    await recordCallOutcome(database.db, org, { actionId: disputed.actionId, outcome: 'dispute', dispute: { reasonCode: 'quality', reason: 'the chairs arrived broken' }, actor: 'test', now });
    const disputes = await database.db.selectFrom('disputes').select('invoice_id').where('org_id', '=', org.id).where('status', '=', 'open').execute();
    expect(disputes.map((d) => d.invoice_id).sort()).toEqual(disputed.invoices.map((i) => i.id).sort());

    const later = await callTask(org, 'CALL-7', 'consumer');
    // 22:30 in London is outside a consumer's contact hours: refused, and the task stays open
    await expect(recordCallOutcome(database.db, org, { actionId: later.actionId, outcome: 'call_back', callBackAt: '2026-11-24T22:30:00+00:00', actor: 'test', now })).rejects.toThrow(/not allowed/);
    const booked = await recordCallOutcome(database.db, org, { actionId: later.actionId, outcome: 'call_back', callBackAt: '2026-11-24T15:00:00+00:00', actor: 'test', now });
    const task = await database.db.selectFrom('actions').selectAll().where('org_id', '=', org.id).where('id', '=', BigInt(booked.callBackActionId!)).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ kind: 'task', channel: 'call', status: 'ready', customer_id: later.customer.id });
    expect(new Date(task.due_at).toISOString()).toBe('2026-11-24T15:00:00.000Z');
  });
});
