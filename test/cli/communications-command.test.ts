// The communications commands as a user runs them: set the sender, run the cycle, see the outbox,
// send it (`dispatch --once`) to an SMTP server, cancel and retry, preview and save templates,
// print the day's letters, and work a call task.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';
import { createPostgresDatabase, describeEachEngine } from '../support/engines.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const fixtures = fileURLToPath(new URL('../fixtures/generic/', import.meta.url));
const timeout = 180_000;

describeEachEngine('arrears dispatch | outbox | template | letters | task (CLI)', (engine) => {
  const data = tempDataDir();
  let smtp: SmtpSink;
  let drop = async () => {};
  let env: Record<string, string> = {};
  beforeAll(async () => {
    smtp = await startSmtpSink();
    // 18:00 in London, 10:00 in San Francisco: every send of the day is due
    env = { ARREARS_NOW: '2026-11-23T18:00:00Z', SMTP_URL: smtp.url };
  });
  afterAll(async () => {
    await smtp.close();
    await drop();
    rmSync(data, { recursive: true, force: true });
  });
  const cli = (...args: string[]) => runCli(['--data', data, ...args], env);
  const json = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  it('sets up an organisation with its sender details, customers and invoices, and runs the cycle', async () => {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase();
      drop = created.drop;
      env = { ...env, DATABASE_URL: created.url };
    }
    expect((await cli('org', 'create', '--name', 'Northwind', '--currency', 'GBP', '--time-zone', 'Europe/London', '--country', 'GB', '--owner-email', 'owner@northwind.test')).code).toBe(0);
    const sender = await json('org', 'set', '--sender-name', 'Northwind Accounts', '--sender-email', 'accounts@northwind.test', '--address', '1 Quay Street', '--address', 'Bristol BS1 4DJ', '--phone', '+44 117 496 0000');
    expect(sender).toMatchObject({ senderName: 'Northwind Accounts', senderEmail: 'accounts@northwind.test', postalAddress: ['1 Quay Street', 'Bristol BS1 4DJ'] });
    expect((await cli('org', 'set', '--sender-email', 'not-an-address')).code).toBe(2);
    for (const kind of ['customers', 'invoices']) expect((await cli('import', kind, join(fixtures, `${kind}.csv`))).code).toBe(0);
    expect((await cli('cycle', '--date', '2026-11-23')).code).toBe(0);
  }, timeout);

  it('lists the outbox, cancels one send, dispatches the rest over SMTP, retries the cancelled one, and sends a letter by hand', async () => {
    const ready = await json('outbox', 'list', '--status', 'ready');
    // the sample portfolio, never chased before: every overdue customer's case opens with the friendly email
    expect(ready.map((row: { customerExternalId: string; channel: string; step: string }) => `${row.customerExternalId}:${row.channel}`).sort()).toEqual([
      'C-1001:email',
      'C-1002:email',
      'C-1003:email',
      'C-1006:email',
    ]);
    const acme = ready.find((row: { customerExternalId: string }) => row.customerExternalId === 'C-1001');
    expect(await json('outbox', 'cancel', acme.id, '--reason', 'customer called to say it is paid')).toMatchObject({ id: acme.id, status: 'cancelled' });
    expect((await cli('outbox', 'cancel', acme.id, '--reason', 'again')).code).toBe(5);

    expect(await json('dispatch', '--once')).toMatchObject({ claimed: 3, sent: 3, failed: 0 });
    expect(smtp.received).toHaveLength(3);
    const mail = smtp.received.find((received) => (received.to && !Array.isArray(received.to) ? received.to.value[0]?.address : null) === 'billing@brightsidedental.com')!;
    expect(mail.from?.value[0]).toEqual({ name: 'Northwind Accounts', address: 'accounts@northwind.test' });
    const sent = (await json('outbox', 'list', '--status', 'sent')).find((row: { customerExternalId: string }) => row.customerExternalId === 'C-1002');
    expect(sent).toMatchObject({ customerExternalId: 'C-1002', messageId: mail.messageId, attempts: 1 });
    // nothing sent can be changed
    const late = await cli('outbox', 'cancel', sent.id, '--reason', 'too late');
    expect(late.code).toBe(5);
    expect(late.stderr).toMatch(/nothing sent can be changed/);

    // the email bounces later: the bounce message read from a file marks the address
    const dsn = join(data, 'bounce.eml');
    writeFileSync(dsn, `Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; billing@brightsidedental.com\nAction: failed\nStatus: 5.1.1\n\n--B\nContent-Type: text/rfc822-headers\n\nMessage-ID: ${mail.messageId}\n\n--B--\n`);
    expect(await json('outbox', 'bounce', '--dsn', dsn)).toMatchObject([{ address: 'billing@brightsidedental.com', permanent: true, contactsMarked: 1 }]);

    // a cancelled send can be retried (and cancelled again: the owner writes by post instead)
    expect(await json('outbox', 'retry', acme.id)).toMatchObject({ status: 'ready', attempts: 0 });
    expect(await json('outbox', 'cancel', acme.id, '--reason', 'writing by post instead')).toMatchObject({ status: 'cancelled' });
    expect((await cli('send', 'C-1001', '--template', 'final-notice', '--channel', 'letter')).code).toBe(0);
    expect(await json('dispatch', '--once')).toMatchObject({ claimed: 1, sent: 0, printed: 1 });
    expect(smtp.received).toHaveLength(3);
  }, timeout);

  it('previews a template for a real customer and refuses to save a version with a threat, then saves a clean one', async () => {
    // the external id, as every other command takes it
    const customerId = 'C-1001';
    const preview = await json('template', 'preview', 'firm-reminder', '--customer', customerId);
    expect(preview.template).toMatchObject({ name: 'firm-reminder', channel: 'email', origin: 'shipped', version: 0 });
    expect(preview.subject).toBeTruthy();
    expect(preview.text).toContain('INV-');

    const threat = join(data, 'threat.hbs');
    writeFileSync(threat, 'Subject: Pay now\n\nDear {{contact.greetingName}},\n\nPay {{total}} today or we will have you arrested.\n');
    const refused = await cli('template', 'save', 'firm-reminder', '--channel', 'email', '--language', 'en-GB', '--file', threat);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not saved/);
    expect(refused.stderr).toMatch(/arrested/);

    const clean = join(data, 'clean.hbs');
    writeFileSync(clean, 'Subject: Your account with {{org.name}}\n\nDear {{contact.greetingName}},\n\nOur records show {{total}} overdue:\n\n{{> invoice_table}}\n\nPlease pay by return, or call us if anything is wrong.\n');
    expect(await json('template', 'save', 'firm-reminder', '--channel', 'email', '--language', 'en-GB', '--file', clean)).toMatchObject({ name: 'firm-reminder', version: 1 });
    const own = await json('template', 'preview', 'firm-reminder', '--customer', customerId, '--language', 'en-GB');
    expect(own.template).toMatchObject({ origin: 'organisation', version: 1 });
    expect(own.subject).toBe('Your account with Northwind');
    expect(own.text).toContain('Please pay by return');
    expect(await json('template', 'versions', 'firm-reminder')).toHaveLength(1);
  }, timeout);

  it("prints the day's letters as one PDF", async () => {
    const out = join(data, 'letters.pdf');
    expect(await json('letters', 'batch', '--date', '2026-11-23', '--out', out)).toMatchObject({ letters: 1, out });
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    // the final notice to Acme Widgets, from Northwind's letterhead, with its invoices
    expect(text).toContain('1 Quay Street');
    expect(text).toContain('Acme Widgets Ltd');
    expect(text).toContain('INV-2026-0101');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(await json('letters', 'batch', '--date', '2026-11-22', '--out', out)).toMatchObject({ letters: 0, out: null });
  }, timeout);

  it('marks the printed letters of a batch posted once someone confirms it went in the post', async () => {
    const [printed] = await json('outbox', 'list', '--status', 'printed');
    expect(printed).toMatchObject({ customerExternalId: 'C-1001', channel: 'letter', status: 'printed' });
    const confirmed = await cli('letters', 'posted', '--date', '2026-11-23');
    expect(confirmed.stdout).toBe('1 letter(s) of 2026-11-23 marked posted.\n');
    expect(await json('outbox', 'list', '--status', 'posted')).toMatchObject([{ id: printed.id, status: 'posted' }]);
    expect(await json('outbox', 'list', '--status', 'printed')).toEqual([]);
    expect(await json('letters', 'posted', '--date', '2026-11-23')).toMatchObject({ posted: 0 });
  }, timeout);

  it('keeps the paper size as an organisation setting', async () => {
    expect(await json('org', 'set', '--paper-size', 'letter')).toMatchObject({ paperSize: 'Letter' });
    expect((await cli('org', 'set', '--paper-size', 'B5')).code).toBe(2);
    expect(await json('org', 'set', '--paper-size', 'A4')).toMatchObject({ paperSize: 'A4' });
  }, timeout);
});
