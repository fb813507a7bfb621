// `arrears simulate` with a payment plan running: the days as the real cycle would live them,
// nobody paying — the reminder before each instalment, the instalment missed after its grace days
// (and its one reminder), the plan's default a second grace period later, and then a call and the
// case's next, firmer step. Nothing of it is kept.
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';
import { createPostgresDatabase, describeEachEngine } from '../support/engines.ts';
import { rmSync } from 'node:fs';

const fixtures = fileURLToPath(new URL('../fixtures/generic/', import.meta.url));
const timeout = 300_000;

interface Day {
  date: string;
  actions: Array<{ customerExternalId: string; step: string; stepName: string; tone: string; channel: string; kind: string; reason: string | null }>;
  planEvents: Array<{ customerExternalId: string; planId: string; kind: string; on: string; summary: string }>;
}

describeEachEngine('arrears simulate with a payment plan (CLI)', (engine) => {
  const data = tempDataDir();
  let drop = async () => {};
  let env: Record<string, string> = { ARREARS_NOW: '2026-11-23T10:00:00Z' };
  afterAll(async () => {
    await drop();
    rmSync(data, { recursive: true, force: true });
  });
  const ok = async (...args: string[]) => {
    const result = await runCli(['--data', data, ...args], env);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };

  it('shows the instalment reminders, the instalment missed, the default, and the call and firmer step after it', async () => {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase();
      drop = created.drop;
      env = { ...env, DATABASE_URL: created.url };
    }
    await ok('org', 'create', '--name', 'Northwind', '--currency', 'GBP', '--time-zone', 'Europe/London', '--country', 'GB', '--owner-email', 'owner@northwind.test');
    await ok('org', 'set', '--sender-name', 'Northwind Accounts', '--sender-email', 'accounts@northwind.test', '--address', '1 Quay Street', '--address', 'Bristol BS1 4DJ');
    for (const kind of ['customers', 'invoices']) await ok('import', kind, `${fixtures}${kind}.csv`);
    // Jane Whitfield's case has had its first, friendly reminder; then she agrees a plan of three monthly instalments from 10 December
    await ok('cycle', '--date', '2026-11-23');
    const id = /^Payment plan (\d+)/.exec(await ok('plan', 'propose', 'C-1003', '--invoices', 'INV-2026-0104', '--instalments', '3', '--first', '2026-12-10', '--every', 'month'))![1]!;
    await ok('plan', 'accept', id);

    const { days } = JSON.parse(await ok('simulate', '--from', '2026-11-24', '--to', '2026-12-22', '--json')) as { days: Day[] };
    const jane = days
      .map((day) => ({ date: day.date, actions: day.actions.filter((a) => a.customerExternalId === 'C-1003'), events: day.planEvents.filter((e) => e.customerExternalId === 'C-1003') }))
      .filter((day) => day.actions.length > 0 || day.events.length > 0);
    expect(jane.map((day) => [day.date, day.events.map((e) => e.kind), day.actions.map((a) => `${a.channel} ${a.stepName} (${a.tone})`)])).toEqual([
      // her invoice is not chased while the plan runs: only the reminder three days before the instalment
      ['2026-12-07', [], ['email Instalment reminder (friendly)']],
      // unpaid 5 days after its date: missed, and one reminder of it
      ['2026-12-16', ['plan_broken'], ['email Missed instalment reminder (friendly)']],
      // still unpaid a second grace period later: defaulted; a call, and the case resumes firmer than the friendly reminder it stood at
      ['2026-12-21', ['plan_defaulted'], ['call Call after a defaulted payment plan (firm)', 'email Firmer reminder (firm)']],
    ]);
    const defaulted = jane[2]!;
    expect(defaulted.events[0]).toMatchObject({ planId: id, on: '2026-12-21', summary: expect.stringMatching(new RegExp(`^Payment plan ${id} \\(£349\\.99\\) defaulted on 2026-12-21: instalment 1 of £116\\.66, due 2026-12-10, unpaid`)) });

    // the same days as text, each plan's news above the day's actions
    const text = await ok('simulate', '--from', '2026-12-16', '--to', '2026-12-21');
    expect(text).toContain(`2026-12-16\nC-1003: Payment plan ${id} (£349.99) broken on 2026-12-16: instalment 1 of £116.66, due 2026-12-10, unpaid after the 5-day grace period\n`);
    expect(text).toMatch(/2026-12-21\nC-1003: Payment plan \d+ \(£349\.99\) defaulted on 2026-12-21: [^\n]+\ncustomer +step/);
    expect(text).toMatch(/C-1003 +firm-reminder:defaulted-plan-call +firm +call/);
    expect(text).toMatch(/C-1003 +firm-reminder +firm +email/);

    // nothing was kept: the plan is still active, no instalment missed
    expect(JSON.parse(await ok('plan', 'show', id, '--json'))).toMatchObject({ status: 'active' });
  }, timeout);
});
