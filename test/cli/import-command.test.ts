import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/generic/${name}`, import.meta.url));

describe('arrears import (CLI, embedded database)', () => {
  it('imports a file, reports problems with file and line, and exits non-zero on bad input', async () => {
    const data = tempDataDir();
    const created = await runCli(['--data', data, 'org', 'create', '--name', 'Cli Co', '--currency', 'GBP', '--time-zone', 'Europe/London', '--owner-email', 'o@cli.co', '--json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ slug: 'cli-co', apiKey: expect.stringMatching(/^arr_/) });

    const ok = await runCli(['--data', data, 'import', 'invoices', fixture('invoices.csv'), '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'completed', rows: 9, counts: { invoicesCreated: 8 } });

    const bad = join(data, 'bad.csv');
    writeFileSync(bad, 'Invoice Number,Customer,Invoice Date,Due Date,Total\nB-1,Acme,2026-13-01,2026-12-01,10.00\n');
    const rejected = await runCli(['--data', data, 'import', 'invoices', bad]);
    expect(rejected.code).toBe(3);
    expect(rejected.stdout).toContain('rejected: nothing was written');
    expect(rejected.stdout).toContain(`${bad}:2: column "Invoice Date", value "2026-13-01":`);

    const missing = await runCli(['--data', data, 'import', 'invoices', join(data, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv: no such file/);

    const wrongKind = await runCli(['--data', data, 'import', 'customers', fixture('customers.csv'), '--format', 'xero']);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toMatch(/the xero format has no customers import/);
  });
});
