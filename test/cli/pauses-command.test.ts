// `arrears hold`, `arrears dispute` and `arrears promise` as a user runs them: output, the
// timeline, and exit codes (0 ok, 2 invalid input, 4 not found, 5 conflict).
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';
import { createPostgresDatabase, describeEachEngine } from '../support/engines.ts';

const invoices = fileURLToPath(new URL('../fixtures/generic/invoices.csv', import.meta.url));
// Today is 2026-11-23 in Europe/London.
const env = { ARREARS_NOW: '2026-11-23T10:00:00Z' };
// Each command is a new process opening the database: seconds apiece on a busy machine.
const timeout = 180_000;

describeEachEngine('arrears hold | dispute | promise (CLI)', (engine) => {
  const data = tempDataDir();
  let drop = async () => {};
  afterAll(async () => {
    await drop();
    rmSync(data, { recursive: true, force: true });
  });

  /** Runs the command on this engine's database: the data directory, or a fresh PostgreSQL database. */
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
    // before any organisation exists, the cycle says so rather than printing nothing
    const empty = await cli('cycle');
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/^There is no organisation yet, so there is nothing to run\. Create one with `arrears org create/);
    expect((await cli('org', 'create', '--name', 'X', '--currency', 'GBP', '--time-zone', 'Europe/London', '--owner-email', 'a@b.co')).code).toBe(0);
    expect((await cli('import', 'invoices', invoices)).code).toBe(0);
  }, timeout);

  it('holds a customer until a date, lists it, and releases it', async () => {
    const placed = await cli('hold', 'C-1001', '--reason', 'waiting for their insurer', '--until', '2026-12-31');
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.stdout).toMatch(/^Hold (\d+): Acme Widgets Ltd \(C-1001\) is on hold until 2026-12-31 \(inclusive\): waiting for their insurer\. It is not chased meanwhile\.\n$/);
    const id = /^Hold (\d+)/.exec(placed.stdout)![1]!;

    const listed = await json('hold', 'list');
    expect(listed).toEqual([
      expect.objectContaining({ id, customer: expect.objectContaining({ externalId: 'C-1001' }), invoice: null, endsOn: '2026-12-31', active: true, createdBy: expect.stringMatching(/^cli/) }),
    ]);

    const released = await cli('hold', 'release', id);
    expect(released.code, released.stderr).toBe(0);
    expect(released.stdout).toBe(`Hold ${id} released: collection of Acme Widgets Ltd (C-1001) resumes today (2026-11-23).\n`);

    const again = await cli('hold', 'release', id);
    expect(again.code).toBe(5);
    expect(again.stderr).toBe(`arrears: hold ${id} was already released on 2026-11-23\n`);
    const past = await cli('hold', 'C-1001', '--reason', 'x', '--until', '2026-11-01');
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/cannot end on 2026-11-01, before today \(2026-11-23\)/);
  }, timeout);

  it('opens a partial dispute typed as a decimal, and resolves it with the ledger notice', async () => {
    const tooPrecise = await cli('dispute', 'open', 'INV-2026-0102', '--reason-code', 'quality', '--reason', 'scratched', '--amount', '100.505');
    expect(tooPrecise.code).toBe(2);
    expect(tooPrecise.stderr).toBe('arrears: --amount "100.505" has 3 decimals but GBP has 2; write it with at most 2 decimals\n');

    const opened = await cli('dispute', 'open', 'INV-2026-0102', '--reason-code', 'quality', '--reason', 'scratched', '--amount', '100.50');
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toMatch(/^Dispute \d+ opened on invoice INV-2026-0102 of Acme Widgets Ltd \(C-1001\): £100\.50 disputed \(quality\)\. It is not chased while the dispute is open\.\n$/);

    expect(await json('dispute', 'list', '--status', 'open')).toEqual([expect.objectContaining({ amount: 10050, reasonCode: 'quality', invoice: expect.objectContaining({ number: 'INV-2026-0102', balance: 65050 }) })]);
    const resolved = await cli('dispute', 'resolve', 'INV-2026-0102', '--outcome', 'partially_upheld', '--resolution', 'credit for the scratch');
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(resolved.stdout).toMatch(/resolved \(partially upheld\)\.\nResolving the dispute does not change the ledger: invoice INV-2026-0102 still has a balance of £650\.50, .*Record a credit note for the part upheld/);
    const none = await cli('dispute', 'resolve', 'INV-2026-0102', '--outcome', 'upheld', '--resolution', 'x');
    expect(none.code).toBe(4);
    expect(none.stderr).toBe('arrears: invoice INV-2026-0102 has no open dispute; `arrears dispute list` shows the disputes\n');
  }, timeout);

  it('records a promise, supersedes it with another, and cancels that', async () => {
    const first = await cli('promise', 'C-1001', '--amount', '250.00', '--currency', 'GBP', '--date', '2026-12-01', '--note', 'after payday');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Promise \d+: Acme Widgets Ltd \(C-1001\) promised to pay £250\.00 by 2026-12-01\. They are not chased while it is pending\.\n$/);
    const second = await json('promise', 'C-1001', '--amount', '300', '--date', '2026-12-04');
    expect(second).toMatchObject({ amount: 30000, currency: 'GBP', status: 'pending', dueOn: '2026-12-04', superseded: { status: 'cancelled', amount: 25000 } });

    const tooFar = await cli('promise', 'C-1001', '--amount', '300', '--date', '2027-03-01');
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toMatch(/more than 90 days ahead; promise a date by 2027-02-21/);

    const cancelled = await cli('promise', 'cancel', second.id, '--reason', 'withdrawn');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toBe(`Promise ${second.id} of Acme Widgets Ltd (C-1001) cancelled; they are chased again from the next cycle.\n`);
  }, timeout);
});
