// `arrears key create | list | revoke`: API keys of an organisation. A key is printed once.
import { Option, type Command } from 'commander';
import { createApiKey } from '../../app/orgs/create-org.ts';
import { revokeApiKey } from '../../app/access/revoke-api-key.ts';
import type { Role } from '../../db/schema.ts';
import { withOrg } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

export function registerKeyCommand(program: Command): void {
  const key = program.command('key').description('API keys');
  key
    .command('create')
    .description('create an API key (printed once)')
    .requiredOption('--name <name>', 'what the key is for, e.g. "accounting sync"')
    .addOption(new Option('--role <role>', 'what the key may do').choices(['owner', 'collector', 'viewer']).default('viewer'))
    .option('--json', 'print JSON')
    .action(async (options: { name: string; role: Role; json?: boolean }, command: Command) => {
      const created = await withOrg(command, async (database, org) => ({ org: org.slug, key: await createApiKey(database.db, org.id, options.name, options.role) }));
      if (options.json) printJson({ organisation: created.org, role: options.role, apiKey: created.key });
      else process.stdout.write(`${created.key}\nA ${options.role} key for ${created.org}. Shown once: keep it now.\n`);
    });
  key
    .command('list')
    .description('list the API keys (prefixes only)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const keys = await withOrg(command, (database, org) =>
        database.db
          .selectFrom('api_keys')
          .select(['key_prefix', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
          .where('org_id', '=', org.id)
          .orderBy('id')
          .execute(),
      );
      if (options.json) printJson(keys);
      else
        process.stdout.write(
          `${formatTable(
            ['prefix', 'name', 'role', 'created', 'last used', 'revoked'],
            keys.map((k) => [k.key_prefix, k.name, k.role, k.created_at.slice(0, 10), lastUsed(k.last_used_at), k.revoked_at?.slice(0, 10) ?? '']),
          )}\n`,
        );
    });
  key
    .command('revoke')
    .description('revoke an API key by its prefix (the 12 hex digits after arr_)')
    .argument('<prefix>', 'the key prefix')
    .action(async (prefix: string, _options: unknown, command: Command) => {
      await withOrg(command, (database, org) => revokeApiKey(database.db, org.id, prefix));
      process.stdout.write(`Revoked ${prefix}.\n`);
    });
}

/** When a key was last used, to the minute (it is recorded at most once a minute), in UTC. */
function lastUsed(at: string | null): string {
  return at === null ? 'never' : `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
