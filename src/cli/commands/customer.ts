// `arrears customer playbook | exclude | include | why`: a customer's own playbook, exclusion
// from collection with a reason, and which playbook it follows and why. Customers are named by
// their external id (the id in your accounting system).
import type { Command } from 'commander';
import { excludeCustomer } from '../../app/exclude-customer.ts';
import { explainPlaybookChoice } from '../../app/explain-playbook-choice.ts';
import { includeCustomer } from '../../app/include-customer.ts';
import { setCustomerPlaybook } from '../../app/set-customer-playbook.ts';
import type { Executor } from '../../db/executor.ts';
import type { Customer } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { orgToday } from '../dates.ts';
import { printJson } from '../output.ts';

async function customerId(db: Executor, orgId: bigint, externalId: string): Promise<bigint> {
  const row = await db.selectFrom('customers').select('id').where('org_id', '=', orgId).where('external_id', '=', externalId).executeTakeFirst();
  if (!row) throw new AppError('not_found', `there is no customer with the external id "${externalId}"`);
  return row.id;
}

function said(customer: Customer, json: boolean | undefined, text: string): void {
  if (json) printJson({ externalId: customer.external_id, playbookOverride: customer.playbook_override, excludedReason: customer.excluded_reason });
  else process.stdout.write(`${text}\n`);
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
      const row = await withOrg(command, async (database, org) =>
        setCustomerPlaybook(database.db, org.id, await customerId(database.db, org.id, externalId), name ?? null, cliActor()),
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
      const row = await withOrg(command, async (database, org) =>
        excludeCustomer(database.db, org.id, await customerId(database.db, org.id, externalId), options.reason, cliActor()),
      );
      said(row, options.json, `${externalId} is excluded from collection: ${row.excluded_reason}.`);
    });
  customer
    .command('include')
    .description('bring an excluded customer back into collection')
    .argument('<external-id>', 'the customer')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { json?: boolean }, command: Command) => {
      const row = await withOrg(command, async (database, org) => includeCustomer(database.db, org.id, await customerId(database.db, org.id, externalId), cliActor()));
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
}
