// `arrears customer playbook | exclude | include | why | creditor | export | erase`: a customer's own
// playbook, exclusion from collection with a reason, which playbook it follows and why, an agency's
// creditor, and its
// records: everything held about it (a data-access request) and the erasure of its personal data.
// Customers are named by their external id (the id in your accounting system).
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { eraseCustomer, type ErasureReport } from '../../app/records/erase-customer.ts';
import { excludeCustomer } from '../../app/collection/exclude-customer.ts';
import { explainPlaybookChoice } from '../../app/playbooks/explain-playbook-choice.ts';
import { exportCustomer } from '../../app/records/export-customer.ts';
import { includeCustomer } from '../../app/collection/include-customer.ts';
import { setCustomerCreditor } from '../../app/customers/set-customer-creditor.ts';
import { setCustomerPlaybook } from '../../app/playbooks/set-customer-playbook.ts';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import type { Executor } from '../../db/executor.ts';
import type { Customer } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant, orgToday } from '../dates.ts';
import { printJson } from '../output.ts';
import { stringifyJson } from '../../json.ts';

async function customerId(db: Executor, orgId: bigint, externalId: string): Promise<bigint> {
  return (await customerByExternalId(db, orgId, externalId)).id;
}

function said(customer: Customer, json: boolean | undefined, text: string): void {
  if (json) printJson({ externalId: customer.external_id, playbookOverride: customer.playbook_override, excludedReason: customer.excluded_reason });
  else process.stdout.write(`${text}\n`);
}

function rows(count: number): string {
  return `${count} ${count === 1 ? 'row' : 'rows'}`;
}

/** The erasure report as a person reads it: what was (or would be) erased, what is kept and why. */
function describeErasure(report: ErasureReport): string {
  const lines: string[] = [];
  const id = report.externalId;
  if (!report.applied) lines.push(`Dry run: nothing has changed. Erasing the personal data of ${id} on ${report.today} would:`);
  else if (report.changed) lines.push(`Erased the personal data of ${id} on ${report.today}.`);
  else lines.push(`Nothing left to erase for ${id}: its personal data was erased on ${report.previouslyErasedAt?.slice(0, 10)}, and what is kept is still within its retention.`);
  const verb = report.applied ? '' : 'would be ';
  const erasedHeading = report.applied ? 'Erased' : 'To erase';
  lines.push(report.erased.length === 0 ? `${erasedHeading}: nothing (no personal data left).` : `${erasedHeading}:`);
  for (const item of report.erased) lines.push(`  ${item.table}: ${rows(item.rows)} ${verb}${item.action}${item.fields[0] === 'all' ? '' : ` (${item.fields.join(', ')})`}`);
  if (report.cancelledActions > 0) lines.push(`  actions: ${rows(report.cancelledActions)} planned but not sent ${verb}cancelled`);
  lines.push(report.applied ? 'Kept:' : 'To keep:');
  for (const item of report.kept) {
    const until = item.keepUntil ? `kept until ${item.keepUntil}; erase again from ${item.mayEraseFrom} to delete them` : 'no end set by Arrears';
    lines.push(`  ${item.table}: ${rows(item.rows)}, ${item.fields}`);
    lines.push(`    rule ${item.rule} (${until}): ${item.reason}. Source: ${item.citation}.`);
  }
  lines.push(`Last activity: ${report.lastActivityOn ?? 'none'}.`);
  lines.push(report.applied ? `${id} is excluded from collection: ${report.excludedReason}.` : `${id} would be excluded from collection. Run again with --yes to erase.`);
  return `${lines.join('\n')}\n`;
}

export function registerCustomerCommand(program: Command): void {
  const customer = program.command('customer').description('per-customer collection settings');
  customer
    .command('playbook')
    .description("put a customer on a playbook of your choice, whatever the segment rules say (--clear: the rules decide again)")
    .argument('<external-id>', 'the customer')
    .argument('[playbook]', 'the playbook name')
    .option('--clear', 'remove the customer’s own playbook')
    .option('--json', 'print JSON')
    .action(async (externalId: string, name: string | undefined, options: { clear?: boolean; json?: boolean }, command: Command) => {
      if (!name === !options.clear) throw new AppError('invalid_input', 'give either a playbook name or --clear, e.g. `arrears customer playbook C-1 gentle`');
      const row = await withOrg(command, async (database, org, config) =>
        setCustomerPlaybook(database.db, org.id, await customerId(database.db, org.id, externalId), name ?? null, cliActor(), currentInstant(config)),
      );
      said(row, options.json, name ? `${externalId} now follows the "${name}" playbook.` : `${externalId} has no playbook of its own: the segment rules decide.`);
    });
  customer
    .command('exclude')
    .description('take a customer out of collection: no reminders, no tasks, until included again')
    .argument('<external-id>', 'the customer')
    .requiredOption('--reason <text>', 'why, for the record, e.g. "handled by the owner personally"')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { reason: string; json?: boolean }, command: Command) => {
      const row = await withOrg(command, async (database, org, config) =>
        excludeCustomer(database.db, org.id, await customerId(database.db, org.id, externalId), options.reason, cliActor(), currentInstant(config)),
      );
      said(row, options.json, `${externalId} is excluded from collection: ${row.excluded_reason}.`);
    });
  customer
    .command('creditor')
    .description("for an agency: the creditor this customer's debt is owed to (the validation notice names it)")
    .argument('<external-id>', 'the customer')
    .argument('[name]', 'the creditor')
    .option('--clear', 'remove it')
    .option('--json', 'print JSON')
    .action(async (externalId: string, name: string | undefined, options: { clear?: boolean; json?: boolean }, command: Command) => {
      if (!options.clear && name === undefined) throw new AppError('invalid_input', 'give the creditor’s name, or --clear');
      const row = await withOrg(command, async (database, org, config) =>
        setCustomerCreditor(database.db, org.id, await customerId(database.db, org.id, externalId), options.clear ? null : name!, cliActor(), currentInstant(config)),
      );
      if (options.json) printJson({ externalId: row.external_id, creditor: row.creditor_name });
      else process.stdout.write(row.creditor_name ? `${externalId}'s debt is owed to ${row.creditor_name}.\n` : `${externalId} has no creditor set.\n`);
    });
  customer
    .command('include')
    .description('bring an excluded customer back into collection')
    .argument('<external-id>', 'the customer')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { json?: boolean }, command: Command) => {
      const row = await withOrg(command, async (database, org, config) => includeCustomer(database.db, org.id, await customerId(database.db, org.id, externalId), cliActor(), currentInstant(config)));
      said(row, options.json, `${externalId} is included in collection.`);
    });
  customer
    .command('why')
    .description('which playbook a customer follows, and why')
    .argument('<external-id>', 'the customer')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { json?: boolean }, command: Command) => {
      const explanation = await withOrg(command, async (database, org, config) =>
        explainPlaybookChoice(database.db, org.id, await customerId(database.db, org.id, externalId), orgToday(org, config)),
      );
      if (options.json) return printJson(explanation);
      const version = explanation.version === null ? '' : ` (version ${explanation.version})`;
      process.stdout.write(`${externalId} follows "${explanation.playbook}"${version}: ${explanation.reason}.\n`);
    });
  customer
    .command('export')
    .description('write everything held about a customer as one JSON document, the files of its letters included (for a data-access request)')
    .argument('<external-id>', 'the customer')
    .option('--out <file>', 'write to this file (JSON) instead of printing')
    .action(async (externalId: string, options: { out?: string }, command: Command) => {
      if (options.out && /\.zip$/i.test(options.out)) {
        throw new AppError('invalid_input', `ZIP output is not built yet: write --out ${options.out.replace(/\.zip$/i, '.json')} instead (every file, such as a letter's PDF, is inside the JSON as base64 with its SHA-256)`);
      }
      const document = await withOrg(command, async (database, org, config) =>
        exportCustomer(database.db, org, externalId, currentInstant(config).toString()),
      );
      const text = `${stringifyJson(document, 2)}\n`;
      if (!options.out) return void process.stdout.write(text);
      writeFileSync(options.out, text);
      const total = Object.values(document.sections).reduce((sum, section) => sum + section.count, 0);
      const files = document.sections.communicationFiles.count;
      process.stdout.write(
        `Wrote everything held about ${externalId} (${total} records in ${Object.keys(document.sections).length} sections, ${document.sections.communications.count} messages with ${files} ${files === 1 ? 'file' : 'files'}) to ${options.out}.\n`,
      );
    });
  customer
    .command('erase')
    .description('erase a customer’s personal data, keeping the ledger and the records under retention (without --yes: only says what it would do)')
    .argument('<external-id>', 'the customer')
    .requiredOption('--reason <text>', 'why, for the record (kept on the timeline: write no personal data), e.g. "erasure request of 2026-11-20"')
    .option('--yes', 'erase; without it nothing changes')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { reason: string; yes?: boolean; json?: boolean }, command: Command) => {
      const report = await withOrg(command, async (database, org, config) =>
        eraseCustomer(database.db, org, { externalId, reason: options.reason, actor: cliActor(), today: orgToday(org, config), now: currentInstant(config), apply: options.yes === true }),
      );
      if (options.json) return printJson(report);
      process.stdout.write(describeErasure(report));
    });
}
