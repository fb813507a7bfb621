// `arrears playbook list | show | import | export | rules [set]`: the collection playbooks of an
// organisation (its own versions and the built-in ones) and the segment rules that assign them.
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { exportPlaybook } from '../../app/playbooks/export-playbook.ts';
import { getPlaybook, type PlaybookDetail } from '../../app/playbooks/get-playbook.ts';
import { importPlaybook } from '../../app/playbooks/import-playbook.ts';
import { listPlaybooks } from '../../app/playbooks/list-playbooks.ts';
import { loadPlaybooks } from '../../app/playbooks/load-playbooks.ts';
import type { FileFormat } from '../../app/playbooks/playbook-files.ts';
import { setPlaybookRules } from '../../app/playbooks/set-playbook-rules.ts';
import { describeConditions } from '../../domain/playbooks/describe-conditions.ts';
import { describeInstalmentReminder, describeListening } from '../../domain/playbooks/describe-playbook.ts';
import { instalmentReminderOf } from '../../domain/playbooks/playbook.ts';
import type { PlaybookRule } from '../../domain/playbooks/default-playbooks.ts';
import type { PathProblem } from '../../domain/playbooks/shape-problems.ts';
import { toRulesFile } from '../../domain/playbooks/validate-rules.ts';
import { AppError, isAppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { currentInstant } from '../dates.ts';
import { withOrg } from '../context.ts';
import { formatTable, printJson } from '../output.ts';
import { readDataFile } from '../read-data-file.ts';

export function registerPlaybookCommand(program: Command): void {
  const playbook = program.command('playbook').description('collection playbooks and the segment rules that assign them');
  playbook
    .command('list')
    .description('the playbooks you can use: yours (the version in use) and the built-in ones')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withOrg(command, (database, org) => listPlaybooks(database.db, org.id));
      if (options.json) return printJson(list);
      const rows = list.map((p) => [p.name + (p.isDefault ? ' *' : ''), String(p.version), p.source, String(p.steps), p.description]);
      process.stdout.write(`${formatTable(['name', 'version', 'source', 'steps', 'description'], rows, new Set([1, 3]))}\n* the default playbook\n`);
    });
  playbook
    .command('show')
    .description('a playbook step by step')
    .argument('<name>', 'the playbook')
    .option('--version <n>', 'this version (default: the one in use; 0 is the built-in one)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { version?: string; json?: boolean }, command: Command) => {
      const version = versionOption(options.version);
      const detail = await withOrg(command, (database, org) => getPlaybook(database.db, org.id, name, version));
      if (options.json) printJson(detail);
      else process.stdout.write(describePlaybook(detail));
    });
  playbook
    .command('import')
    .description('store a playbook file (JSON or YAML) as a new version of its name')
    .argument('<file>', 'the playbook file')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const definition = readDataFile(file);
      const result = await reportProblems(file, 'imported', options.json, () => withOrg(command, (database, org, config) => importPlaybook(database.db, org.id, definition, cliActor(), currentInstant(config))));
      if (!result) return;
      if (options.json) return printJson(result);
      const outcome =
        result.status === 'stored'
          ? `Playbook "${result.name}" stored as version ${result.version}; it is now in use.`
          : `Playbook "${result.name}" unchanged: it is the same as version ${result.version}, which stays in use.`;
      process.stdout.write(`${outcome}\n${warningLines(result.warnings)}`);
    });
  playbook
    .command('export')
    .description('write a playbook as a file that `playbook import` reads back')
    .argument('<name>', 'the playbook')
    .addOption(new Option('--format <format>', 'file format').choices(['json', 'yaml']).default('json'))
    .option('--version <n>', 'this version (default: the one in use)')
    .option('--out <file>', 'write to this file instead of printing')
    .action(async (name: string, options: { format: FileFormat; version?: string; out?: string }, command: Command) => {
      const version = versionOption(options.version);
      const exported = await withOrg(command, (database, org) => exportPlaybook(database.db, org.id, name, { format: options.format, version }));
      if (!options.out) return void process.stdout.write(exported.text);
      writeFileSync(options.out, exported.text);
      process.stdout.write(`Wrote playbook "${name}" version ${exported.version} to ${options.out}.\n`);
    });

  const rules = playbook
    .command('rules')
    .description('the segment rules: which playbook each kind of customer follows (first match wins)')
    .option('--json', 'print the rules as a file `playbook rules set` reads back')
    .action(async (options: { json?: boolean }, command: Command) => {
      const setup = await withOrg(command, (database, org) => loadPlaybooks(database.db, org.id));
      if (options.json) return printJson(toRulesFile(setup.rules));
      process.stdout.write(describeRules(setup.rules, setup.rulesSource, setup.settings.defaultPlaybook));
    });
  rules
    .command('set')
    .description('replace the segment rules with those of a file (JSON or YAML); an empty list brings back the built-in rules')
    .argument('<file>', 'the rules file: { "rules": [{ "playbook": …, "conditions": {…} }, …] }')
    .action(async (file: string, _options: unknown, command: Command) => {
      const input = readDataFile(file);
      const result = await reportProblems(file, 'set', false, () =>
        withOrg(command, async (database, org, config) => ({ set: await setPlaybookRules(database.db, org.id, input, cliActor(), currentInstant(config)), org: await loadPlaybooks(database.db, org.id) })),
      );
      if (result) process.stdout.write(describeRules(result.set.rules, result.set.source, result.org.settings.defaultPlaybook));
    });
}

function versionOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new AppError('invalid_input', `--version must be a version number such as 2 (got "${value}")`);
  return Number(value);
}

/** Runs `work`; an invalid file is listed problem by problem (exit code 2) instead of thrown. */
async function reportProblems<T>(file: string, verb: string, json: boolean | undefined, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    const details = isAppError(error) && error.code === 'invalid_input' ? (error.details as { problems?: PathProblem[]; warnings?: PathProblem[] } | undefined) : undefined;
    if (!details?.problems) throw error;
    process.exitCode = (error as AppError).exitCode;
    if (json) return void printJson({ status: 'invalid', problems: details.problems, warnings: details.warnings ?? [] });
    const count = details.problems.length;
    const lines = details.problems.map((p) => `  ${p.path || '(the file)'}: ${p.message}\n`).join('');
    process.stdout.write(`${file} was not ${verb}: ${count} problem${count === 1 ? '' : 's'} to change.\n${lines}${warningLines(details.warnings ?? [])}`);
    return undefined;
  }
}

function warningLines(warnings: readonly PathProblem[]): string {
  return warnings.map((w) => `warning: ${w.path}: ${w.message}\n`).join('');
}

function describePlaybook(detail: PlaybookDetail): string {
  const { playbook } = detail;
  const source = detail.source === 'built-in' ? 'built-in' : `stored by ${detail.createdBy} on ${detail.createdAt?.slice(0, 10)}`;
  const rows = playbook.steps.map((step, index) => [
    String(index + 1),
    step.key,
    String(step.offsetDays),
    step.tone,
    step.channels.join(', '),
    step.template,
    [
      step.conditions ? `only if ${describeConditions(step.conditions)}` : '',
      step.applyCharges ? 'applies charges' : '',
      step.nextStep ? `names ${step.nextStep} if enabled` : '',
      step.onNoResponse ? `no response in ${step.onNoResponse.afterDays} days: ${step.onNoResponse.channel} (${step.onNoResponse.template})` : '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
  const reminder = instalmentReminderOf(playbook);
  const reminderSource = playbook.instalmentReminder ? '' : ' (the default: this playbook sets none)';
  return [
    `${playbook.name} version ${detail.version} (${source}; versions ${detail.versions.join(', ')})`,
    ...(playbook.description ? [playbook.description] : []),
    '',
    formatTable(['#', 'key', 'day', 'tone', 'channels', 'template', 'notes'], rows, new Set([0, 2])),
    '',
    `Instalment reminder${reminderSource}: ${describeInstalmentReminder(reminder)}, template ${reminder.template}.`,
    '',
    'When the debtor says, on a call (listening):',
    ...describeListening(playbook).map((line) => `  ${line.outcome} (${line.said}): ${line.path ?? 'no path'}. ${line.effect}`),
    '',
  ].join('\n');
}

function describeRules(rules: readonly PlaybookRule[], source: 'built-in' | 'organisation', defaultPlaybook: string): string {
  const rows = rules.map((rule, index) => [String(index + 1), rule.playbookName, describeConditions(rule.conditions)]);
  const title = source === 'built-in' ? 'Segment rules (the built-in ones; set your own with `arrears playbook rules set <file>`)' : 'Segment rules';
  return `${title}, first match wins:\n${formatTable(['#', 'playbook', 'customers'], rows, new Set([0]))}\nEveryone else: ${defaultPlaybook} (the default playbook). A customer's own playbook beats every rule.\n`;
}
