// The charges and rates commands as a user runs them, on the embedded database.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';

describe('arrears charges / rates (CLI, embedded database)', () => {
  it('sets a policy, previews charges with their calculation, and uses an added reference rate', async () => {
    const data = tempDataDir();
    const cli = (...args: string[]) => runCli(['--data', data, ...args]);
    expect((await cli('org', 'create', '--name', 'Charges Co', '--currency', 'GBP', '--time-zone', 'Europe/London', '--owner-email', 'o@charges.co')).code).toBe(0);
    const file = join(data, 'invoices.csv');
    // £10,000 due 2026-01-31, £4,000 paid on 2026-03-02: the example of docs/charges.md
    writeFileSync(file, 'Invoice Number,Customer ID,Customer,Invoice Date,Due Date,Currency,Total,Amount Paid,Paid Date\nINV-1,C-1,Acme Ltd,2026-01-01,2026-01-31,GBP,10000.00,4000.00,2026-03-02\n');
    expect((await cli('import', 'invoices', file)).code).toBe(0);

    const bad = await cli('charges', 'policy', 'set', '{"type":"late_fee"}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the charge policy is not valid: .*types: none, fixed_fee/);
    const set = await cli('charges', 'policy', 'set', '{"type":"uk_late_payment"}');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/The organisation now charges: UK Late Payment/);

    const json = await cli('charges', 'preview', 'C-1', '--date', '2026-04-30', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ total: { GBP: 30925 }, charges: [{ kind: 'interest', amount: 20925 }, { kind: 'compensation', amount: 10000 }] });
    const text = await cli('charges', 'preview', 'C-1', '--date', '2026-04-30');
    expect(text.stdout).toMatch(/2026-02-01 +2026-03-01 +29 +10000\.00 +11\.75 +93\.35616438\n/);
    expect(text.stdout).toContain('accrued 209.25 (exactly 209.24657534, rounded once, half-up) − already charged 0.00 = 209.25');
    expect(text.stdout).toContain('Nothing was written (preview).');

    const wrongDay = await cli('rates', 'add', '--scheme', 'uk_late_payment', '--from', '2026-03-01', '--rate', '4', '--source', 'x');
    expect(wrongDay.code).toBe(2);
    expect(wrongDay.stderr).toMatch(/--from must be 1 January or 1 July/);
    const added = await cli('rates', 'add', '--scheme', 'uk_late_payment', '--from', '2026-01-01', '--rate', '4.00', '--source', 'our own figure');
    expect(added.stdout).toBe('uk_late_payment: 4.00% for the half-year from 2026-01-01 (statutory rate 12%). It takes the place of the shipped 3.75%.\n');
    const again = JSON.parse((await cli('charges', 'preview', 'C-1', '--date', '2026-04-30', '--json')).stdout) as { total: { GBP: number } };
    expect(again.total.GBP).toBe(21370 + 10000);

    const show = await cli('charges', 'policy', 'show', '--customer', 'C-1');
    expect(show.stdout).toMatch(/applies: UK Late Payment .*\(organisation's policy\)/);
  }, 180_000);
});
