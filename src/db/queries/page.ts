// Keyset pagination shared by every list: rows after the last id seen, in id order. Unlike
// OFFSET, a page costs the same however deep it is, and rows inserted meanwhile never shift a
// page so that a row is seen twice or skipped.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../schema.ts';

export interface PageRequest {
  /** Continue after this id (in the page's order); null = the first page. */
  after: bigint | null;
  limit: number;
  /** Newest (highest id) first; ascending when absent. */
  descending?: boolean;
}

export interface Page<T> {
  rows: T[];
  /** The id to continue after, or null when this was the last page. */
  nextAfter: bigint | null;
}

/** Runs `query` (already scoped and filtered) for one page, keyed on `idColumn` (e.g. 'invoices.id'). */
export async function fetchPage<TB extends keyof DB, O extends { id: bigint }>(
  query: SelectQueryBuilder<DB, TB, O>,
  idColumn: string,
  page: PageRequest,
): Promise<Page<O>> {
  const id = sql.ref(idColumn);
  let q = query.orderBy(id, page.descending ? 'desc' : 'asc').limit(page.limit + 1);
  if (page.after !== null) q = q.where(page.descending ? sql<boolean>`${id} < ${page.after}` : sql<boolean>`${id} > ${page.after}`);
  // One row more than asked tells whether another page exists without a count.
  const rows = await q.execute();
  const more = rows.length > page.limit;
  if (more) rows.length = page.limit;
  return { rows, nextAfter: more ? rows[rows.length - 1]!.id : null };
}

/**
 * Keyset pagination over rows already in memory (e.g. a computed report), by ascending id. Rows
 * sharing an id (a customer's rows in several currencies) stay on one page, since the cursor
 * continues after an id and would otherwise skip the rest of them.
 */
export function pageOfArray<T>(items: readonly T[], idOf: (item: T) => bigint, page: PageRequest): Page<T> {
  const compare = (a: T, b: T) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0);
  const after = page.after;
  const rest = [...items].sort(compare).filter((item) => after === null || idOf(item) > after);
  let end = Math.min(page.limit, rest.length);
  while (end > 0 && end < rest.length && idOf(rest[end]!) === idOf(rest[end - 1]!)) end += 1;
  const rows = rest.slice(0, end);
  return { rows, nextAfter: end < rest.length ? idOf(rows[rows.length - 1]!) : null };
}
