import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { createChannelSenders, orgEmailTransport } from '../../src/app/dispatch/channel-senders.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { client, createTestApp, expectProblem, makeApiOrg, makeUser, sessionClient, signIn, type ApiOrg } from './support.ts';

describeEachEngine('HTTP org settings', (engine) => {
  let database: Database;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  it('reads the payment instructions and letterhead; an owner changes them, nobody else', async () => {
    const app = createTestApp(database);
    const owner = client(app, org.keys.owner);
    const collector = client(app, org.keys.collector);
    expect((await collector.get('/api/v1/org/settings')).body).toMatchObject({ paymentInstructions: null, ownSmtpServer: false });

    const changed = await owner.patch('/api/v1/org/settings', { paymentInstructions: '  Sort code 20-00-00, account 55779911.  ', phone: '0117 496 0000' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ paymentInstructions: 'Sort code 20-00-00, account 55779911.', phone: '0117 496 0000' });
    const stored = await database.db.selectFrom('orgs').select('payment_instructions').where('id', '=', org.orgId).executeTakeFirstOrThrow();
    expect(stored.payment_instructions).toBe('Sort code 20-00-00, account 55779911.');

    expectProblem(await collector.patch('/api/v1/org/settings', { paymentInstructions: 'Pay me' }), 403, 'forbidden');
    expectProblem(await owner.patch('/api/v1/org/settings', { paymentInstructions: 'x'.repeat(650) }), 400, 'invalid_input');
    expect((await owner.patch('/api/v1/org/settings', { paymentInstructions: '' })).body.paymentInstructions).toBeNull();
  });
});

describeEachEngine('HTTP org settings: the SMTP server and its test email', (engine) => {
  let database: Database;
  let org: ApiOrg;
  let smtp: SmtpSink;
  const secretKey = Buffer.alloc(32, 7);
  beforeAll(async () => {
    [database, smtp] = await Promise.all([openTestDatabase(engine), startSmtpSink()]);
    org = await makeApiOrg(database);
    await makeUser(database, org.orgId, 'owner', 'boss@owner.example', 'boss-password-1');
    await makeUser(database, org.orgId, 'collector', 'cara@owner.example', 'cara-password-1');
  });
  afterAll(async () => {
    await smtp.close();
    await database.close();
  });

  it('an owner sets the SMTP server (its password sealed, never shown) and sends themselves a test email through it', async () => {
    // as the server wires it: the organisation's own server, else SMTP_URL (none here)
    const senders = createChannelSenders({ smtpUrl: undefined, dataDir: '/nonexistent', sms: null, secretKey });
    const app = createTestApp(database, undefined, null, { orgMail: orgEmailTransport(senders, { smtpUrl: undefined }), secretKey });
    const owner = sessionClient(app, await signIn(app, 'boss@owner.example', 'boss-password-1'));
    try {
      await owner.patch('/api/v1/org/settings', { senderName: 'Owner Accounts', senderEmail: 'accounts@owner.example' });
      const noSmtp = await owner.post('/api/v1/org/settings/test-email', {});
      expect(noSmtp.status, noSmtp.text).toBe(200);
      expect(noSmtp.body).toMatchObject({ sent: false, to: 'boss@owner.example', error: expect.stringMatching(/no SMTP server/) });

      const withPassword = smtp.url.replace('smtp://', 'smtp://mailer:s3cret-pass@');
      const set = await owner.patch('/api/v1/org/settings', { smtpUrl: withPassword });
      expect(set.status, set.text).toBe(200);
      expect(set.body).toMatchObject({ ownSmtpServer: true, smtpServer: smtp.url.replace('smtp://', 'smtp://mailer@') });
      expect(set.text).not.toContain('s3cret-pass');
      const stored = await database.db.selectFrom('orgs').select('smtp_url').where('id', '=', org.orgId).executeTakeFirstOrThrow();
      expect(stored.smtp_url).not.toContain('s3cret-pass');

      // the sink takes no AUTH over plain text: the server's own error comes back
      const refused = await owner.post('/api/v1/org/settings/test-email', {});
      expect(refused.body).toMatchObject({ sent: false, to: 'boss@owner.example', serverReply: null });
      expect(refused.body.error).toMatch(/535/);

      await owner.patch('/api/v1/org/settings', { smtpUrl: smtp.url });
      const sent = await owner.post('/api/v1/org/settings/test-email', {});
      expect(sent.body).toMatchObject({ sent: true, to: 'boss@owner.example', error: null });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect([mail.to].flat().flatMap((to) => to!.value.map((a) => a.address))).toEqual(['boss@owner.example']);
      expect(mail.from?.value[0]).toMatchObject({ name: 'Owner Accounts', address: 'accounts@owner.example' });

      smtp.refuse.set('boss@owner.example', 550);
      const bounced = await owner.post('/api/v1/org/settings/test-email', {});
      expect(bounced.body).toMatchObject({ sent: false, error: expect.stringMatching(/mailbox unavailable/) });
      smtp.refuse.clear();

      expect((await owner.patch('/api/v1/org/settings', { smtpUrl: null })).body).toMatchObject({ ownSmtpServer: false, smtpServer: null });
      expectProblem(await owner.patch('/api/v1/org/settings', { smtpUrl: 'http://mail.example' }), 400, 'invalid_input');
    } finally {
      senders.close();
    }
  });

  it('only a signed-in owner sends a test email or sets the server', async () => {
    const app = createTestApp(database, undefined, null, { secretKey });
    const collector = sessionClient(app, await signIn(app, 'cara@owner.example', 'cara-password-1'));
    expectProblem(await collector.post('/api/v1/org/settings/test-email', {}), 403, 'forbidden');
    expectProblem(await collector.patch('/api/v1/org/settings', { smtpUrl: 'smtp://evil.example' }), 403, 'forbidden');
    expectProblem(await client(app, org.keys.viewer).post('/api/v1/org/settings/test-email', {}), 403, 'forbidden');
    // an API key, even an owner's, has no address to send to
    const byKey = expectProblem(await client(app, org.keys.owner).post('/api/v1/org/settings/test-email', {}), 400, 'invalid_input');
    expect(byKey.detail).toMatch(/sign in/);
  });
});
