// Opens the database: embedded PGlite in a data directory (the default) or PostgreSQL from a URL.
// Both give the same Kysely<DB>, the same type parsers and the same migrations.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { checkDataDirVersion, lockDataDir } from './data-dir.ts';
import { unreachableDatabase } from './engine-errors.ts';
import { migrate } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';
import { typeParsers } from './type-parsers.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Runs a multi-statement SQL script (migrations, test setup), inside `tx` when given. */
  runScript(script: string, tx?: Transaction<DB>): Promise<void>;
  /** PGlite only: a dump of the whole database, to start other instances from (tests, scratch copies). */
  dumpImage?(): Promise<Blob>;
  /**
   * Calls `onNotify` on each NOTIFY of `channel` (a wake-up, e.g. for the outbox dispatcher);
   * returns the function that stops listening. Polling stays the fallback: a notification sent
   * while the listener reconnects is lost.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type OpenOptions =
  | { engine: 'postgres'; url: string; poolSize?: number; migrate?: boolean }
  /** `dataDir` undefined = in memory; `image` = start from a dump of an initialised database. */
  | { engine: 'pglite'; dataDir?: string; image?: Blob; migrate?: boolean };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.engine === 'postgres' ? openPostgres(options.url, options.poolSize) : await openPGlite(options);
  if (options.migrate !== false) {
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw (options.engine === 'postgres' ? unreachableDatabase(error, options.url) : undefined) ?? error;
    }
  }
  return database;
}

function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // An unreachable host would otherwise hang the first query for as long as TCP keeps trying.
    connectionTimeoutMillis: 10_000,
    options: '-c TimeZone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection can be closed by the server (a restart, an administrator, a dropped
  // database): the pool then discards it and the next query opens another. Without a listener
  // that error would be thrown from the socket's event handler and end the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  return {
    db,
    engine: 'postgres',
    runScript: async (script, tx) => {
      // no parameters: pg uses the simple protocol, which allows many statements
      await sql.raw(script).execute(tx ?? db);
    },
    listen: async (channel, onNotify) => {
      const client = await pool.connect();
      client.on('error', () => {});
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      return async () => {
        try {
          await client.query(`unlisten ${pg.escapeIdentifier(channel)}`);
        } finally {
          client.release();
        }
      };
    },
    close: () => db.destroy(),
  };
}

async function openPGlite(options: { dataDir?: string; image?: Blob }): Promise<Database> {
  let release = () => {};
  if (options.dataDir) {
    release = lockDataDir(options.dataDir);
    try {
      checkDataDirVersion(options.dataDir);
    } catch (error) {
      release();
      throw error;
    }
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(options.dataDir ? join(options.dataDir, 'pgdata') : undefined, {
      parsers: typeParsers,
      loadDataDir: options.image,
    });
    await pglite.exec(`set time zone 'UTC'`);
  } catch (error) {
    release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    runScript: async (script, tx) => {
      // exec uses the simple protocol (many statements). Inside `tx` we already hold the single
      // connection; outside, holding it keeps other queries out meanwhile.
      if (tx) await pglite.exec(script);
      else await db.connection().execute(() => pglite.exec(script));
    },
    dumpImage: () => db.connection().execute(() => pglite.dumpDataDir('none')),
    listen: async (channel, onNotify) => {
      const unlisten = await pglite.listen(channel, () => onNotify());
      return () => unlisten();
    },
    close: async () => {
      await db.destroy();
      release();
    },
  };
}
