// A payment plan's life through the real `arrears` commands, the clock moved with ARREARS_NOW:
// a 3-instalment plan is proposed and accepted → a reminder before the first instalment → the
// first is paid (a payments import) and its receipt sent → the second is missed → one reminder
// of it → the plan defaults → the cycle plans a call and a firmer step.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';
import { createPostgresDatabase, describeEachEngine } from '../support/engines.ts';

const fixtures = fileURLToPath(new URL('../fixtures/generic/', import.meta.url));
const timeout = 240_000;

interface OutboxRow {
  id: string;
  customerExternalId: string;
  step: string;
  stepName: string;
  status: string;
  channel: string;
}

describeEachEngine('a payment plan from proposal to default (CLI)', (engine) => {
  const data = tempDataDir();
  const files = mkdtempSync(join(tmpdir(), 'arrears-plan-journey-'));
  let drop = async () => {};
  let database: Record<string, string> = {};
  let id = '';
  afterAll(async () => {
    await drop();
    rmSync(data, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  /** Runs a command on a day (10:00 in London). */
  const on = (day: string, ...args: string[]) => runCli(['--data', data, ...args], { ...database, ARREARS_NOW: `${day}T10:00:00Z` });
  const json = async (day: string, ...args: string[]) => {
    const result = await on(day, ...args, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };
  const cycle = async (day: string) => expect((await on(day, 'cycle', '--date', day)).code).toBe(0);
  const dispatch = async (day: string) => expect((await on(day, 'dispatch', '--once')).code).toBe(0);
  /** Jane Whitfield's sends about her plan. */
  const planSends = async (day: string): Promise<OutboxRow[]> =>
    ((await json(day, 'outbox', 'list')) as OutboxRow[]).filter((row) => row.customerExternalId === 'C-1003' && row.stepName.match(/instalment/i));

  it('sends a reminder before the first instalment of an accepted plan', async () => {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase();
      drop = created.drop;
      database = { DATABASE_URL: created.url };
    }
    const start = '2026-11-23';
    expect((await on(start, 'org', 'create', '--name', 'Northwind', '--currency', 'GBP', '--time-zone', 'Europe/London', '--country', 'GB', '--owner-email', 'owner@northwind.test')).code).toBe(0);
    expect((await on(start, 'org', 'set', '--sender-name', 'Northwind Accounts', '--sender-email', 'accounts@northwind.test', '--address', '1 Quay Street', '--address', 'Bristol BS1 4DJ')).code).toBe(0);
    for (const kind of ['customers', 'invoices']) expect((await on(start, 'import', kind, join(fixtures, `${kind}.csv`))).code).toBe(0);

    // Jane Whitfield owes £349.99: three monthly instalments from 10 December, £116.66, £116.66, £116.67
    const proposed = await on(start, 'plan', 'propose', 'C-1003', '--invoices', 'INV-2026-0104', '--instalments', '3', '--first', '2026-12-10', '--every', 'month');
    expect(proposed.code, proposed.stderr).toBe(0);
    id = /^Payment plan (\d+)/.exec(proposed.stdout)![1]!;
    expect((await on(start, 'plan', 'accept', id)).code).toBe(0);

    // three days before the first instalment: its reminder, sent once
    await cycle('2026-12-07');
    await cycle('2026-12-08');
    await dispatch('2026-12-08');
  }, timeout);

  it('sends a receipt when the first instalment is paid', async () => {

    // the first instalment paid (the accounting system's payments export): a receipt
    const payments = join(files, 'payments.csv');
    writeFileSync(payments, 'Payment ID,Customer ID,Payment Date,Amount,Currency,Invoice Number,Method,Reference\nPAY-9001,C-1003,2026-12-09,116.66,GBP,INV-2026-0104,bank transfer,PLAN 1\n');
    expect((await on('2026-12-09', 'import', 'payments', payments)).code).toBe(0);
    await cycle('2026-12-10');
    await dispatch('2026-12-10');
  }, timeout);

  it('reminds once of the missed second instalment, and puts every message on the timeline', async () => {
    // the second is not paid: its reminder; missed after the 5 grace days: one reminder of it
    for (const day of ['2027-01-07', '2027-01-16']) {
      await cycle(day);
      await dispatch(day);
    }
    await cycle('2027-01-17');
    expect((await planSends('2027-01-17')).map((row) => [row.stepName, row.status])).toEqual([
      ['Instalment reminder', 'written'],
      ['Instalment receipt', 'written'],
      ['Instalment reminder', 'written'],
      ['Missed instalment reminder', 'written'],
    ]);

    // on the timeline, with the exact copy of each message
    const exported = join(files, 'jane.json');
    expect((await on('2027-01-17', 'customer', 'export', 'C-1003', '--out', exported)).code).toBe(0);
    const document = JSON.parse(readFileSync(exported, 'utf8')) as { data: { activities: Array<{ kind: string; summary: string }>; communications: Array<{ subject: string; body_text: string }> } };
    const summaries = document.data.activities.map((a) => a.summary);
    expect(summaries).toEqual(expect.arrayContaining([expect.stringMatching(/^Email "Instalment receipt"/), expect.stringMatching(/^Email "Missed instalment reminder"/), expect.stringMatching(new RegExp(`^Payment plan ${id} \\(£349\\.99\\) broken on 2027-01-16`))]));
    const receipt = document.data.communications.find((c) => c.subject === 'Thank you: instalment 1 of your payment plan is paid')!;
    expect(receipt.body_text).toContain('£233.33 is left to pay on the plan. The next instalment, £116.66, is due on 10 January 2027.');
    const missed = document.data.communications.find((c) => c.subject === 'Instalment 2 of your payment plan has not been paid')!;
    expect(missed.body_text).toContain('£116.66 of it is still unpaid');

  }, timeout);

  it('defaults a second grace period later, and the cycle plans a call and a firmer step', async () => {
    // still unpaid a second grace period later: the plan defaults, and the cycle plans a call and the firmer step
    const report = await json('2027-01-21', 'cycle', '--date', '2027-01-21');
    expect((await json('2027-01-21', 'plan', 'show', id)).status).toBe('defaulted');
    const jane = (report.actions as Array<{ customerExternalId: string; channel: string; kind: string; stepName: string; tone: string }>).filter((a) => a.customerExternalId === 'C-1003');
    expect(jane.map((a) => [a.kind, a.channel === 'call' ? 'call' : 'message'])).toEqual([
      ['task', 'call'],
      ['send', 'message'],
    ]);
    expect(jane[0]!.stepName).toBe('Call after a defaulted payment plan');
    expect(jane.some((a) => /instalment/i.test(a.stepName))).toBe(false);
  }, timeout);
});
