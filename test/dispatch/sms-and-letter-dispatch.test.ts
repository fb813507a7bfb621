// SMS through the provider adapter (a local server that behaves like the provider) and PDF
// letters into the day's batch: sent once, copied, retried or stopped the way email is.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { lettersBatch } from '../../src/app/outbox/letters-batch.ts';
import { retrySend } from '../../src/app/outbox/retry-send.ts';
import { setCustomerCreditor } from '../../src/app/customers/set-customer-creditor.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import { createTwilioSmsProvider } from '../../src/channels/sms/twilio-provider.ts';
import type { Database } from '../../src/db/engine.ts';
import { formatAmount } from '../../src/domain/templates/format.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { startFakeSmsProvider, type FakeSmsProvider } from '../support/fake-sms-provider.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, overdueInvoices } from '../support/outbox-fixtures.ts';

describeEachEngine('SMS and letter dispatch', (engine) => {
  let database: Database;
  let provider: FakeSmsProvider;
  let senders: ChannelSenders;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    provider = await startFakeSmsProvider();
    senders = {
      email: createEmailTransport({ outboxDir: mkdtempSync(join(tmpdir(), 'arrears-outbox-')) }),
      sms: { provider: createTwilioSmsProvider(provider.config), from: provider.config.from },
    };
  });
  afterAll(async () => {
    await provider.close();
    await database.close();
  });

  const action = (orgId: bigint, id: bigint) => database.db.selectFrom('actions').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirstOrThrow();

  it('texts a consumer in international form, with the opt-out; a provider outage is retried; the copy names the provider’s reference', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'SMS-1', kind: 'consumer', phone: '07700 900123' });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'SMS1'), { channel: 'sms', template: 'reminder-missed' });

    provider.failNext(1, 503);
    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 1, retrying: 1 });
    expect(provider.messages).toHaveLength(0);
    expect(await dispatchAll(database, senders, '2026-11-23T10:01:00Z')).toMatchObject({ claimed: 1, sent: 1 });
    expect(provider.messages).toHaveLength(1);
    const sms = provider.messages[0]!;
    expect(sms).toMatchObject({ to: '+447700900123', from: provider.config.from });
    expect(sms.body).toMatch(/^Acme Supplies Ltd: /);
    expect(sms.body).toMatch(/Reply STOP to opt out\.$/);
    expect(sms.body.length).toBeLessThanOrEqual(320);
    const copy = await database.db.selectFrom('communications').selectAll().where('org_id', '=', org.id).where('action_id', '=', id).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ channel: 'sms', transport: 'sms-provider', delivered: true, provider_reference: sms.sid, body_text: sms.body, recipients: ['+447700900123'] });
    expect(await action(org.id, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a number the provider refuses for good (the recipient replied STOP there) fails the send and gets no more SMS', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'SMS-2', kind: 'consumer', phone: '+44 7700 900456' });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'SMS2'), { channel: 'sms', template: 'reminder-missed' });
    provider.optOut('+447700900456');

    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 1, failed: 1 });
    expect(await action(org.id, id)).toMatchObject({ status: 'failed' });
    const contact = await database.db.selectFrom('contacts').select('opt_out_sms').where('org_id', '=', org.id).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(contact.opt_out_sms).toBe(true);
  });

  it('an SMS with no provider configured fails visibly instead of vanishing', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'SMS-3', kind: 'consumer' });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'SMS3'), { channel: 'sms', template: 'reminder-missed' });
    expect(await dispatchAll(database, { ...senders, sms: null }, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await action(org.id, id)).last_error).toMatch(/SMS is not configured/);
  });

  it("an agency's validation notice names the creditor, and is not sent until the creditor is known", async () => {
    const org = await makeSenderOrg(database, { role: 'agency' });
    const customer = await makeDebtor(database, org, { externalId: 'VAL-1', kind: 'consumer', country: 'US', timeZone: 'America/Chicago', language: 'en-US' });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'VAL1'), { channel: 'letter', template: 'validation-notice', tone: 'firm', stepName: 'Validation notice (Regulation F)' });
    // (the earlier test's SMS, due again by now, goes out in the same pass)
    expect(await dispatchAll(database, senders, '2026-11-23T16:00:00Z')).toMatchObject({ stopped: 1 });
    expect(await action(org.id, id)).toMatchObject({ status: 'blocked', rule: 'no-creditor' });

    await setCustomerCreditor(database.db, org.id, customer.id, 'Northwind Dental LLC', 'test', Temporal.Instant.from('2026-11-23T16:00:00Z'));
    await retrySend(database.db, org.id, id, 'test', Temporal.Instant.from('2026-11-23T16:00:00Z'));
    expect(await dispatchAll(database, senders, '2026-11-23T16:00:00Z')).toMatchObject({ claimed: 1, printed: 1 });
    const file = await database.db
      .selectFrom('communication_files')
      .innerJoin('communications', (join) => join.onRef('communications.org_id', '=', 'communication_files.org_id').onRef('communications.id', '=', 'communication_files.communication_id'))
      .select('communication_files.bytes')
      .where('communications.org_id', '=', org.id)
      .where('communications.action_id', '=', id)
      .executeTakeFirstOrThrow();
    const path = join(mkdtempSync(join(tmpdir(), 'arrears-validation-')), 'notice.pdf');
    writeFileSync(path, file.bytes);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Acme Supplies Ltd is a debt collector. We are trying to collect a debt that you owe to Northwind Dental LLC.');
  });

  it('renders a letter to PDF, keeps it with its hash, and puts the day’s letters in one batch to print', async () => {
    const org = await makeSenderOrg(database);
    const ids: bigint[] = [];
    for (const name of ['LET-1', 'LET-2']) {
      const customer = await makeDebtor(database, org, { externalId: name });
      ids.push(await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, name), { channel: 'letter', template: 'demand-letter', tone: 'firm', stepName: 'Formal demand' }));
    }
    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 2, printed: 2 });
    const copies = await database.db.selectFrom('communications').selectAll().where('org_id', '=', org.id).where('channel', '=', 'letter').orderBy('id').execute();
    // sent concurrently: recorded in either order
    expect(copies.map((c) => c.action_id).sort()).toEqual([...ids].sort());
    expect(copies.every((c) => c.transport === 'letter' && c.delivered === false)).toBe(true);

    const batch = await lettersBatch(database.db, org, '2026-11-23', 'test', Temporal.Instant.from('2026-11-23T17:00:00Z'));
    expect(batch.letters).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'arrears-letters-'));
    const file = join(dir, 'batch.pdf');
    writeFileSync(file, batch.pdf!);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // both customers' letters, each with its invoices and the ledger total (1,250.00 + 99.99)
    for (const name of ['LET-1', 'LET-2']) {
      expect(text).toContain(`${name}-1`);
      expect(text).toContain(`${name}-2`);
    }
    expect(text.split(formatAmount('en-GB', 1_349_99n, 'GBP')).length - 1).toBeGreaterThanOrEqual(2);
    // every letter starts on an odd page: the page count is even
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages % 2).toBe(0);
    // another day has no letters
    expect((await lettersBatch(database.db, org, '2026-11-22', 'test', Temporal.Instant.from('2026-11-23T17:00:00Z'))).letters).toBe(0);
  });
});
