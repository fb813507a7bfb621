// Opening the database runs migrate() on every command: when the schema is current it must only
// read schema_migrations (no transaction, no lock, no DDL); when a migration is pending it still
// applies it under the lock.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/engine.ts';
import { migrate, migrationFiles } from '../../src/db/migrate.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';

describeEachEngine('migrate', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  /** The database with runScript recording the scripts instead of running them. */
  function recording(): { database: Database; scripts: string[] } {
    const scripts: string[] = [];
    return { database: { ...database, runScript: async (script) => void scripts.push(script) }, scripts };
  }

  it('does nothing but read schema_migrations when every migration is applied', async () => {
    const { database: recorded, scripts } = recording();
    expect(await migrate(recorded)).toEqual([]);
    expect(scripts).toEqual([]);
  });

  it('applies a pending migration under the lock', async () => {
    const last = migrationFiles().at(-1)!.replace(/\.sql$/, '');
    await sql`delete from schema_migrations where version = ${last}`.execute(database.db);
    const { database: recorded, scripts } = recording();
    expect(await migrate(recorded)).toEqual([last]);
    expect(scripts).toHaveLength(2); // create table if not exists schema_migrations, then the migration
    expect(scripts[1]).toBe(readFileSync(new URL(`../../src/db/migrations/${last}.sql`, import.meta.url), 'utf8'));
    const versions = await sql<{ version: string }>`select version from schema_migrations`.execute(database.db);
    expect(versions.rows.map((row) => row.version)).toContain(last);
  });
});
