// Reads a large result in pages through a server-side cursor, inside the caller's transaction.
// Unlike a driver-level stream, each FETCH is an ordinary query, so the same transaction can
// write between pages (pg's client-side cursors block the connection until they finish), and
// it is the same code on PGlite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { CompiledQuery, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

/**
 * `wholeUpTo`: a result expected to have at most this many rows (default: one page) is read with
 * one plain query, in one page.
 */
export async function* fetchInPages<R>(tx: Transaction<DB>, query: RawBuilder<R>, pageSize: number, { expectedRows, wholeUpTo = pageSize }: { expectedRows?: number; wholeUpTo?: number } = {}): AsyncIterable<R[]> {
  // A result expected to be small is read with one query: a cursor costs four more round trips
  // (the setting, DECLARE, the FETCH that finds the end, CLOSE), which is most of a small
  // organisation's read, and PostgreSQL never runs a cursor's query with parallel workers. A plain
  // query is planned for all its rows, as the cursor is below.
  if (expectedRows !== undefined && expectedRows <= wholeUpTo) {
    const { rows } = await query.execute(tx);
    if (rows.length > 0) yield rows;
    return;
  }
  const cursor = `page_cursor_${randomBytes(6).toString('hex')}`;
  const compiled = query.compile(tx);
  // We read every row: plan for the whole result, not (the default for cursors) its first 10%,
  // which picks nested loops that are quick to start and slow to finish.
  await tx.executeQuery(CompiledQuery.raw('set local cursor_tuple_fraction = 1.0'));
  await tx.executeQuery(CompiledQuery.raw(`declare ${cursor} no scroll cursor for ${compiled.sql}`, [...compiled.parameters]));
  try {
    for (;;) {
      const page = await tx.executeQuery<R>(CompiledQuery.raw(`fetch forward ${pageSize} from ${cursor}`));
      if (page.rows.length === 0) break;
      yield page.rows;
    }
  } finally {
    await tx.executeQuery(CompiledQuery.raw(`close ${cursor}`));
  }
}
