// `arrears plan`, `arrears writeoff` and `arrears settlement` as a user runs them: output, JSON,
// and exit codes (0 ok, 2 invalid input, 4 not found, 5 conflict).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';
import { createPostgresDatabase, describeEachEngine } from '../support/engines.ts';

const invoices = fileURLToPath(new URL('../fixtures/generic/invoices.csv', import.meta.url));
// Today is 2026-11-23 in Europe/London.
const env = { ARREARS_NOW: '2026-11-23T10:00:00Z' };
const timeout = 180_000;

describeEachEngine('arrears plan | writeoff | settlement (CLI)', (engine) => {
  const data = tempDataDir();
  const files = mkdtempSync(join(tmpdir(), 'arrears-arrangements-'));
  let drop = async () => {};
  afterAll(async () => {
    await drop();
    rmSync(data, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  let extraEnv: Record<string, string> = env;
  const cli = (...args: string[]) => runCli(['--data', data, ...args], extraEnv);
  const json = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  it('sets up an organisation with the sample invoices', async () => {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase();
      drop = created.drop;
      extraEnv = { ...env, DATABASE_URL: created.url };
    }
    expect((await cli('org', 'create', '--name', 'X', '--currency', 'GBP', '--time-zone', 'Europe/London', '--owner-email', 'a@b.co')).code).toBe(0);
    expect((await cli('import', 'invoices', invoices)).code).toBe(0);
  }, timeout);

  it('proposes a plan of equal monthly instalments, accepts it, shows and lists it, and cancels it', async () => {
    const proposed = await cli('plan', 'propose', 'C-1001', '--invoices', 'INV-2026-0101,INV-2026-0102', '--down', '850.50', '--instalments', '3', '--first', '2027-01-31', '--every', 'month');
    expect(proposed.code, proposed.stderr).toBe(0);
    const id = /^Payment plan (\d+)/.exec(proposed.stdout)![1]!;
    expect(proposed.stdout).toContain(`Payment plan ${id} of Acme Widgets Ltd (C-1001): £4,850.50, proposed\n  invoices: INV-2026-0101, INV-2026-0102\n`);
    expect(proposed.stdout).toMatch(/down\s+2026-11-23\s+£850\.50\s+£0\.00\s+unpaid/);
    expect(proposed.stdout).toMatch(/2\s+2027-02-28\s+£1,333\.33/);
    expect(proposed.stdout).toMatch(/3\s+2027-03-31\s+£1,333\.34/);
    expect(proposed.stdout).toContain(`accept it with \`arrears plan accept ${id}\``);

    const accepted = await cli('plan', 'accept', id);
    expect(accepted.code, accepted.stderr).toBe(0);
    const shown = await json('plan', 'show', id);
    expect(shown).toMatchObject({ id, status: 'active', total: 485050, currency: 'GBP', acceptedOn: '2026-11-23', acceptedBy: expect.stringMatching(/^cli/) });
    expect(shown.instalments.map((i: { kind: string; amount: number; status: string }) => [i.kind, i.amount, i.status])).toEqual([
      ['down_payment', 85050, 'unpaid'],
      ['instalment', 133333, 'unpaid'],
      ['instalment', 133333, 'unpaid'],
      ['instalment', 133334, 'unpaid'],
    ]);
    expect((await json('plan', 'list', '--status', 'active')).map((p: { id: string }) => p.id)).toEqual([id]);

    const again = await cli('plan', 'accept', id);
    expect(again.code).toBe(5);
    expect(again.stderr).toBe(`arrears: payment plan ${id} is active; only a proposed plan can be accepted\n`);

    const cancelled = await cli('plan', 'cancel', id, '--reason', 'customer changed their mind');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toBe(`Payment plan ${id} of Acme Widgets Ltd (C-1001) cancelled; its invoices are chased again from the next cycle.\n`);
  }, timeout);

  it('takes a schedule typed by hand from a CSV file, and says what is wrong with a bad one', async () => {
    const good = join(files, 'schedule.csv');
    writeFileSync(good, 'date,amount\n2026-12-15,2000.00\n2027-01-15,890.00\n');
    const plan = await json('plan', 'propose', 'C-1002', '--invoices', 'INV-2026-0103', '--schedule', good);
    expect(plan.instalments.map((i: { dueOn: string; amount: number }) => [i.dueOn, i.amount])).toEqual([
      ['2026-12-15', 200000],
      ['2027-01-15', 89000],
    ]);
    expect(plan.withinPolicy).toBe(true);

    const bad = join(files, 'bad.csv');
    writeFileSync(bad, '2026-12-15,2000.00\n');
    const refused = await cli('plan', 'propose', 'C-1003', '--invoices', 'INV-2026-0104', '--schedule', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('arrears: the schedule adds up to £2,000.00 but the plan is for £349.99; make the rows add up exactly\n');
    const missing = await cli('plan', 'show', '999');
    expect(missing.code).toBe(4);
  }, timeout);

  it('writes an invoice off, exports the credit note for Xero, and reverses it', async () => {
    const done = await cli('writeoff', 'INV-2026-0104', '--reason-code', 'uncollectable', '--note', 'moved abroad');
    expect(done.code, done.stderr).toBe(0);
    const id = /^Write-off (\d+)/.exec(done.stdout)![1]!;
    expect(done.stdout).toBe(`Write-off ${id}: invoice INV-2026-0104 of Jane Whitfield (C-1003) written off, £349.99 (uncollectable). It is no longer chased or in the overdue figures; reverse it with \`arrears writeoff reverse ${id} --reason …\`.\n`);
    const out = join(files, 'credit-notes.csv');
    const exported = await cli('writeoff', 'export', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xero', '--account', '684', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toBe(`1 write-off(s) from 2026-11-01 to 2026-11-30 written to ${out} (xero).\n`);
    expect(readFileSync(out, 'utf8')).toContain(`Jane Whitfield,WO-${id},INV-2026-0104,23/11/2026,Write-off of invoice INV-2026-0104: uncollectable (moved abroad),1,349.99,684,Tax Exempt,GBP\r\n`);
    const noAccount = await cli('writeoff', 'export', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'quickbooks');
    expect(noAccount.code).toBe(2);
    const reversed = await cli('writeoff', 'reverse', id, '--reason', 'she paid');
    expect(reversed.code, reversed.stderr).toBe(0);
    expect((await json('writeoff', 'list'))[0]).toMatchObject({ id, reasonCode: 'uncollectable', reversedOn: '2026-11-23', reversalReason: 'she paid' });
  }, timeout);

  it('offers a settlement of 60%, which waits for an owner, approves it with a reason; paid in full, the rest is written off (settlement) and aging no longer shows the customer', async () => {
    const offered = await cli('settlement', 'offer', 'C-1001', '--percent', '60', '--expires', '2026-12-07');
    expect(offered.code, offered.stderr).toBe(0);
    const id = /^Settlement (\d+)/.exec(offered.stdout)![1]!;
    expect(offered.stdout).toBe(`Settlement ${id} of Acme Widgets Ltd (C-1001): £2,910.30 to settle £4,850.50 on INV-2026-0101, INV-2026-0102; waits for an owner's approval (\`arrears settlement approve ${id} --reason …\`).\n`);
    const noReason = await cli('settlement', 'approve', id);
    expect(noReason.code).toBe(2);
    const approved = await cli('settlement', 'approve', id, '--reason', 'better than court');
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain('on offer until 2026-12-07');
    expect(await json('settlement', 'list', '--status', 'offered')).toEqual([
      expect.objectContaining({ id, amount: 291030, owed: 485050, decisionReason: 'better than court', decidedBy: expect.stringMatching(/^cli/) }),
    ]);

    // paid in full before the expiry (the accounting system's payments export), the next cycle
    // writes the rest off with the reason settlement: nothing is owed and aging no longer shows it
    const later = { ...extraEnv, ARREARS_NOW: '2026-12-01T10:00:00Z' };
    const payments = join(files, 'settlement-payment.csv');
    writeFileSync(payments, 'Payment ID,Customer ID,Payment Date,Amount,Currency,Invoice Number,Method,Reference\nPAY-7001,C-1001,2026-11-30,2910.30,GBP,INV-2026-0101,bank transfer,SETTLEMENT\n');
    const imported = await runCli(['--data', data, 'import', 'payments', payments], later);
    expect(imported.code, imported.stderr).toBe(0);
    expect((await json('aging', '--as-of', '2026-11-30')).customers.map((c: { externalId: string }) => c.externalId)).toContain('C-1001');
    const cycled = await runCli(['--data', data, 'cycle', '--date', '2026-12-01', '--json'], later);
    expect(cycled.code, cycled.stderr).toBe(0);
    // writtenOff counts the invoices whose rest was written off: both
    expect(JSON.parse(cycled.stdout).summary.settlements).toEqual({ paid: 1, lapsed: 0, writtenOff: 2 });
    expect((await json('settlement', 'list')).find((s: { id: string }) => s.id === id)).toMatchObject({ status: 'paid', paidOn: '2026-11-30' });
    const writeOffs = ((await json('writeoff', 'list')) as Array<{ invoice: { number: string }; reasonCode: string; amount: number; settlementId: string | null; reversedOn: string | null }>).filter((w) => w.reasonCode === 'settlement');
    expect(writeOffs.map((w) => [w.invoice.number, w.amount, w.settlementId, w.reversedOn]).sort()).toEqual([
      ['INV-2026-0101', 128970, id, null],
      ['INV-2026-0102', 65050, id, null],
    ]);

    const exported = join(files, 'acme.json');
    expect((await runCli(['--data', data, 'customer', 'export', 'C-1001', '--out', exported], later)).code).toBe(0);
    const invoices = (JSON.parse(readFileSync(exported, 'utf8')) as { data: { invoices: Array<{ number: string; balance: number; status: string }> } }).data.invoices;
    // both invoices closed as written off (the ledger keeps what was given up, out of every owed figure): nothing open is owed
    expect(invoices.filter((i) => i.number !== 'INV-2026-0109').map((i) => [i.number, i.status]).sort()).toEqual([
      ['INV-2026-0101', 'written_off'],
      ['INV-2026-0102', 'written_off'],
    ]);
    expect(invoices.filter((i) => i.status === 'open').reduce((sum, i) => sum + i.balance, 0)).toBe(0);
    const aging = await runCli(['--data', data, 'aging', '--as-of', '2026-12-01', '--json'], later);
    expect(JSON.parse(aging.stdout).customers.map((c: { externalId: string }) => c.externalId)).not.toContain('C-1001');
  }, timeout);

  it('sets the arrangement policy with segments and shows the policy in force for each; refuses a bad segment naming it', async () => {
    const set = await cli('plan', 'policy', 'set', JSON.stringify({ planMinInstalment: { GBP: '25.00' }, segments: [{ conditions: { tagsAny: ['key-account'] }, planMaxMonths: 12, planAutoAccept: true }] }));
    expect(set.code, set.stderr).toBe(0);
    const shown = await cli('plan', 'policy');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Segment 1: tagged key-account\n  planMaxMonths*: 12\n  planMinInstalment: 25.00 GBP\n  planGraceDays: 5\n  planAutoAccept*: true\n');
    expect(shown.stdout).toContain("Every other customer (the organisation's policy)\n  planMaxMonths: 6\n  planMinInstalment: 25.00 GBP\n  planGraceDays: 5\n  planAutoAccept: false\n");
    expect((await json('plan', 'policy')).segments).toEqual([{ conditions: { tagsAny: ['key-account'] }, planMaxMonths: 12, planAutoAccept: true }]);
    const bad = await cli('plan', 'policy', 'set', JSON.stringify({ segments: [{ conditions: { tagsAny: ['a'] }, planGraceDays: 31 }] }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('segments[0].planGraceDays: ');
  }, timeout);
});
