// `arrears contact-rules flags | check` as a user runs them: what is recorded, the answer to
// "may I contact them now?", and the exit codes.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';

const invoices = fileURLToPath(new URL('../fixtures/generic/invoices.csv', import.meta.url));
// 10:00 on 2026-11-23 in London
const env = { ARREARS_NOW: '2026-11-23T10:00:00Z' };
const timeout = 180_000;

describe('arrears contact-rules (CLI)', () => {
  const data = tempDataDir();
  afterAll(() => rmSync(data, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(['--data', data, ...args], env);

  it('records a cease request and then says no, naming the rule; bad input exits 2', async () => {
    expect((await cli('org', 'create', '--name', 'X', '--currency', 'GBP', '--time-zone', 'Europe/London', '--owner-email', 'a@b.co')).code).toBe(0);
    expect((await cli('import', 'invoices', invoices)).code).toBe(0);

    const before = await cli('contact-rules', 'check', 'C-1001', '--channel', 'email');
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain('You may email this customer now.');
    expect(before.stdout).toContain('one-message-per-day (Arrears policy');

    const flagged = await cli('contact-rules', 'flags', 'C-1001', '--cease-requested-on', '2026-11-20', '--reason', 'letter dated 2026-11-20', '--json');
    expect(flagged.code, flagged.stderr).toBe(0);
    expect(JSON.parse(flagged.stdout)).toMatchObject({ externalId: 'C-1001', ceaseRequestedOn: '2026-11-20' });

    const after = await cli('contact-rules', 'check', 'C-1001', '--channel', 'email', '--json');
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ answer: 'blocked', rule: 'cease-communication', allowedFrom: null });

    const bad = await cli('contact-rules', 'flags', 'C-1001', '--bankruptcy', 'maybe', '--reason', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--bankruptcy takes yes or no');
    expect((await cli('contact-rules', 'check', 'NOPE', '--channel', 'call')).code).toBe(4);
  }, timeout);
});
