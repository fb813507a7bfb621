import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.ts';

const template = `<p>Dear {{customer.name}},</p>
<p>Invoice {{invoice.number}} is overdue. Pay today or we will take <b>legal action</b>,
and our bailiffs will call.</p>
`;

describe('arrears template lint (CLI)', () => {
  it('lists each refused phrase with its place, rule, reason and citation (exit 2), and passes what the settings allow', async () => {
    const file = join(tempDataDir(), 'final-notice.hbs');
    writeFileSync(file, template);

    const refused = await runCli(['template', 'lint', file]);
    expect(refused.code).toBe(2);
    expect(refused.stdout.split('\n')).toEqual([
      `${file}:2:72  legal-action-not-enabled  "legal action"  Legal steps are not enabled for this organisation, so a message must not mention court, lawyers or suing: never threaten a step you do not take (enable legal steps in the settings first). (FDCPA 15 U.S.C. §1692e(5); FCA CONC 7.11.6R; Arrears policy)`,
      `${file}:3:9  false-enforcement-officer  "bailiffs"  Only an enforcement agent acting on a court judgment can enforce a debt: a message must not claim to come from one or say that one will call. (FCA CONC 7.11.1R, 7.11.2G; FDCPA 15 U.S.C. §1692e(1), §1692e(4))`,
      '',
    ]);
    expect(refused.stderr).toContain('2 phrases to change');

    const json = await runCli(['template', 'lint', file, '--legal-enabled', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject([{ file, ruleId: 'false-enforcement-officer', phrase: 'bailiffs', line: 3, column: 9 }]);

    writeFileSync(file, template.replace('\nand our bailiffs will call.', ''));
    const clean = await runCli(['template', 'lint', file, '--legal-enabled']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe(`${file}: no problems found.\n`);
  }, 60_000);

  it('refuses a claim of earlier contact outside {{#if history.messagesSent}}, and passes it inside', async () => {
    const file = join(tempDataDir(), 'follow-up.hbs');
    writeFileSync(file, 'Dear {{contact.greetingName}},\n\nI am following up on our reminder about {{total}}.\n');
    const refused = await runCli(['template', 'lint', file, '--json']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject([{ file, ruleId: 'claims-earlier-contact', phrase: 'following up on our reminder', line: 3, column: 6 }]);

    writeFileSync(file, 'Dear {{contact.greetingName}},\n\n{{#if history.messagesSent}}I am following up on our reminder about {{total}}.{{else}}I am writing about {{total}}.{{/if}}\n');
    const clean = await runCli(['template', 'lint', file]);
    expect(clean.code, clean.stderr).toBe(0);
  }, 60_000);
});

