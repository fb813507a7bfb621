// Staging: the rows of a file land in a table of their own (batched, one array per column through
// unnest), so checks across rows and the merge into the ledger are set-based SQL.
//
// The stage is a real (unlogged) table per import, not a temporary table of one transaction: on
// PGlite the one connection is held by a transaction until it ends, and an import kept in one
// transaction froze every other request of the server for as long as it ran (20,000 rows: 9 s).
// Rows are staged a short statement at a time outside any transaction, and each later step
// reads them inside a transaction of its own, under the stage's usual name (`stage_invoices`, …):
// the file's rows, or a run of chunks of them.
//
// A chunk is a set of whole customers: every row of a customer is in the same chunk, so a chunk's
// checks and merge give what they would give on the whole file (see import-file.ts). A step takes
// one chunk or several consecutive ones.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fnv1a } from '../shared/fnv1a.ts';

export type StageValue = string | bigint | number | boolean | null;

export interface StageTable<Row> {
  /** The name the checks and merges read the rows by (a temporary view over the import's stage). */
  name: string;
  columns: ReadonlyArray<readonly [column: string, pgType: string, value: (row: Row) => StageValue | undefined]>;
  /** Rows with the same key are always written in one transaction (the customer); none = the whole file in one. */
  groupKey?: (row: Row) => string | undefined;
  /** The key two rows of the file must not share with different data (checked over the whole file). */
  uniqueKey?: (row: Row) => string | undefined;
}

/** Chunks `first` to `last` (inclusive) of a stage. */
export interface ChunkRun {
  first: number;
  last: number;
}

/** One import's stage: its table, the chunks its rows were put in, and the unique keys seen twice. */
export class ImportStage<Row> {
  /** The stored table (the import's id makes it unique; a dry run, which has none, a random one). */
  readonly storedName: string;
  readonly #chunker: Chunker;
  readonly #repeats = new RepeatFinder();

  constructor(
    readonly table: StageTable<Row>,
    importId: bigint | null,
    /** Rows per chunk; a customer with more rows than this still gets one chunk. Infinity: one chunk. */
    chunkRows: number,
    /** Awaited before each step: other work on the connection first (Database.giveWay). */
    readonly giveWay: () => Promise<void> = () => yieldToEventLoop(),
  ) {
    this.storedName = `import_stage_${importId === null ? `dry_${randomUUID().replaceAll('-', '')}` : importId.toString()}`;
    this.#chunker = new Chunker(table.groupKey ? chunkRows : Number.POSITIVE_INFINITY);
  }

  /**
   * Every unique key that more than one row may have (a superset: a few others that share a hash
   * with an earlier key): the whole-file duplicate check needs to read only the rows with these.
   */
  get repeatedKeys(): string[] {
    return [...this.#repeats.repeated];
  }

  /** The number of chunks so far (at least 1). */
  get chunks(): number {
    return this.#chunker.rowsPerChunk.length;
  }

  /** Rows put in each chunk, by chunk number. */
  get rowsPerChunk(): readonly number[] {
    return this.#chunker.rowsPerChunk;
  }

  /** Notes a row as it is staged: its unique key, and the chunk it goes in (returned). */
  admit(row: Row): number {
    this.#repeats.note(this.table.uniqueKey?.(row));
    return this.#chunker.chunkOf(this.table.groupKey?.(row));
  }

  /** Unlogged: a crash ends the import anyway, and the stage is of no use after it. */
  async create(db: Kysely<DB>): Promise<void> {
    const columns = this.table.columns.map(([column, pgType]) => `${column} ${pgType}`).join(', ');
    await sql.raw(`create unlogged table ${this.storedName} (chunk integer not null, ${columns})`).execute(db);
  }

  /** After the last row: an index on the chunk when there are several, so each chunk's steps read only its rows. */
  async staged(db: Kysely<DB>): Promise<void> {
    if (this.chunks > 1) await sql.raw(`create index on ${this.storedName} (chunk)`).execute(db);
  }

  async drop(db: Kysely<DB>): Promise<void> {
    await sql.raw(`drop table if exists ${this.storedName}`).execute(db);
  }

  /**
   * Runs `work` in a transaction of its own in which the stage's usual name means this import's
   * rows: all of them ('all': a view, so changes go to the stage), or a run of chunks, as a
   * `'view'` (for statements that only look each row up by index: no copy to make) or a `'copy'`
   * (read-only use). Gives way first, so that requests that came in while the last step ran get
   * the connection before this one.
   */
  async transaction<T>(db: Kysely<DB>, chunks: 'all' | ChunkRun, work: (tx: Transaction<DB>) => Promise<T>, as: 'view' | 'copy' = 'copy'): Promise<T> {
    await this.giveWay();
    const started = performance.now();
    try {
      return await this.#transaction(db, chunks, work, as);
    } finally {
      this.lastStepMs = performance.now() - started;
    }
  }

  /** How long the last transaction of `transaction` held the connection. */
  lastStepMs = 0;

  async #transaction<T>(db: Kysely<DB>, chunks: 'all' | ChunkRun, work: (tx: Transaction<DB>) => Promise<T>, as: 'view' | 'copy'): Promise<T> {
    return db.transaction().execute(async (tx) => {
      const columns = this.table.columns.map(([column]) => column).join(', ');
      const whole = chunks === 'all' || (chunks.first === 0 && chunks.last >= this.chunks - 1);
      if (whole || as === 'view') {
        const run = whole ? '' : ` where chunk between ${Number(chunks.first)} and ${Number(chunks.last)}`;
        await sql.raw(`create temporary view ${this.table.name} as select ${columns} from ${this.storedName}${run}`).execute(tx);
        const result = await work(tx);
        await sql.raw(`drop view ${this.table.name}`).execute(tx);
        return result;
      }
      // A copy, not a view filtered by chunk: without statistics the planner takes such a view for a
      // few rows and joins it by nested loops (a 5,000-row chunk's insert took 15 s instead of 0.2).
      await sql.raw(`create temporary table ${this.table.name} on commit drop as
        select ${columns} from ${this.storedName} where chunk between ${Number(chunks.first)} and ${Number(chunks.last)}`).execute(tx);
      return work(tx);
    });
  }
}

/** Puts rows in chunks of about `chunkRows`, every row of one key in the chunk of its first row. */
class Chunker {
  readonly rowsPerChunk: number[] = [0];
  readonly #chunkOfKey = new Map<string, number>();

  constructor(readonly chunkRows: number) {}

  chunkOf(key: string | undefined): number {
    if (this.chunkRows === Number.POSITIVE_INFINITY) {
      this.rowsPerChunk[0]! += 1;
      return 0;
    }
    let chunk = key === undefined ? undefined : this.#chunkOfKey.get(key);
    if (chunk === undefined) {
      if (this.rowsPerChunk.at(-1)! >= this.chunkRows) this.rowsPerChunk.push(0);
      chunk = this.rowsPerChunk.length - 1;
      if (key !== undefined) this.#chunkOfKey.set(key, chunk);
    }
    this.rowsPerChunk[chunk]! += 1;
    return chunk;
  }
}

/**
 * Notes keys as they come, to tell which may be on more than one row: a 32-bit hash of each key
 * seen (not the key: a million invoice numbers kept as strings would hold on to their lines), and
 * the keys whose hash was seen before. A key on two rows is always among those; a key that only
 * shares its hash with another is among them too, and found to be on one row by the check.
 */
class RepeatFinder {
  readonly repeated = new Set<string>();
  readonly #seen = new Set<number>();

  note(key: string | undefined): void {
    if (key === undefined) return;
    const hash = fnv1a(key);
    if (this.#seen.has(hash)) this.repeated.add(key);
    else this.#seen.add(hash);
  }
}

/** Leaves out the rows with problems (for --partial); inside a transaction of ImportStage.transaction. */
export async function dropStagedLines<Row>(tx: Transaction<DB>, table: StageTable<Row>, lines: Set<number>): Promise<void> {
  if (lines.size === 0) return;
  await sql`delete from ${sql.table(table.name)} where line = any(${[...lines]}::integer[])`.execute(tx);
}

/**
 * Buffers rows and writes them to the stage in batches, each its own short statement, giving way
 * before each so that other requests are not held while a large file is read.
 * One batch is in flight while the caller goes on reading the file: parsing is JavaScript and the
 * insert is the database's work, so on PostgreSQL the two overlap instead of taking turns.
 */
export class StageWriter<Row> {
  #buffer: Row[] = [];
  #inFlight: Promise<void> | null = null;
  #staged = 0;

  constructor(
    readonly db: Kysely<DB>,
    readonly stage: ImportStage<Row>,
    readonly batchSize = 2000,
    /** Called after each batch is stored, with the rows stored so far. */
    readonly onStaged: (rows: number) => void = () => {},
  ) {}

  async add(row: Row): Promise<void> {
    this.#buffer.push(row);
    if (this.#buffer.length >= this.batchSize) await this.#send();
  }

  /** Writes what is buffered and waits until every batch is in the table (or throws its error). */
  async flush(): Promise<void> {
    if (this.#buffer.length > 0) await this.#send();
    const last = this.#inFlight;
    this.#inFlight = null;
    await last;
  }

  /** Starts the buffered batch once the previous one is done; a failed batch throws here or in flush. */
  async #send(): Promise<void> {
    const rows = this.#buffer;
    this.#buffer = [];
    await this.#inFlight;
    const insert = this.#insert(rows);
    // Awaited later: handled now, so a failure while the caller is still parsing is not reported as
    // unhandled; the next #send or flush re-throws it.
    insert.catch(() => {});
    this.#inFlight = insert;
  }

  async #insert(rows: Row[]): Promise<void> {
    await this.stage.giveWay();
    const { table } = this.stage;
    const chunks = sql`${rows.map((row) => this.stage.admit(row))}::integer[]`;
    const arrays = table.columns.map(([, pgType, value]) => sql`${rows.map((row) => value(row) ?? null)}::${sql.raw(pgType)}[]`);
    const names = sql.raw(['chunk', ...table.columns.map(([column]) => column)].join(', '));
    await sql`insert into ${sql.raw(this.stage.storedName)} (${names})
      select * from unnest(${sql.join([chunks, ...arrays])})`.execute(this.db);
    this.#staged += rows.length;
    this.onStaged(this.#staged);
  }
}
