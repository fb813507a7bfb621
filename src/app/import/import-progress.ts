// How far a running import has got, kept in its `imports` row (column progress, migration 0019) so
// that GET /api/v1/imports/{id} and the /imports page can show it while the import runs.
import type { Kysely, Transaction } from 'kysely';
import type { DB, ImportProgress } from '../../db/schema.ts';
import { stringifyJson } from '../../json.ts';

/** While the file is read, the row count is stored at most this often. */
const readingEveryMs = 500;

export class ProgressLog {
  #last: ImportProgress = { phase: 'reading', rows: 0, chunks: 0, chunksDone: 0 };
  #readingAt = 0;
  #pending = false;

  constructor(
    readonly db: Kysely<DB>,
    readonly orgId: bigint,
    /** null for a dry run: nothing is logged. */
    readonly importId: bigint | null,
  ) {}

  /** While reading: stored now and then, without waiting (a missed update is not the import's failure). */
  reading(rows: number): void {
    const now = Date.now();
    if (this.importId === null || this.#pending || now - this.#readingAt < readingEveryMs) return;
    this.#readingAt = now;
    this.#pending = true;
    this.set({ phase: 'reading', rows, chunks: 0, chunksDone: 0 })
      .catch(() => {})
      .finally(() => (this.#pending = false));
  }

  /** Stores `progress`, inside `tx` when given (so that it commits with what it reports). */
  async set(progress: ImportProgress, tx?: Transaction<DB>): Promise<void> {
    this.#last = progress;
    if (this.importId === null) return;
    await (tx ?? this.db)
      .updateTable('imports')
      .set({ progress: stringifyJson(progress) })
      .where('org_id', '=', this.orgId)
      .where('id', '=', this.importId)
      .execute();
  }

  /** For a failed import's summary: how many chunks had been written (each whole, in its own transaction). */
  written(): { chunks?: number; chunksWritten?: number } {
    return this.#last.phase === 'writing' ? { chunks: this.#last.chunks, chunksWritten: this.#last.chunksDone } : {};
  }
}
