// Applies the plain .sql files in ./migrations in name order, each once, all in one transaction.
// Several processes starting together on PostgreSQL queue on one advisory lock instead of racing.
// Every command opens the database, so the common case (nothing to apply) is one plain read of
// schema_migrations, without a transaction, a lock or a DDL statement.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** What migrating needs of an open database (engine.ts's Database is one). */
export interface MigrationTarget {
  db: Kysely<DB>;
  runScript(script: string, tx?: Transaction<DB>): Promise<void>;
}

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const migrationLockKey = 0x61727265; // 'arre'

export function migrationFiles(): string[] {
  return readdirSync(migrationsDir)
    .filter((name) => name.endsWith('.sql'))
    .sort();
}

/** Whether every migration file is recorded as applied (false when schema_migrations does not exist yet). */
async function schemaIsCurrent(database: MigrationTarget): Promise<boolean> {
  let rows: Array<{ version: string }>;
  try {
    ({ rows } = await sql<{ version: string }>`select version from schema_migrations`.execute(database.db));
  } catch (error) {
    if ((error as { code?: unknown }).code === '42P01') return false; // undefined_table: a new database
    throw error;
  }
  const applied = new Set(rows.map((row) => row.version));
  return migrationFiles().every((file) => applied.has(file.replace(/\.sql$/, '')));
}

/** Returns the versions applied by this call (empty when the schema was already current). */
export async function migrate(database: MigrationTarget): Promise<string[]> {
  if (await schemaIsCurrent(database)) return [];
  return database.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${migrationLockKey})`.execute(tx);
    await database.runScript(
      `create table if not exists schema_migrations (
         version text primary key,
         applied_at timestamptz not null default now())`,
      tx,
    );
    const done = await sql<{ version: string }>`select version from schema_migrations`.execute(tx);
    const applied = new Set(done.rows.map((row) => row.version));
    const pending = migrationFiles()
      .map((file) => file.replace(/\.sql$/, ''))
      .filter((version) => !applied.has(version));
    for (const version of pending) {
      await database.runScript(readFileSync(`${migrationsDir}${version}.sql`, 'utf8'), tx);
      await sql`insert into schema_migrations (version) values (${version})`.execute(tx);
    }
    return pending;
  });
}
