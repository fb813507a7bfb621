// Cursor pagination, the same on every list: `?limit=` (1–500, default 50) and `?cursor=` (the
// `nextCursor` of the previous page). The cursor is opaque to clients; it is the last id seen, so
// pages stay stable while rows are added.
import { z } from '@hono/zod-openapi';
import type { Page, PageRequest } from '../../db/queries/page.ts';

const maxInt8 = 9223372036854775807n;

export function encodeCursor(id: bigint): string {
  return Buffer.from(id.toString()).toString('base64url');
}

function decodeCursor(cursor: string): bigint | undefined {
  const text = Buffer.from(cursor, 'base64url').toString();
  // An id is an int8: a larger number is no cursor of ours (and would fail in the query).
  return /^\d{1,19}$/.test(text) && BigInt(text) <= maxInt8 && encodeCursor(BigInt(text)) === cursor ? BigInt(text) : undefined;
}

export const PageQuery = z.strictObject({
  limit: z.coerce
    .number('must be a number from 1 to 500')
    .int('must be a whole number from 1 to 500')
    .min(1, 'must be at least 1')
    .max(500, 'must be at most 500')
    .default(50)
    .openapi({ description: 'rows per page (1–500)', example: 50 }),
  cursor: z
    .string()
    .transform((text, ctx) => {
      const id = decodeCursor(text);
      if (id === undefined) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this API gave; use the nextCursor of the previous page, or leave it out to start again' });
        return z.NEVER;
      }
      return id;
    })
    .optional()
    .openapi({ type: 'string', description: 'the nextCursor of the previous page; leave out for the first page' }),
});

export function pageRequest(query: { limit: number; cursor?: bigint | undefined }): PageRequest {
  return { after: query.cursor ?? null, limit: query.limit };
}

/** The envelope of every list: `data` and the cursor of the next page (null on the last page). */
export function pageOf<S extends z.ZodType>(item: S, name: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: 'pass as ?cursor= for the next page; null on the last page' }),
    })
    .openapi(name);
}

export function toPage<T, U>(page: Page<T>, map: (row: T) => U): { data: U[]; nextCursor: string | null } {
  return { data: page.rows.map(map), nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) };
}
