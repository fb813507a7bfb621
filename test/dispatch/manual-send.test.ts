// A message a person sends by hand goes through the same contact rules: after a cease request
// only the three notices the law allows (15 U.S.C. § 1692c(c)) can be sent, and they are.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { sendMessage } from '../../src/app/outbox/send-message.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { dispatchAll, makeDebtor, makeSenderOrg, overdueInvoices } from '../support/outbox-fixtures.ts';

describeEachEngine('messages sent by hand', (engine) => {
  let database: Database;
  let senders: ChannelSenders;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    senders = { email: createEmailTransport({ outboxDir: mkdtempSync(join(tmpdir(), 'arrears-manual-')) }), sms: null };
  });
  afterAll(() => database.close());

  it('after a cease request refuses a reminder but sends the notice that collection efforts have ended', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'CEASE-1', kind: 'consumer' });
    await overdueInvoices(database, org, customer.id, 'CEASE1');
    await database.db.updateTable('customers').set({ cease_requested_on: '2026-11-20' }).where('org_id', '=', org.id).where('id', '=', customer.id).execute();
    const now = Temporal.Instant.from('2026-11-23T11:00:00Z');

    await expect(sendMessage(database.db, org, { customerId: customer.id, template: 'firm-reminder', channel: 'email', actor: 'test', now })).rejects.toThrow(/cease-communication/);
    const queued = await sendMessage(database.db, org, { customerId: customer.id, template: 'cease-efforts-end', channel: 'letter', actor: 'test', now });
    expect(queued).toMatchObject({ status: 'ready', kind: 'send', channel: 'letter', template: 'cease-efforts-end' });

    expect(await dispatchAll(database, senders, now.toString())).toMatchObject({ claimed: 1, printed: 1 });
    const copy = await database.db.selectFrom('communications').selectAll().where('org_id', '=', org.id).where('action_id', '=', queued.id).executeTakeFirstOrThrow();
    expect(copy.body_text).toMatch(/efforts to collect the balance of £1,349\.99 from you have ended/);
  });

  it('defers a message to a consumer at night to the first allowed moment, and refuses a template on a channel it does not have', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'NIGHT-1', kind: 'consumer' });
    await overdueInvoices(database, org, customer.id, 'NIGHT1');
    // 22:30 in London
    const queued = await sendMessage(database.db, org, { customerId: customer.id, template: 'follow-up', channel: 'email', actor: 'test', now: Temporal.Instant.from('2026-11-23T22:30:00Z') });
    expect(queued.status).toBe('deferred');
    expect(new Date(queued.due_at).toISOString()).toBe('2026-11-24T08:00:00.000Z');
    await expect(sendMessage(database.db, org, { customerId: customer.id, template: 'demand-letter', channel: 'sms', actor: 'test', now: Temporal.Instant.from('2026-11-23T12:00:00Z') })).rejects.toThrow(/sent by letter or email/);
  });
});
