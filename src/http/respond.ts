// JSON responses checked against their contract and written with exact bigints. Amounts are
// bigint minor units, which c.json cannot write; stringifyJson writes them as exact integers.
import type { Context, TypedResponse } from 'hono';
import type { z } from '@hono/zod-openapi';
import { stringifyJson } from '../json.ts';

/**
 * Validates `data` against the response `schema` (a mismatch is our bug: it fails loudly instead
 * of sending an undocumented shape, and keys outside the contract are dropped) and sends it.
 */
export function sendJson<S extends z.ZodType, Status extends 200 | 201>(
  c: Context,
  schema: S,
  data: z.input<S>,
  status: Status,
): Response & TypedResponse<never, Status, 'json'> {
  const body = stringifyJson(schema.parse(data));
  // The typed-response brand tells the OpenAPI router this matches the route's declared response;
  // its data type cannot express bigint, so the contract is enforced by the parse above instead.
  return c.body(body, status, { 'content-type': 'application/json' }) as unknown as Response & TypedResponse<never, Status, 'json'>;
}
