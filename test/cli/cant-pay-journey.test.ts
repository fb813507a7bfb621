// A customer who cannot pay, through the real `arrears` commands, the clock moved with ARREARS_NOW
// and the emails sent to a real SMTP server: on the call the collector records "can't pay" → the
// next cycle sends a payment plan offer → a 3-instalment plan is proposed and accepted → a
// reminder before the first instalment → the first is paid (a payments import) and its receipt
// sent → the second is missed → one reminder of it → the plan defaults → the cycle plans a call
// and the case's next, firmer step.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';
import { createPostgresDatabase, describeEachEngine } from '../support/engines.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const fixtures = fileURLToPath(new URL('../fixtures/generic/', import.meta.url));
// many commands each (a process apiece): generous on a loaded machine
const timeout = 600_000;
const jane = 'jane.whitfield@example.com';

interface OutboxRow {
  id: string;
  customerExternalId: string;
  step: string;
  stepName: string;
  status: string;
  channel: string;
}

describeEachEngine("a customer who can't pay: from the call to a payment plan's default (CLI)", (engine) => {
  const data = tempDataDir();
  const files = mkdtempSync(join(tmpdir(), 'arrears-cant-pay-'));
  let smtp: SmtpSink;
  let drop = async () => {};
  let env: Record<string, string> = {};
  let id = '';
  beforeAll(async () => {
    smtp = await startSmtpSink();
    env = { SMTP_URL: smtp.url };
  });
  afterAll(async () => {
    await smtp.close();
    await drop();
    rmSync(data, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  /** Runs a command on a day (10:00 in London). */
  const on = (day: string, ...args: string[]) => runCli(['--data', data, ...args], { ...env, ARREARS_NOW: `${day}T10:00:00Z` });
  const ok = async (day: string, ...args: string[]) => {
    const result = await on(day, ...args);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  const json = async (day: string, ...args: string[]) => JSON.parse(await ok(day, ...args, '--json'));
  const cycle = (day: string) => ok(day, 'cycle', '--date', day);
  const dispatch = (day: string) => ok(day, 'dispatch', '--once');
  /** The emails Jane Whitfield received, by subject. */
  const toJane = () => smtp.received.filter((mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null) === jane).map((mail) => mail.subject);
  const janesSends = async (day: string): Promise<OutboxRow[]> => ((await json(day, 'outbox', 'list')) as OutboxRow[]).filter((row) => row.customerExternalId === 'C-1003');

  it('records "can\'t pay" on the call the playbook planned, and the next cycle sends a payment plan offer', async () => {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase();
      drop = created.drop;
      env = { ...env, DATABASE_URL: created.url };
    }
    const start = '2026-11-23';
    await ok(start, 'org', 'create', '--name', 'Northwind', '--currency', 'GBP', '--time-zone', 'Europe/London', '--country', 'GB', '--owner-email', 'owner@northwind.test');
    await ok(start, 'org', 'set', '--sender-name', 'Northwind Accounts', '--sender-email', 'accounts@northwind.test', '--address', '1 Quay Street', '--address', 'Bristol BS1 4DJ');
    for (const kind of ['customers', 'invoices']) await ok(start, 'import', kind, join(fixtures, `${kind}.csv`));
    // Jane Whitfield owes £349.99 on INV-2026-0104; her playbook calls early (3 days after the first reminder)
    await ok(start, 'customer', 'playbook', 'C-1003', 'tight');
    await cycle(start);
    await dispatch(start);
    expect(toJane()).toHaveLength(1);

    await cycle('2026-11-26');
    const tasks = (await json('2026-11-26', 'task', 'list')) as Array<{ id: string; kind: string; customer: { externalId: string } }>;
    const call = tasks.find((task) => task.customer.externalId === 'C-1003' && task.kind === 'call');
    expect(call, JSON.stringify(tasks)).toBeDefined();
    const outcome = await json('2026-11-26', 'task', 'outcome', call!.id, 'cant_pay', '--note', 'lost her job; can pay a little each month');
    expect(outcome).toMatchObject({ actionId: call!.id, outcome: 'cant_pay' });

    // the sympathetic path: the next cycle plans the plan offer (and nothing firmer), the dispatcher sends it
    const report = await json('2026-11-27', 'cycle', '--date', '2026-11-27');
    const planned = (report.actions as Array<{ customerExternalId: string; stepName: string; template?: string; tone: string; channel: string }>).filter((a) => a.customerExternalId === 'C-1003');
    expect(planned.map((a) => [a.stepName, a.channel, a.tone])).toEqual([['Payment plan offer', 'email', 'friendly']]);
    await dispatch('2026-11-27');
    expect((await janesSends('2026-11-27')).map((row) => [row.stepName, row.status])).toContainEqual(['Payment plan offer', 'sent']);
    const offer = smtp.received.find((mail) => mail.subject === 'A payment plan for the £349.99 on your account');
    expect(offer, JSON.stringify(toJane())).toBeDefined();
    expect(offer!.text).toContain('We can spread this over a payment plan.');
  }, timeout);

  it('proposes and accepts a 3-instalment plan, and sends a reminder before the first instalment', async () => {
    // she replies to the offer: three monthly instalments from 10 December, £116.66, £116.66, £116.67
    const proposed = await ok('2026-11-30', 'plan', 'propose', 'C-1003', '--invoices', 'INV-2026-0104', '--instalments', '3', '--first', '2026-12-10', '--every', 'month');
    id = /^Payment plan (\d+)/.exec(proposed)![1]!;
    await ok('2026-11-30', 'plan', 'accept', id);
    const plan = await json('2026-11-30', 'plan', 'show', id);
    expect(plan.status).toBe('active');
    expect(plan.instalments.map((i: { dueOn: string; amount: number }) => [i.dueOn, i.amount])).toEqual([
      ['2026-12-10', 11666],
      ['2027-01-10', 11666],
      ['2027-02-10', 11667],
    ]);

    // three days before the first instalment: its reminder, sent once
    await cycle('2026-12-07');
    await cycle('2026-12-08');
    await dispatch('2026-12-08');
    expect(toJane().filter((subject) => subject?.startsWith('Instalment 1 of your payment plan'))).toEqual(['Instalment 1 of your payment plan: £116.66 due on 10 December 2026']);
  }, timeout);

  it('sends a receipt when the first instalment is paid', async () => {
    // the first instalment paid (the accounting system's payments export): a receipt
    const payments = join(files, 'payments.csv');
    writeFileSync(payments, 'Payment ID,Customer ID,Payment Date,Amount,Currency,Invoice Number,Method,Reference\nPAY-9001,C-1003,2026-12-09,116.66,GBP,INV-2026-0104,bank transfer,PLAN 1\n');
    await ok('2026-12-09', 'import', 'payments', payments);
    await cycle('2026-12-10');
    await dispatch('2026-12-10');
    expect((await json('2026-12-10', 'plan', 'show', id)).instalments[0]).toMatchObject({ paid: 11666, status: 'paid' });
    expect(toJane()).toContain('Thank you: instalment 1 of your payment plan is paid');
  }, timeout);

  it('reminds once of the missed second instalment, and puts every message on the timeline', async () => {
    // the second is not paid: its reminder; missed after the 5 grace days: one reminder of it
    for (const day of ['2027-01-07', '2027-01-16', '2027-01-17']) {
      await cycle(day);
      await dispatch(day);
    }
    expect((await janesSends('2027-01-17')).filter((row) => /instalment/i.test(row.stepName)).map((row) => [row.stepName, row.status])).toEqual([
      ['Instalment reminder', 'sent'],
      ['Instalment receipt', 'sent'],
      ['Instalment reminder', 'sent'],
      ['Missed instalment reminder', 'sent'],
    ]);
    expect((await json('2027-01-17', 'plan', 'show', id)).status).toBe('broken');

    // on the timeline, with the exact copy of each message, and the path the call put her on
    const exported = join(files, 'jane.json');
    await ok('2027-01-17', 'customer', 'export', 'C-1003', '--out', exported);
    const document = JSON.parse(readFileSync(exported, 'utf8')) as { data: { activities: Array<{ kind: string; summary: string }>; communications: Array<{ subject: string; body_text: string }> } };
    const summaries = document.data.activities.map((a) => a.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Path: sympathetic, because call outcome "cannot pay now/),
        expect.stringMatching(/^Email "Payment plan offer"/),
        expect.stringMatching(/^Email "Instalment receipt"/),
        expect.stringMatching(/^Email "Missed instalment reminder"/),
        expect.stringMatching(new RegExp(`^Payment plan ${id} \\(£349\\.99\\) broken on 2027-01-16`)),
      ]),
    );
    const receipt = document.data.communications.find((c) => c.subject === 'Thank you: instalment 1 of your payment plan is paid')!;
    expect(receipt.body_text).toContain('£233.33 is left to pay on the plan. The next instalment, £116.66, is due on 10 January 2027.');
    const missed = document.data.communications.find((c) => c.subject === 'Instalment 2 of your payment plan has not been paid')!;
    expect(missed.body_text).toContain('£116.66 of it is still unpaid');
    expect(toJane().filter((subject) => subject === 'Instalment 2 of your payment plan has not been paid')).toHaveLength(1);
  }, timeout);

  it('defaults a second grace period later, and the cycle plans a call and the next, firmer step', async () => {
    const report = await json('2027-01-21', 'cycle', '--date', '2027-01-21');
    expect((await json('2027-01-21', 'plan', 'show', id)).status).toBe('defaulted');
    const planned = (report.actions as Array<{ customerExternalId: string; channel: string; kind: string; stepName: string; tone: string }>).filter((a) => a.customerExternalId === 'C-1003');
    // the case stood at the early call (friendly): it resumes at the tight playbook's firm reminder
    expect(planned.map((a) => [a.kind, a.channel, a.stepName, a.tone])).toEqual([
      ['task', 'call', 'Call after a defaulted payment plan', 'firm'],
      ['send', 'email', 'Firmer reminder', 'firm'],
    ]);
  }, timeout);
});
