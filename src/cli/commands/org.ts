// `arrears org list | create`: the organisations in this database.
import type { Command } from 'commander';
import { createOrg } from '../../app/create-org.ts';
import { listOrgs } from '../../db/queries/orgs.ts';
import { withDatabase } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

interface CreateOptions {
  name: string;
  slug?: string;
  currency: string;
  timeZone: string;
  country?: string;
  ownerEmail: string;
  json?: boolean;
}

export function registerOrgCommand(program: Command): void {
  const org = program.command('org').description('organisations');
  org
    .command('list')
    .description('list the organisations')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const orgs = await withDatabase(command, (database) => listOrgs(database.db));
      const rows = orgs.map((o) => ({ id: o.id.toString(), slug: o.slug, name: o.name, currency: o.default_currency, timeZone: o.time_zone }));
      if (options.json) printJson(rows);
      else process.stdout.write(`${formatTable(['slug', 'name', 'currency', 'time zone'], rows.map((r) => [r.slug, r.name, r.currency, r.timeZone]))}\n`);
    });
  org
    .command('create')
    .description('create an organisation with its owner; prints the owner password and an API key once')
    .requiredOption('--name <name>', 'the business name')
    .option('--slug <slug>', 'short name for --org (default: from the name)')
    .option('--currency <code>', 'default currency', 'USD')
    .option('--time-zone <zone>', 'IANA time zone', 'UTC')
    .option('--country <code>', 'ISO 3166 country code')
    .requiredOption('--owner-email <email>', "the owner's email")
    .option('--json', 'print JSON')
    .action(async (options: CreateOptions, command: Command) => {
      const created = await withDatabase(command, (database) =>
        createOrg(database.db, {
          name: options.name,
          slug: options.slug,
          currency: options.currency.toUpperCase(),
          timeZone: options.timeZone,
          country: options.country?.toUpperCase(),
          ownerEmail: options.ownerEmail,
        }),
      );
      const result = { slug: created.org.slug, ownerEmail: created.ownerEmail, ownerPassword: created.ownerPassword, apiKey: created.apiKey };
      if (options.json) printJson(result);
      else
        process.stdout.write(
          `Created ${created.org.name} (slug ${created.org.slug}).\n  owner:    ${result.ownerEmail}\n  password: ${result.ownerPassword}\n  API key:  ${result.apiKey}\nShown once: keep them now.\n`,
        );
    });
}
