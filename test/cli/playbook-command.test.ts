import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';

const invalidYaml = `name: mine
steps:
  - key: reminder
    name: Reminder
    offsetDays: 3
    tone: firm
    channels: [email]
    template: firm-reminder
  - key: soft
    name: Soft
    offsetDays: 2
    tone: friendly
    channels: [sms]
    template: reminder-mised
`;

const validJson = {
  name: 'mine',
  description: 'Ours',
  steps: [
    { key: 'reminder', name: 'Reminder', offsetDays: 3, tone: 'friendly', channels: ['email', 'letter'], template: 'reminder-missed' },
    { key: 'firm', name: 'Firm', offsetDays: 10, tone: 'firm', channels: ['letter'], template: 'firm-reminder' },
  ],
};

describe('arrears playbook (CLI, embedded database)', () => {
  it('refuses an invalid file with each problem’s path (exit 2), stores a valid one, and re-imports its YAML export unchanged', async () => {
    const data = tempDataDir();
    const cli = (...args: string[]) => runCli(['--data', data, ...args]);
    expect((await cli('org', 'create', '--name', 'Cli Co', '--owner-email', 'o@cli.co')).code).toBe(0);

    const bad = join(data, 'bad.yaml');
    writeFileSync(bad, invalidYaml);
    const rejected = await cli('playbook', 'import', bad);
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toContain(`${bad} was not imported: 4 problems to change.`);
    expect(rejected.stdout).toMatch(/^ {2}steps\[0\]\.tone: step "reminder" \(steps\[0\]\) is the first message of every case, which is always friendly/m);
    expect(rejected.stdout).toMatch(/^ {2}steps\[1\]\.template: there is no template "reminder-mised"; templates for sms: reminder-missed, follow-up, firm-reminder$/m);
    expect(rejected.stdout).toMatch(/^ {2}steps\[1\]\.offsetDays: step "soft" \(steps\[1\]\) on day 2 is not after step "reminder" \(steps\[0\]\) on day 3/m);
    expect(rejected.stdout).toMatch(/^ {2}steps\[1\]\.tone: /m);

    const good = join(data, 'mine.json');
    writeFileSync(good, JSON.stringify(validJson));
    const stored = await cli('playbook', 'import', good);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).toBe('Playbook "mine" stored as version 1; it is now in use.\n');

    const exported = join(data, 'mine.yaml');
    expect((await cli('playbook', 'export', 'mine', '--format', 'yaml', '--out', exported)).code).toBe(0);
    const again = await cli('playbook', 'import', exported, '--json');
    expect(JSON.parse(again.stdout)).toEqual({ status: 'unchanged', name: 'mine', version: 1, warnings: [] });

    // besides the steps, what the engine acts on: the instalment reminder (the default here) and each listening path
    const shown = await cli('playbook', 'show', 'standard');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Instalment reminder (the default: this playbook sets none): 3 days before each instalment of an active payment plan, by email, then sms, then letter, template instalment-reminder.');
    expect(shown.stdout).toMatch(/^ {2}cant_pay \(cannot pay now \(hardship\): offer a plan, review\): sympathetic\. A payment plan offer goes out; no further step until 21 days after it reaches them, then at least 14 days apart\. The offer: "Payment plan offer" by email, then letter, template plan-offer\.$/m);
    expect(shown.stdout).toMatch(/^ {2}wont_pay \(will not pay\): firm\. Next: the step "final-notice"/m);
    expect(shown.stdout).toMatch(/^ {2}already_paid \(.*\): verify\. A task to find the payment, and a pause of 7 days\.$/m);
  }, 180_000); // seven processes, each opening the embedded database
});
