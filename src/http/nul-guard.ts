// PostgreSQL text cannot hold the NUL character (U+0000): a value with one fails deep inside a
// query as "invalid byte sequence" (a 500). This refuses it at the door, for every route at once,
// naming the field: in the path or query (where it can only arrive as %00) and anywhere in a JSON
// body, keys included.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { problemResponse } from './problem.ts';

const message = 'must not contain the NUL character (\\u0000); remove it';

/** The fields (e.g. "body.lines.0.description") of `value` whose text holds a NUL. */
export function fieldsWithNul(value: unknown, path: string, found: string[] = []): string[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => fieldsWithNul(item, `${path}.${index}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push(`${path}.${JSON.stringify(key).slice(1, -1)}`);
      fieldsWithNul(item, `${path}.${key}`, found);
    }
  }
  return found;
}

export function nulGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const fields: string[] = [];
    if (/%00/i.test(url.pathname)) fields.push('path');
    for (const [key, value] of url.searchParams) {
      if (key.includes('\u0000') || value.includes('\u0000')) fields.push(`query.${key.replaceAll('\u0000', '\\u0000')}`);
    }
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (fields.length === 0 && c.req.raw.body && /^application\/([a-z.+-]*\+)?json\b/.test(type)) {
      // Read (and cached) here; the route's validator parses the same text. Bad JSON is left to it.
      const text = await c.req.text();
      if (text.includes('\\u0000')) {
        try {
          fieldsWithNul(JSON.parse(text), 'body', fields);
        } catch {
          // not JSON: the validator answers that
        }
      }
    }
    if (fields.length === 0) return next();
    const errors = fields.map((field) => ({ field, message }));
    return problemResponse(c, 'invalid_input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  };
}
