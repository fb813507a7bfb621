// Every row of a paginated list, page after page: the CLI prints whole lists, not a first page.
import type { Page, PageRequest } from '../db/queries/page.ts';

export async function listAll<T>(fetch: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let after: bigint | null = null;
  do {
    const page: Page<T> = await fetch({ after, limit: 500 });
    rows.push(...page.rows);
    after = page.nextAfter;
  } while (after !== null);
  return rows;
}
