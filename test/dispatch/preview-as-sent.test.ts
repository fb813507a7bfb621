// `template preview --customer` shows what the dispatcher sends: the same invoices, amounts,
// deadline and payment instructions, by the same code; and the message model knows what reached
// the debtor before (messages sent or posted, a call that reached them) in the open case.
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { previewTemplate } from '../../src/app/templates/preview-template.ts';
import { setOrgLetterhead } from '../../src/app/orgs/set-org-letterhead.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import { historyOf, readMessageFacts } from '../../src/db/queries/message-facts.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeDispute, makeInvoice } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, overdueInvoices, startSmtpSenders, stopSmtpSenders, type SmtpSenders } from '../support/outbox-fixtures.ts';
import { type SmtpSink } from '../support/smtp-sink.ts';

describeEachEngine('template preview as sent', (engine) => {
  let database: Database;
  let smtp: SmtpSink;
  let senders: SmtpSenders['senders'];
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    ({ smtp, senders } = await startSmtpSenders());
  });
  afterAll(async () => {
    await stopSmtpSenders({ smtp, senders });
    await database.close();
  });

  it('renders for a customer named by its external id exactly the text the dispatcher then sends', async () => {
    const org = await setOrgLetterhead(database.db, await makeSenderOrg(database), { paymentInstructions: 'Sort code 20-00-00, account 55779911, quoting BIZ-P.' });
    const customer = await makeDebtor(database, org, { externalId: 'BIZ-P', emails: ['pat@preview.test'] });
    const overdue = await overdueInvoices(database, org, customer.id, 'PRV');
    // not yet due: the cycle puts it in no message, and neither may the preview
    await makeInvoice(database, org.id, customer.id, { number: 'PRV-LATER', issueDate: '2026-11-15', dueDate: '2026-12-15', total: 500_00n });
    const id = await makeReadySend(database, org, customer.id, overdue, { template: 'firm-reminder', tone: 'firm', stepName: 'Firm reminder' });
    const now = '2026-11-23T10:00:00Z';

    const preview = await previewTemplate(database.db, org, { name: 'firm-reminder', customer: 'BIZ-P', now: Temporal.Instant.from(now) });
    expect(preview.basis).toBe('outbox');
    expect(preview.rendered.text).toContain('PRV-1');
    expect(preview.rendered.text).not.toContain('PRV-LATER');
    expect(preview.rendered.text).toContain('by 30 November 2026');
    expect(preview.rendered.deadlineOn).toBe('2026-11-30');
    expect(preview.rendered.text).toContain('How to pay: Sort code 20-00-00, account 55779911, quoting BIZ-P.');
    expect(preview.rendered.text).not.toMatch(/not available yet|despite our earlier reminders/);
    // the preview wrote nothing: the send is still waiting
    expect((await database.db.selectFrom('actions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('ready');

    expect(await dispatchAll(database, senders, now)).toMatchObject({ sent: 1 });
    const copy = await database.db.selectFrom('communications').selectAll().where('org_id', '=', org.id).where('action_id', '=', id).executeTakeFirstOrThrow();
    expect(copy.subject).toBe(preview.rendered.subject);
    expect(copy.body_text).toBe(preview.rendered.text);

    await expect(previewTemplate(database.db, org, { name: 'firm-reminder', customer: String(customer.id), now: Temporal.Instant.from(now) })).rejects.toMatchObject({ code: 'not_found' });
  }, 60_000);

  it('refuses, rather than draws an empty letter, for a customer whose only overdue invoice is wholly disputed', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'DISP-1', emails: ['d@disputed.test'] });
    const invoice = await makeInvoice(database, org.id, customer.id, { number: 'DISP-INV', issueDate: '2026-09-01', dueDate: '2026-10-01', total: 300_00n });
    await makeDispute(database, invoice, { amount: null });
    await expect(previewTemplate(database.db, org, { name: 'reminder-missed', customer: 'DISP-1', channel: 'letter', now: Temporal.Instant.from('2026-11-23T10:00:00Z') })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('DISP-1 has nothing overdue to chase today'),
    });
  }, 60_000);

  it('reads what reached the debtor in the open case: messages sent or posted, the latest, a call that reached them', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'HIST-1', emails: ['h@history.test'] });
    const other = await makeDebtor(database, org, { externalId: 'HIST-2', emails: ['i@history.test'] });
    const { rows } = await sql<{ id: bigint }>`insert into cases (org_id, customer_id, opened_on) values (${org.id}, ${customer.id}, '2026-10-02') returning id`.execute(database.db);
    const caseId = rows[0]!.id;
    const action = (key: string, channel: 'email' | 'letter' | 'sms' | 'call', kind: 'send' | 'task') => ({
      customerId: customer.id,
      caseId,
      key,
      cycleDate: '2026-11-01',
      kind,
      channel,
      playbookName: 'standard',
      playbookVersion: 0,
      stepKey: key,
      stepName: key,
      stepIndex: 0,
      tone: 'friendly' as const,
      template: 'reminder-missed',
      status: 'ready' as const,
      dueAt: '2026-11-01T09:00:00Z',
      rule: null,
      reason: null,
      invoiceIds: [],
      invoiceNumbers: [],
      amounts: {},
      data: {},
    });
    const stored = await insertActions(database.db, org.id, [action('a', 'email', 'send'), action('b', 'letter', 'send'), action('c', 'letter', 'send'), action('d', 'call', 'task'), action('e', 'call', 'task')]);
    const set = (key: string, status: string, sentOn: string | null, data: Record<string, unknown> = {}) =>
      sql`update actions set status = ${status}, sent_on = ${sentOn}::date, data = ${JSON.stringify(data)}::jsonb where org_id = ${org.id} and idempotency_key = ${key}`.execute(database.db);
    expect(stored).toHaveLength(5);
    const facts = () => readMessageFacts(database.db, org.id, org.time_zone, [customer.id, other.id], [], [], '2026-11-23');

    expect(historyOf(await facts(), customer.id)).toEqual({ messagesSent: 0, lastMessage: null, spokenWith: false });
    await set('a', 'sent', '2026-11-02');
    await set('b', 'posted', '2026-11-09');
    await set('c', 'printed', '2026-11-20'); // printed, not yet posted: it has not reached them
    await set('d', 'done', null, { outcome: 'voicemail' });
    expect(historyOf(await facts(), customer.id)).toEqual({ messagesSent: 2, lastMessage: { on: '2026-11-09', channel: 'letter' }, spokenWith: false });
    await set('e', 'done', null, { outcome: 'promise' });
    expect(historyOf(await facts(), customer.id)).toMatchObject({ spokenWith: true });
    // another customer, and a closed case, know nothing of it
    expect(historyOf(await facts(), other.id)).toEqual({ messagesSent: 0, lastMessage: null, spokenWith: false });
    await sql`update cases set status = 'closed', closed_on = '2026-11-22' where org_id = ${org.id} and id = ${caseId}`.execute(database.db);
    expect(historyOf(await facts(), customer.id).messagesSent).toBe(0);
  }, 60_000);
});
