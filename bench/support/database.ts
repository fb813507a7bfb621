// A database for one benchmark run: PGlite in a fresh temporary data directory (as `arrears start`
// uses it), or a fresh PostgreSQL database `arrears_bench_<random>` on the server of DATABASE_URL.
// Either is migrated, and removed again by `dispose`, so runs never see each other's rows.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../../src/db/engine.ts';

export interface BenchDatabase {
  database: Database;
  /** Where it lives, for the human summary. */
  where: string;
  /** PostgreSQL: its URL, for processes of the benchmark's own (the orgs scenario's workers). */
  url?: string;
  dispose(): Promise<void>;
}

export async function openBenchDatabase(engine: Engine): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'arrears-bench-'));
    const database = await openDatabase({ engine: 'pglite', dataDir: dir });
    return {
      database,
      where: dir,
      dispose: async () => {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('--engine postgres needs DATABASE_URL (a server where this user may create databases)');
  const name = `arrears_bench_${randomBytes(5).toString('hex')}`;
  await admin(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ engine: 'postgres', url: url.toString() });
    return {
      database,
      where: `${url.host}/${name}`,
      url: url.toString(),
      dispose: async () => {
        await database.close();
        // BENCH_KEEP_DATABASE=1 leaves it for looking into a plan with psql afterwards.
        if (process.env.BENCH_KEEP_DATABASE === '1') console.error(`kept the database ${name}`);
        else await admin(baseUrl, `drop database if exists ${name} with (force)`);
      },
    };
  } catch (error) {
    await admin(baseUrl, `drop database if exists ${name} with (force)`);
    throw error;
  }
}

export async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
