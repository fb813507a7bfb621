// Errors as application/problem+json (RFC 9457) with a stable `code`.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, errorCodes, type ErrorCode } from '../errors.ts';
import { stringifyJson } from '../json.ts';

export function problemResponse(c: Context, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): Response {
  const status = errorCodes[code].http;
  const body = { type: `https://arrears.dev/problems/${code}`, title: errorCodes[code].title, status, code, detail, ...extra };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  // RFC 9110: a 401 names the scheme the client should use.
  if (code === 'unauthenticated') headers['www-authenticate'] = 'Bearer realm="arrears"';
  return c.body(stringifyJson(body), status as 400, headers);
}

export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof AppError) {
    return problemResponse(c, error.code, error.message, error.details === undefined ? {} : { details: error.details });
  }
  // A handler that already built its problem response (e.g. a validation it runs itself).
  if (error instanceof HTTPException && error.res) return error.getResponse();
  // Hono's own request errors: a body that is not JSON (400) or not of a declared media type (415).
  if (error instanceof HTTPException && error.status < 500) {
    const detail =
      error.status === 415
        ? `a body of type "${c.req.header('content-type') ?? 'none'}" is not accepted here; send JSON with "Content-Type: application/json"`
        : `${error.message}; send a valid JSON document`;
    return problemResponse(c, 'invalid_input', detail);
  }
  return problemResponse(c, 'internal', 'an unexpected error happened; it has been logged');
}

const places = { json: 'body', form: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie' } as Record<string, string>;

/** A Zod validation failure as a 400 naming every field that is wrong, e.g. "body.total: …". */
export function validationProblem(c: Context, target: string, error: ZodError): Response {
  const place = places[target] ?? target;
  const errors = error.issues.flatMap((issue) => {
    const field = (...more: string[]) => [place, ...issue.path.map(String), ...more].join('.');
    // Zod reports unknown keys once for their object; name each, as a misspelt field is the usual cause.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: field(key), message: 'is not a field here; check the spelling against /api/docs' }));
    return [{ field: field(), message: issue.message }];
  });
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return problemResponse(c, 'invalid_input', detail, { errors });
}
