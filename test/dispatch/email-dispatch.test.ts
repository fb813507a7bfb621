// The outbox sending email through a real SMTP server on 127.0.0.1, parsed on arrival: who it is
// from and to, what it says (amounts equal to the ledger), the consumer opt-out, the copy kept,
// retries, hard bounces, and the last look before sending.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { maxAttempts } from '../../src/app/dispatch/record-send.ts';
import { recordBounce } from '../../src/app/outbox/record-bounce.ts';
import { readDeliveryStatus } from '../../src/channels/email/delivery-status.ts';
import type { Database } from '../../src/db/engine.ts';
import { formatAmount } from '../../src/domain/templates/format.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makePayment } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, overdueInvoices, startSmtpSenders, stopSmtpSenders, type SmtpSenders } from '../support/outbox-fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

describeEachEngine('email dispatch', (engine) => {
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
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.refuse.clear();
  });

  const action = (orgId: bigint, id: bigint) => database.db.selectFrom('actions').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirstOrThrow();
  const timeline = (orgId: bigint, customerId: bigint) =>
    database.db.selectFrom('activities').select(['kind', 'summary', 'data']).where('org_id', '=', orgId).where('customer_id', '=', customerId).orderBy('id').execute();

  it('sends one email from the organisation to every billing contact, with the ledger amounts, and keeps the exact copy', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'BIZ-1', emails: ['pat@customer.test', 'ap@customer.test'] });
    const invoices = await overdueInvoices(database, org, customer.id, 'BIZ1');
    await makePayment(database, invoices[0]!, 250_00n, '2026-11-01');
    const id = await makeReadySend(database, org, customer.id, invoices);

    const summary = await dispatchAll(database, senders, '2026-11-23T10:00:00Z');
    expect(summary).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    const stored = await action(org.id, id);
    expect(stored.status).toBe('sent');
    expect(mail.messageId).toBe(stored.message_id);
    expect(stored.message_id).toMatch(/^<\d+\.\d+\.[0-9a-f]{12}@acme\.test>$/);
    expect(mail.from?.value).toEqual([{ name: 'Acme Accounts', address: 'accounts@acme.test' }]);
    expect(mail.replyTo?.value[0]?.address).toBe('credit@acme.test');
    expect((Array.isArray(mail.to) ? mail.to : [mail.to!]).flatMap((to) => to.value.map((v) => v.address))).toEqual(['pat@customer.test', 'ap@customer.test']);
    expect(mail.subject).toBeTruthy();
    // balances now: 1,250.00 − 250.00 paid = 1,000.00, and 99.99; total 1,099.99
    for (const text of [mail.text!, mail.html as string]) {
      expect(text).toContain('BIZ1-1');
      expect(text).toContain('BIZ1-2');
      expect(text).toContain(formatAmount('en-GB', 1_000_00n, 'GBP'));
      expect(text).toContain(formatAmount('en-GB', 1_099_99n, 'GBP'));
    }
    // a business debt: no consumer opt-out header
    expect(mail.headerLines.find((header) => header.key === 'list-unsubscribe')).toBeUndefined();
    expect(mail.attachments).toHaveLength(0);

    const copy = await database.db.selectFrom('communications').selectAll().where('org_id', '=', org.id).where('action_id', '=', id).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ direction: 'outbound', channel: 'email', template_name: 'reminder-missed', template_version: 0, language: 'en-GB', transport: 'smtp', delivered: true, subject: mail.subject, message_id: mail.messageId });
    expect(copy.template_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(copy.recipients).toEqual(['pat@customer.test', 'ap@customer.test']);
    expect(copy.body_text!.replace(/\s+/g, ' ').trim()).toBe(mail.text!.replace(/\s+/g, ' ').trim());
    const events = await timeline(org.id, customer.id);
    expect(events.at(-1)).toMatchObject({ kind: 'email_sent', data: { actionId: id.toString(), communicationId: copy.id.toString(), messageId: mail.messageId } });

    // nothing sent can be changed afterwards
    await expect(sql`update communications set subject = 'changed' where org_id = ${org.id} and id = ${copy.id}`.execute(database.db)).rejects.toThrow(/append-only/);
    // and a second pass sends nothing again
    expect((await dispatchAll(database, senders, '2026-11-23T11:00:00Z')).claimed).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it("a consumer's email carries List-Unsubscribe and the opt-out line; a firm one attaches the statement of account, kept byte for byte", async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'CON-1', kind: 'consumer' });
    const invoices = await overdueInvoices(database, org, customer.id, 'CON1');
    const id = await makeReadySend(database, org, customer.id, invoices, { template: 'firm-reminder', tone: 'firm', stepName: 'Firm reminder' });

    await dispatchAll(database, senders, '2026-11-23T10:00:00Z');
    const mail = smtp.received[0]!;
    const unsubscribe = mail.headerLines.find((header) => header.key === 'list-unsubscribe');
    expect(unsubscribe?.line).toBe('List-Unsubscribe: <mailto:credit@acme.test?subject=STOP%20CON-1>');
    expect(mail.text).toMatch(/STOP/);
    expect(mail.html as string).toMatch(/STOP/);
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.contentType).toBe('application/pdf');
    const file = await database.db
      .selectFrom('communication_files')
      .innerJoin('communications', (join) => join.onRef('communications.org_id', '=', 'communication_files.org_id').onRef('communications.id', '=', 'communication_files.communication_id'))
      .select(['communication_files.sha256', 'communication_files.size', 'communication_files.name'])
      .where('communications.org_id', '=', org.id)
      .where('communications.action_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(file.sha256).toBe(createHash('sha256').update(attachment.content).digest('hex'));
    expect(file.size).toBe(attachment.content.length);
    expect(attachment.filename).toBe(file.name);
  });

  it('retries a temporary failure with backoff, then sends; gives up visibly after the last attempt', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'TMP-1', emails: ['busy@customer.test'] });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'TMP1'));

    smtp.refuse.set('busy@customer.test', 451);
    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 1, retrying: 1 });
    let stored = await action(org.id, id);
    expect(stored).toMatchObject({ status: 'ready', attempts: 1 });
    expect(stored.last_error).toMatch(/451/);
    expect(new Date(stored.next_attempt_at!).toISOString()).toBe('2026-11-23T10:01:00.000Z');
    // not before the backoff
    expect((await dispatchAll(database, senders, '2026-11-23T10:00:30Z')).claimed).toBe(0);

    smtp.refuse.delete('busy@customer.test');
    expect(await dispatchAll(database, senders, '2026-11-23T10:01:00Z')).toMatchObject({ claimed: 1, sent: 1 });
    stored = await action(org.id, id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.received).toHaveLength(1);

    // another send that never gets through: failed after the last attempt, on the timeline
    const other = await makeDebtor(database, org, { externalId: 'TMP-2', emails: ['down@customer.test'] });
    const failing = await makeReadySend(database, org, other.id, await overdueInvoices(database, org, other.id, 'TMP2'));
    smtp.refuse.set('down@customer.test', 451);
    let now = Date.parse('2026-11-23T10:00:00Z');
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await dispatchAll(database, senders, new Date(now).toISOString());
      now += 24 * 3600 * 1000;
    }
    expect(await action(org.id, failing)).toMatchObject({ status: 'failed', attempts: maxAttempts });
    expect((await timeline(org.id, other.id)).at(-1)).toMatchObject({ kind: 'send_failed' });
  });

  it('a hard bounce fails the send at once and marks the address, so later steps use another channel', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'BNC-1', emails: ['gone@customer.test'] });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'BNC1'));
    smtp.refuse.set('gone@customer.test', 550);

    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 1, failed: 1 });
    expect(await action(org.id, id)).toMatchObject({ status: 'failed', attempts: 1 });
    const contact = await database.db.selectFrom('contacts').select('email_bounced_at').where('org_id', '=', org.id).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(contact.email_bounced_at).not.toBeNull();
    const kinds = (await timeline(org.id, customer.id)).map((event) => event.kind);
    expect(kinds.slice(-2)).toEqual(['email_bounced', 'send_failed']);

    // the next email to this customer is not attempted: no usable address
    const next = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'BNC2'));
    expect(await dispatchAll(database, senders, '2026-11-24T10:00:00Z')).toMatchObject({ claimed: 1, stopped: 1 });
    expect(await action(org.id, next)).toMatchObject({ status: 'blocked', rule: 'no-channel' });
  });

  it('looks again before sending: paid since → cancelled; cease requested → blocked; a consumer at night → deferred to their next morning', async () => {
    const org = await makeSenderOrg(database);
    const paid = await makeDebtor(database, org, { externalId: 'LL-PAID' });
    const [p1, p2] = await overdueInvoices(database, org, paid.id, 'LLP');
    const paidSend = await makeReadySend(database, org, paid.id, [p1!, p2!]);
    await makePayment(database, p1!, 1_250_00n, '2026-11-22');
    await makePayment(database, p2!, 99_99n, '2026-11-22');

    const ceased = await makeDebtor(database, org, { externalId: 'LL-CEASE' });
    const ceaseSend = await makeReadySend(database, org, ceased.id, await overdueInvoices(database, org, ceased.id, 'LLC'));
    await database.db.updateTable('customers').set({ cease_requested_on: '2026-11-22' }).where('org_id', '=', org.id).where('id', '=', ceased.id).execute();

    const night = await makeDebtor(database, org, { externalId: 'LL-NIGHT', kind: 'consumer', timeZone: 'America/New_York', country: 'US', language: 'en-US' });
    const nightSend = await makeReadySend(database, org, night.id, await overdueInvoices(database, org, night.id, 'LLN'));

    // 04:00 UTC = 23:00 in New York: outside a consumer's contact hours there
    const summary = await dispatchAll(database, senders, '2026-11-24T04:00:00Z');
    expect(summary).toMatchObject({ claimed: 3, sent: 0, stopped: 2, deferred: 1 });
    expect(smtp.received).toHaveLength(0);
    expect(await action(org.id, paidSend)).toMatchObject({ status: 'cancelled', rule: 'nothing-owed' });
    expect(await action(org.id, ceaseSend)).toMatchObject({ status: 'blocked', rule: 'cease-communication' });
    const deferred = await action(org.id, nightSend);
    expect(deferred).toMatchObject({ status: 'deferred', attempts: 0 });
    // the organisation's send hour (09:00) on the debtor's next day
    expect(new Date(deferred.due_at).toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect((await timeline(org.id, paid.id)).at(-1)).toMatchObject({ kind: 'send_stopped' });

    // not before; at 09:00 New York time it goes, in American English
    expect((await dispatchAll(database, senders, '2026-11-24T13:59:00Z')).claimed).toBe(0);
    expect(await dispatchAll(database, senders, '2026-11-24T14:00:00Z')).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received[0]!.text).toContain(formatAmount('en-US', 1_250_00n, 'GBP'));
  });

  it('a bounce that arrives later (a delivery status notification) marks the address; a delay is only noted', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'DSN-1', emails: ['gone@customer.test'] });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'DSN1'));
    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ sent: 1 });
    const messageId = (await action(org.id, id)).message_id!;
    const report = (status: string) =>
      `Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.customer.test\n\nFinal-Recipient: rfc822; gone@customer.test\nAction: ${status.startsWith('5') ? 'failed' : 'delayed'}\nStatus: ${status}\n\n--B\nContent-Type: text/rfc822-headers\n\nMessage-ID: ${messageId}\n\n--B--\n`;

    const [delay] = readDeliveryStatus(report('4.4.1'));
    expect(await recordBounce(database.db, org.id, { ...delay!, actor: 'test', now: Temporal.Instant.from('2026-11-23T12:00:00Z') })).toMatchObject({ permanent: false, contactsMarked: 0 });
    const [failure] = readDeliveryStatus(report('5.1.1'));
    expect(await recordBounce(database.db, org.id, { ...failure!, actor: 'test', now: Temporal.Instant.from('2026-11-23T12:05:00Z') })).toMatchObject({ permanent: true, contactsMarked: 1 });
    expect((await timeline(org.id, customer.id)).slice(-2).map((e) => e.kind)).toEqual(['email_delayed', 'email_bounced']);
    // both are dated by the clock the caller gave, as is the mark on the address
    const stamped = await database.db.selectFrom('activities').select('occurred_at').where('org_id', '=', org.id).where('kind', 'in', ['email_delayed', 'email_bounced']).orderBy('id').execute();
    expect(stamped.map((row) => new Date(row.occurred_at).toISOString())).toEqual(['2026-11-23T12:00:00.000Z', '2026-11-23T12:05:00.000Z']);
    const contact = await database.db.selectFrom('contacts').select('email_bounced_at').where('org_id', '=', org.id).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(new Date(contact.email_bounced_at!).toISOString()).toBe('2026-11-23T12:05:00.000Z');
    // the email itself stays as sent; the next one finds no usable address
    expect(await action(org.id, id)).toMatchObject({ status: 'sent' });
    const next = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'DSN2'));
    expect(await dispatchAll(database, senders, '2026-11-24T10:00:00Z')).toMatchObject({ stopped: 1 });
    expect(await action(org.id, next)).toMatchObject({ status: 'blocked', rule: 'no-channel' });
    // a Message-ID that is not ours, or a recipient it did not go to, is refused
    await expect(recordBounce(database.db, org.id, { ...failure!, messageId: '<other@elsewhere.test>', actor: 'test', now: Temporal.Instant.from('2026-11-24T12:00:00Z') })).rejects.toThrow(/no email of this organisation/);
    await expect(recordBounce(database.db, org.id, { ...failure!, address: 'someone@else.test', actor: 'test', now: Temporal.Instant.from('2026-11-24T12:00:00Z') })).rejects.toThrow(/was not sent to/);
  });

  it("an organisation with its own SMTP server sends through it, not the server's", async () => {
    const own = await startSmtpSink();
    const ownTransport = createEmailTransport({ smtpUrl: own.url, outboxDir: tmpdir() });
    try {
      const viaOwn = { ...senders, emailVia: (url: string) => (url === own.url ? ownTransport : senders.email) };
      const org = await makeSenderOrg(database);
      await database.db.updateTable('orgs').set({ smtp_url: own.url }).where('id', '=', org.id).execute();
      const customer = await makeDebtor(database, org, { externalId: 'OWN-1' });
      await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'OWN1'));
      expect(await dispatchAll(database, viaOwn, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 1, sent: 1 });
      expect(own.received).toHaveLength(1);
      expect(smtp.received).toHaveLength(0);
    } finally {
      ownTransport.close();
      await own.close();
    }
  });

  it('with no SMTP configured, writes the email as an .eml file and records it as written, not sent', async () => {
    const outbox = mkdtempSync(join(tmpdir(), 'arrears-eml-'));
    const fileSenders: ChannelSenders = { email: createEmailTransport({ outboxDir: outbox }), sms: null };
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'EML-1' });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'EML1'));

    expect(await dispatchAll(database, fileSenders, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 1, notDelivered: 1 });
    const stored = await action(org.id, id);
    expect(stored).toMatchObject({ status: 'written', sent_on: '2026-11-23' });
    expect(new Date(stored.finished_at!).toISOString()).toBe('2026-11-23T10:00:00.000Z'); // the dispatcher's clock
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(outbox, files[0]!), 'utf8');
    expect(eml).toContain(`Message-ID: ${stored.message_id}`);
    expect(eml).toContain('EML1-1');
    const copy = await database.db.selectFrom('communications').selectAll().where('org_id', '=', org.id).where('action_id', '=', id).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ transport: 'outbox-file', delivered: false, provider_reference: join(outbox, files[0]!) });
    expect((await timeline(org.id, customer.id)).at(-1)).toMatchObject({ kind: 'email_written', summary: expect.stringMatching(/written to the outbox folder, not delivered/) });
  });
});
