// Integration tests run on every engine available: PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set. Each test database is fresh and isolated.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/db/engine.ts';
import { databaseUrlFor } from './global-setup.ts';

export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh, migrated, empty database on `engine`; closing it also drops it (PostgreSQL). */
export async function openTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const image = new Blob([readFileSync(inject('pgliteImage'))]);
    return openDatabase({ engine: 'pglite', image, migrate: false });
  }
  const baseUrl = process.env.TEST_DATABASE_URL!;
  const name = `arrears_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `create database ${name} template ${inject('postgresTemplate')}`);
  const database = await openDatabase({ engine: 'postgres', url: databaseUrlFor(baseUrl, name), migrate: false });
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** A PostgreSQL URL for a new empty database (for tests that spawn processes); dropped by `drop`. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const baseUrl = process.env.TEST_DATABASE_URL!;
  const name = `arrears_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `create database ${name} template ${inject('postgresTemplate')}`);
  return {
    url: databaseUrlFor(baseUrl, name),
    drop: () => adminQuery(baseUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(baseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** `describe` once per engine, named after it. */
export function describeEachEngine(name: string, body: (engine: Engine) => void): void {
  for (const engine of engines) describe(`${name} [${engine}]`, () => body(engine));
}
