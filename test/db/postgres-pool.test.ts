// On PostgreSQL, a server that closes idle connections (a restart, an administrator) must not end
// the process: the pool drops the broken connection and the next query opens another.
import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/engine.ts';
import { createPostgresDatabase, engines } from '../support/engines.ts';

describe.runIf(engines.includes('postgres'))('the PostgreSQL pool [postgres]', () => {
  it('survives the server terminating its idle connections', async () => {
    const { url, drop } = await createPostgresDatabase();
    const database = await openDatabase({ engine: 'postgres', url, migrate: false });
    try {
      await sql`select 1`.execute(database.db);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const name = new URL(url).pathname.slice(1);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      await admin.end();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rows } = await sql<{ answer: number }>`select 42 as answer`.execute(database.db);
      expect(rows).toEqual([{ answer: 42 }]);
    } finally {
      await database.close();
      await drop();
    }
  });
});
