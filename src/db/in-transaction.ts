// Runs work in a transaction: the caller's, when it passes one (so a use case can be part of a
// larger unit of work, e.g. the daily cycle), or a new one.
import type { Transaction } from 'kysely';
import type { Executor } from './executor.ts';
import type { DB } from './schema.ts';

export function inTransaction<T>(db: Executor, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  // Never open a second transaction on the outer handle while inside one: on PGlite's single
  // connection that waits for itself forever.
  return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
}
