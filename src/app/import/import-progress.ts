// How far a running import has got, kept in its `imports` row (column progress, migration 0027) so
// that GET /api/v1/imports/{id} and the /imports page can show it while the import runs, and a
// failed or interrupted import can say how many of its chunks were written.
import type { Kysely, Transaction } from 'kysely';
import type { DB, ImportProgress } from '../../db/schema.ts';
import { stringifyJson } from '../../json.ts';

/** While the file is read, the counts are stored at most this often. */
const readingEveryMs = 500;

export class ProgressLog {
  #now: ImportProgress = { phase: 'reading', rowsRead: 0, rowsStaged: 0, chunks: 1, chunksChecked: 0, chunksWritten: 0, rowsWritten: 0 };
  #storedAt = 0;
  #pending: Promise<void> | null = null;

  constructor(
    readonly db: Kysely<DB>,
    readonly orgId: bigint,
    /** null for a dry run: nothing is logged. */
    readonly importId: bigint | null,
  ) {}

  get now(): ImportProgress {
    return this.#now;
  }

  /** While reading: stored now and then, without waiting (a missed update is not the import's failure). */
  reading(counts: Partial<Pick<ImportProgress, 'rowsRead' | 'rowsStaged'>>): void {
    this.#now = { ...this.#now, ...counts };
    const now = Date.now();
    if (this.importId === null || this.#pending || now - this.#storedAt < readingEveryMs) return;
    this.#storedAt = now;
    this.#pending = this.#store(this.db)
      .catch(() => {})
      .finally(() => (this.#pending = null));
  }

  /** Stores the progress changed by `change`, inside `tx` when given (so that it commits with what it reports). */
  async set(change: Partial<ImportProgress>, tx?: Transaction<DB>): Promise<void> {
    this.#now = { ...this.#now, ...change };
    await this.#pending; // an older snapshot still on its way must not land after this one
    if (this.importId !== null) await this.#store(tx ?? this.db);
  }

  /** What a failed import's summary says of what was written: each chunk written is whole. */
  written(): { chunks: number; chunksWritten: number; rowsWritten: number } | Record<string, never> {
    const { chunks, chunksWritten, rowsWritten } = this.#now;
    return this.#now.phase === 'writing' || chunksWritten > 0 ? { chunks, chunksWritten, rowsWritten } : {};
  }

  async #store(db: Kysely<DB> | Transaction<DB>): Promise<void> {
    await db
      .updateTable('imports')
      .set({ progress: stringifyJson(this.#now) })
      .where('org_id', '=', this.orgId)
      .where('id', '=', this.importId!)
      .execute();
  }
}
