// Opens the database: embedded PGlite in a data directory (the default) or PostgreSQL from a URL.
// Both give the same Kysely<DB>, the same type parsers and the same migrations.
// Each engine's driver is imported only when that engine is opened: a command pays for one.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type { ClientConfig } from 'pg';
import { isAppError } from '../errors.ts';
import { checkDataDirVersion, lockDataDir, serverSocket } from './data-dir.ts';
import { unreachableDatabase } from './engine-errors.ts';
import { migrate } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { serveLocally, type LocalServer } from './pglite-local-server.ts';
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
  /**
   * PGlite (its one connection) only: resolves once the requests waiting for the connection have
   * had their turn. Long work done in steps awaits it between steps (pglite-dialect.ts).
   */
  giveWay?(): Promise<void>;
  close(): Promise<void>;
}

export interface PGliteOptions {
  /** undefined = in memory */
  dataDir?: string;
  /** start from a dump of an initialised database */
  image?: Blob;
  migrate?: boolean;
  /**
   * The server (`arrears start`): serve the database to this machine's other processes on a Unix
   * socket named in the lock file. Without it, a data directory locked by a live server is opened
   * through that server (a PostgreSQL connection to its socket) instead of failing as in use.
   */
  serve?: boolean;
  /** PostgreSQL's shared_buffers, e.g. '16MB': less memory to set up for a short-lived command (default 128MB). */
  sharedBuffers?: string;
}

export type OpenOptions = { engine: 'postgres'; url: string; poolSize?: number; migrate?: boolean } | ({ engine: 'pglite' } & PGliteOptions);

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database =
    options.engine === 'postgres' ? await openPostgres({ connectionString: options.url }, options.poolSize) : await openPGlite(options);
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

async function openPostgres(connection: ClientConfig, poolSize = 10, engine: Engine = 'postgres'): Promise<Database> {
  const [{ default: pg }, { default: Cursor }] = await Promise.all([import('pg'), import('pg-cursor')]);
  const pool = new pg.Pool({
    ...connection,
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
    engine,
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

/** Where the server for `dataDir` listens: in it, or in a private folder under tmp when that path is too long for a socket. */
function socketPath(dataDir: string): string {
  const inDataDir = join(resolve(dataDir), '.s.PGSQL.5432');
  if (Buffer.byteLength(inDataDir) <= 100) return inDataDir;
  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(tmpdir(), `arrears-${id}`, '.s.PGSQL.5432');
}

/** The database of the server holding `dataDir`, through its socket; undefined when it cannot be reached. */
async function openThroughServer(dataDir: string): Promise<Database | undefined> {
  const socket = serverSocket(dataDir);
  if (!socket) return undefined;
  // pg connects to <host>/.s.PGSQL.<port> when host is a folder. One connection, as in the server.
  const database = await openPostgres({ host: dirname(socket), port: 5432, user: 'arrears', database: 'arrears' }, 1, 'pglite');
  try {
    await sql`select 1`.execute(database.db);
    // LISTEN and UNLISTEN would act on the server's own session (an UNLISTEN would end the
    // server's dispatcher's LISTEN): through the server, a command is never woken, it polls.
    return { ...database, listen: async () => async () => {} };
  } catch {
    await database.close();
    return undefined; // not listening (yet, or any more): report the lock as it is
  }
}

async function openPGlite(options: PGliteOptions): Promise<Database> {
  let release = () => {};
  const socket = options.dataDir && options.serve ? socketPath(options.dataDir) : undefined;
  if (options.dataDir) {
    try {
      release = lockDataDir(options.dataDir, { socket });
    } catch (error) {
      const throughServer = !options.serve && isAppError(error) && error.code === 'data_dir_locked' ? await openThroughServer(options.dataDir) : undefined;
      if (throughServer) return throughServer;
      throw error;
    }
    try {
      checkDataDirVersion(options.dataDir);
    } catch (error) {
      release();
      throw error;
    }
  }
  let pglite: PGlite;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    pglite = await PGlite.create(options.dataDir ? join(options.dataDir, 'pgdata') : undefined, {
      parsers: typeParsers,
      loadDataDir: options.image,
      // The customers search's indexes (migration 0028) are pg_trgm's: a database that has them
      // cannot be read or written without the module, so every instance loads it.
      extensions: { pg_trgm },
      ...(options.sharedBuffers ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`] } : {}),
    });
    await pglite.exec(`set time zone 'UTC'`);
  } catch (error) {
    release();
    throw error;
  }
  const dialect = new PGliteDialect(pglite);
  const db = new Kysely<DB>({ dialect });
  let localServer: LocalServer | undefined;
  if (socket) {
    try {
      localServer = await serveLocally(pglite, socket, {
        // Kysely's connection() holds the dialect's single connection until the callback settles.
        acquire: () =>
          new Promise((acquired, failed) => {
            db.connection()
              .execute(() => new Promise<void>((done) => acquired(() => done())))
              .catch(failed);
          }),
      });
    } catch (error) {
      await db.destroy();
      release();
      throw error;
    }
  }
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
    giveWay: () => dialect.giveWay(),
    close: async () => {
      await localServer?.close();
      await db.destroy();
      release();
    },
  };
}
