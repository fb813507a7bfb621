// A Kysely dialect for PGlite. PGlite is a single connection, so the driver hands it out to one
// Kysely "connection" at a time (a queue); inside a transaction all work must use the transaction
// handle, or it would wait for itself.
import type { PGlite } from '@electric-sql/pglite';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

class ConnectionQueue {
  #tail: Promise<void> = Promise.resolve();
  /** Holders and waiters; 0 when the connection is free. */
  #users = 0;
  /** Every acquire ever asked for: a change tells that someone came meanwhile. */
  #acquisitions = 0;

  acquire(): Promise<() => void> {
    let release!: () => void;
    this.#users += 1;
    this.#acquisitions += 1;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => () => {
      this.#users -= 1;
      release();
    });
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }

  /**
   * Resolves when nobody else has asked for the connection during a turn of the event loop (at
   * once when nothing else runs) or, once someone has, during `quietMs` — a request between two of
   * its statements comes back within that — or after `maxWaitMs` however busy it is.
   */
  async giveWay(quietMs: number, maxWaitMs: number): Promise<void> {
    const until = performance.now() + maxWaitMs;
    let seen = this.#acquisitions;
    await nextTurn(); // requests that came in while the caller held the connection are read, and ask for it
    while (this.#users > 0 || this.#acquisitions !== seen) {
      if (performance.now() >= until) return;
      seen = this.#acquisitions;
      await sleep(quietMs);
    }
  }
}

/**
 * Long work in steps (a large import) calls giveWay between its steps, so that the requests that
 * came in meanwhile run all their statements before its next step, instead of one statement
 * between two steps each. Work that cannot wait for ever stops waiting after a while.
 */
const quietMs = 15;
const maxGiveWayMs = 300;

class PGliteConnection implements DatabaseConnection {
  inTransaction = false;
  #cursorCount = 0;

  constructor(
    readonly pg: PGlite,
    readonly release: () => void,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiled.sql, [...compiled.parameters]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  /** Streams through a server-side cursor, so a large result never sits in memory whole. */
  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const cursor = `kysely_cursor_${++this.#cursorCount}`;
    const ownTransaction = !this.inTransaction;
    if (ownTransaction) await this.pg.query('begin');
    try {
      await this.pg.query(`declare ${cursor} no scroll cursor for ${compiled.sql}`, [...compiled.parameters]);
      for (;;) {
        const result = await this.pg.query<R>(`fetch forward ${Math.max(1, chunkSize)} from ${cursor}`);
        if (result.rows.length === 0) break;
        yield { rows: result.rows };
      }
      await this.pg.query(`close ${cursor}`);
      if (ownTransaction) await this.pg.query('commit');
    } catch (error) {
      if (ownTransaction) await this.pg.query('rollback');
      throw error;
    }
  }
}

class PGliteDriver implements Driver {
  readonly #queue = new ConnectionQueue();

  constructor(readonly pg: PGlite) {}

  giveWay(): Promise<void> {
    return this.#queue.giveWay(quietMs, maxGiveWayMs);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#queue.acquire();
    return new PGliteConnection(this.pg, release);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
    (connection as PGliteConnection).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release();
  }

  async destroy(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}

export class PGliteDialect implements Dialect {
  readonly #driver: PGliteDriver;

  constructor(readonly pg: PGlite) {
    this.#driver = new PGliteDriver(pg);
  }

  /** See ConnectionQueue.giveWay. */
  giveWay(): Promise<void> {
    return this.#driver.giveWay();
  }

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return this.#driver;
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
