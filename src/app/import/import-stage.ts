// The persistent stage of one import (table import_stage, migration 0019). PGlite has one
// connection, and one long import transaction held every other request of the server: while it
// read a 20,000-row file, even /healthz waited 9 s. So a file's rows are written here as they are
// read, each batch in its own short statement, and later loaded chunk by chunk into the temporary
// stage table the checks and merges read (staging.ts), each chunk in its own short transaction.
//
// Rows that must be seen together — sharing a customer, an invoice number, a payment id (the
// stage's `together` keys) — are put in the same chunk as they are read; when a row ties two
// chunks together, the later chunk is folded into the earlier. Each chunk is thus self-contained:
// the checks across rows and the merges give what they gave on the whole file.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createStageTable, type StageTable } from './staging.ts';

export interface ImportStageOptions {
  /** Rows per insert. */
  batchRows: number;
  /** Rows per chunk (a chunk whose keys tie more rows to it grows beyond). */
  chunkRows: number;
}

/** Sized so that one statement or one chunk's transaction stays well under 100 ms on PGlite. */
export const defaultStageOptions: ImportStageOptions = { batchRows: 1000, chunkRows: 1000 };

export class ImportStage<Row extends { line: number }> {
  /** Names this import's rows in import_stage (a dry run has no import id). */
  readonly key = randomUUID();
  #buffer: Array<{ row: Row; chunk: number }> = [];
  #inFlight: Promise<void> | null = null;
  /** Chunks folded into others since the last batch: their stored rows are relabelled before it. */
  #folds: Array<[from: number, into: number]> = [];
  #chunkOfKey = new Map<string, number>();
  #keysOfChunk = new Map<number, string[]>();
  #rowsOfChunk = new Map<number, number>();
  #open = 0;
  #next = 1;

  constructor(
    readonly db: Kysely<DB>,
    readonly orgId: bigint,
    readonly table: StageTable<Row>,
    readonly options: ImportStageOptions = defaultStageOptions,
  ) {}

  /** The chunks, in the order they are to be written. */
  get chunks(): number[] {
    return [...this.#rowsOfChunk.keys()].sort((a, b) => a - b);
  }

  async add(row: Row): Promise<void> {
    const keys = this.table.together(row).filter((key): key is string => Boolean(key));
    const joined = new Set(keys.flatMap((key) => (this.#chunkOfKey.has(key) ? [this.#chunkOfKey.get(key)!] : [])));
    let chunk: number;
    if (joined.size === 0) {
      if (!this.#rowsOfChunk.has(this.#open) && this.#rowsOfChunk.size > 0) this.#open = this.#next++; // folded away
      if ((this.#rowsOfChunk.get(this.#open) ?? 0) >= this.options.chunkRows) this.#open = this.#next++;
      chunk = this.#open;
    } else {
      chunk = Math.min(...joined);
      for (const other of joined) if (other !== chunk) this.#fold(other, chunk);
    }
    for (const key of keys) {
      if (this.#chunkOfKey.has(key)) continue;
      this.#chunkOfKey.set(key, chunk);
      const chunkKeys = this.#keysOfChunk.get(chunk);
      if (chunkKeys) chunkKeys.push(key);
      else this.#keysOfChunk.set(chunk, [key]);
    }
    this.#rowsOfChunk.set(chunk, (this.#rowsOfChunk.get(chunk) ?? 0) + 1);
    this.#buffer.push({ row, chunk });
    if (this.#buffer.length >= this.options.batchRows) await this.#send();
  }

  /** Writes what is buffered and waits until every batch is stored (or throws its error). */
  async flush(): Promise<void> {
    if (this.#buffer.length > 0 || this.#folds.length > 0) await this.#send();
    const last = this.#inFlight;
    this.#inFlight = null;
    await last;
  }

  /** Loads one chunk into the stage's temporary table, inside `tx` (dropped when it ends). */
  async load(tx: Transaction<DB>, chunk: number): Promise<void> {
    await createStageTable(tx, this.table);
    const name = sql.table(this.table.name);
    await sql`insert into ${name}
      select r.* from import_stage st cross join lateral jsonb_populate_record(null::${name}, st.record) r
       where st.org_id = ${this.orgId} and st.stage_key = ${this.key} and st.chunk = ${chunk}
       order by st.line`.execute(tx);
  }

  /** Deletes the staged rows, a chunk per statement. */
  async discard(): Promise<void> {
    await this.flush().catch(() => {}); // a batch still in flight would otherwise land after the delete
    for (const chunk of this.chunks) {
      await this.db.deleteFrom('import_stage').where('org_id', '=', this.orgId).where('stage_key', '=', this.key).where('chunk', '=', chunk).execute();
    }
  }

  #fold(from: number, into: number): void {
    const keys = this.#keysOfChunk.get(from) ?? [];
    for (const key of keys) this.#chunkOfKey.set(key, into);
    const intoKeys = this.#keysOfChunk.get(into);
    if (intoKeys) for (const key of keys) intoKeys.push(key);
    else this.#keysOfChunk.set(into, keys);
    this.#keysOfChunk.delete(from);
    this.#rowsOfChunk.set(into, (this.#rowsOfChunk.get(into) ?? 0) + (this.#rowsOfChunk.get(from) ?? 0));
    this.#rowsOfChunk.delete(from);
    for (const entry of this.#buffer) if (entry.chunk === from) entry.chunk = into;
    this.#folds.push([from, into]);
  }

  /** Starts the buffered batch once the previous one is done; a failed batch throws here or in flush. */
  async #send(): Promise<void> {
    const rows = this.#buffer;
    const folds = this.#folds;
    this.#buffer = [];
    this.#folds = [];
    await this.#inFlight;
    const insert = this.#insert(rows, folds);
    // Awaited later: handled now, so a failure while the caller is still parsing is not reported as
    // unhandled; the next #send or flush re-throws it.
    insert.catch(() => {});
    this.#inFlight = insert;
  }

  async #insert(rows: Array<{ row: Row; chunk: number }>, folds: Array<[number, number]>): Promise<void> {
    for (const [from, into] of folds) {
      await this.db
        .updateTable('import_stage')
        .set({ chunk: into })
        .where('org_id', '=', this.orgId)
        .where('stage_key', '=', this.key)
        .where('chunk', '=', from)
        .execute();
    }
    if (rows.length === 0) return;
    const records = rows.map(({ row }) => {
      const record: Record<string, unknown> = {};
      for (const [column, , value] of this.table.columns) {
        const v = value(row);
        record[column] = typeof v === 'bigint' ? v.toString() : (v ?? null);
      }
      return JSON.stringify(record);
    });
    const lines = rows.map(({ row }) => row.line);
    const numbers = rows.map(({ row }) => this.table.number?.(row) ?? null);
    await sql`insert into import_stage (org_id, stage_key, chunk, line, number, record)
      select ${this.orgId}, ${this.key}::uuid, * from unnest(${rows.map((r) => r.chunk)}::integer[], ${lines}::integer[], ${numbers}::text[], ${records}::jsonb[])`.execute(
      this.db,
    );
  }
}

/** Stage rows older than a day belong to imports whose process died: no import runs that long. */
export async function discardAbandonedStages(db: Kysely<DB>, orgId: bigint): Promise<void> {
  await sql`delete from import_stage where org_id = ${orgId} and created_at < now() - interval '1 day'`.execute(db);
}
