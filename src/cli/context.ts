// What every CLI command needs: the configuration (env + global options), the database
// (PostgreSQL when DATABASE_URL is set, else PGlite in --data), and the organisation.
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/engine.ts';
import type { Org } from '../db/schema.ts';
import { resolveOrg } from '../app/orgs/resolve-org.ts';

export interface GlobalOptions {
  data?: string;
  org?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function configFor(command: Command): Config {
  return loadConfig(process.env, { dataDir: globalOptions(command).data });
}

/**
 * The server (`start`) holds the embedded database and serves it to the commands run meanwhile,
 * which then open it through the server; a command that opens it alone is short-lived, so its
 * PGlite gets fewer shared buffers to set up (a second faster start).
 */
export function openConfiguredDatabase(config: Config, options: { server?: boolean } = {}): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ engine: 'postgres', url: config.databaseUrl });
  return options.server
    ? openDatabase({ engine: 'pglite', dataDir: config.dataDir, serve: true })
    : openDatabase({ engine: 'pglite', dataDir: config.dataDir, sharedBuffers: '16MB' });
}

/** Opens the database for one command and closes it afterwards, whatever happens. */
export async function withDatabase<T>(command: Command, work: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = configFor(command);
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}

/** Like withDatabase, for commands that act on one organisation (--org, or the only one). */
export function withOrg<T>(command: Command, work: (database: Database, org: Org, config: Config) => Promise<T>): Promise<T> {
  return withDatabase(command, async (database, config) => work(database, await resolveOrg(database.db, globalOptions(command).org), config));
}
