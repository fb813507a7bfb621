// An organisation's SMTP password is stored only encrypted (AES-256-GCM, ARREARS_SECRET_KEY),
// refused without a key, and decrypted only to connect; a password stored in the clear before
// encryption existed keeps working.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createChannelSenders } from '../../src/app/dispatch/channel-senders.ts';
import { setOrgLetterhead } from '../../src/app/orgs/set-org-letterhead.ts';
import { parseSecretKey } from '../../src/config.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import type { EmailMessage } from '../../src/channels/email/email-message.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';

const password = 'p@ss:w0rd/with%odd chars';
const message: EmailMessage = { from: { name: 'Acme', address: 'billing@acme.test' }, replyTo: null, to: ['debtor@example.test'], subject: 'Hello', text: 'Hi', html: '<p>Hi</p>', messageId: '<m1@acme.test>', headers: {}, attachments: [] };

describeEachEngine('stored SMTP passwords', (engine) => {
  let database: Database;
  let org: Org;
  let server: SMTPServer;
  let port: number;
  const logins: Array<{ user: string; pass: string }> = [];
  const key = randomBytes(32);
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = (await makeOrg(database)).org;
    server = new SMTPServer({
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
        if (auth.password !== password) return callback(new Error('535 bad credentials'));
        callback(null, { user: auth.username });
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
  });

  const smtpUrl = () => `smtp://billing%40acme.test:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const stored = async () => (await database.db.selectFrom('orgs').select('smtp_url').where('id', '=', org.id).executeTakeFirstOrThrow()).smtp_url;
  const senders = (secretKey: Buffer | null) => createChannelSenders({ smtpUrl: undefined, dataDir: mkdtempSync(join(tmpdir(), 'arrears-secrets-')), sms: null, secretKey });

  it('refuses to store a password without ARREARS_SECRET_KEY, naming the variable', async () => {
    await expect(setOrgLetterhead(database.db, org, { smtpUrl: smtpUrl() })).rejects.toMatchObject({ code: 'not_configured', message: expect.stringContaining('ARREARS_SECRET_KEY') });
    expect(await stored()).toBeNull();
    // a server without a password needs no key
    await setOrgLetterhead(database.db, org, { smtpUrl: `smtp://127.0.0.1:${port}` });
    expect(await stored()).toBe(`smtp://127.0.0.1:${port}`);
  });

  it('stores the password encrypted and decrypts it only to connect', async () => {
    await setOrgLetterhead(database.db, org, { smtpUrl: smtpUrl() }, { secretKey: key });
    const url = (await stored())!;
    expect(url).not.toContain(encodeURIComponent(password));
    expect(url).not.toContain('w0rd');
    expect(url).toMatch(new RegExp(`^smtp://billing%40acme\\.test:enc1\\.[A-Za-z0-9_-]+@127\\.0\\.0\\.1:${port}$`));
    // two stores of the same password differ (a fresh IV each time)
    await setOrgLetterhead(database.db, org, { smtpUrl: smtpUrl() }, { secretKey: key });
    expect(await stored()).not.toBe(url);

    const withKey = senders(key);
    try {
      const result = await withKey.emailVia!((await stored())!).send(message);
      expect(result.delivered).toBe(true);
      expect(logins.at(-1)).toEqual({ user: 'billing@acme.test', pass: password });
    } finally {
      withKey.close();
    }
    // without the key, or with another one, the send fails saying what to set (then `outbox retry`)
    for (const secretKey of [null, randomBytes(32)]) {
      const other = senders(secretKey);
      try {
        expect(() => other.emailVia!(url)).toThrow(expect.objectContaining({ name: 'SendError', permanent: true, message: expect.stringMatching(/ARREARS_SECRET_KEY/) }));
      } finally {
        other.close();
      }
    }
  });

  it('still sends with a password stored in the clear before encryption existed', async () => {
    await database.db.updateTable('orgs').set({ smtp_url: smtpUrl() }).where('id', '=', org.id).execute();
    const legacy = senders(null);
    try {
      expect((await legacy.emailVia!((await stored())!).send(message)).delivered).toBe(true);
      expect(logins.at(-1)!.pass).toBe(password);
    } finally {
      legacy.close();
    }
  });

  it('reads ARREARS_SECRET_KEY as 32 bytes of base64 or hex, nothing else', () => {
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(parseSecretKey('correct horse battery staple')).toBeUndefined();
  });
});
