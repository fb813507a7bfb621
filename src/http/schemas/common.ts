// Building blocks of the API contract. Ids are strings of digits (int8 does not fit a JSON number
// safely); amounts are integers of minor units with a currency code; business dates are
// 'YYYY-MM-DD'; timestamps are ISO 8601 instants.
import { z } from '@hono/zod-openapi';
import { isoDateProblem, isTimeZone } from '../../domain/calendar.ts';
import { isCurrencyCode } from '../../domain/currencies.ts';
import { maxAmount } from '../../domain/money.ts';
import { errorCodes, type ErrorCode } from '../../errors.ts';

const maxInt8 = 9223372036854775807n;

/** An id as the API writes it. */
export const Id = z.string().regex(/^\d+$/).openapi({ example: '42' });

/** An id as a client sends it (path or body), read as bigint. */
export const IdInput = z
  .string()
  .regex(/^\d{1,19}$/, { message: 'must be an id: a string of digits such as "42"', abort: true })
  .refine((text) => BigInt(text) <= maxInt8, 'is too large to be an id')
  .transform((text) => BigInt(text))
  .openapi({ type: 'string', pattern: '^\\d+$', example: '42' });

/** Who acted, in words, beside the actor as written ('user:3'): the user's name (or email), the API key's name; null for the system. */
export const ActorName = z.string().nullable().openapi({ description: 'who acted, in words: the user’s name (or email) or the API key’s name; null for the system (the daily cycle, an import) or no one' });

export const IdParams = z.object({ id: IdInput.openapi({ param: { name: 'id', in: 'path' } }) });

/** Amount in minor units (pence, cents) as the API writes it: an exact JSON integer of any size. */
export const Amount = z.bigint().openapi({ type: 'integer', format: 'int64', description: 'minor units of the currency (e.g. 1250 = £12.50)', example: 125000 });
export const NullableAmount = z.bigint().nullable().openapi({ type: ['integer', 'null'], format: 'int64', description: 'minor units of the currency' });

/**
 * Amount in minor units as a client sends it: a JSON integer, at most ±10^13 (maxAmount), so that
 * sums of balances stay exact; JSON parsers read numbers as doubles, which are exact that far.
 */
export const AmountInput = z
  .int('must be a whole number of minor units (e.g. 1250 for 12.50)')
  .min(-Number(maxAmount), `must be at least -${maxAmount} minor units`)
  .max(Number(maxAmount), `must be at most ${maxAmount} minor units (the largest amount accepted)`)
  .openapi({ format: 'int64', description: 'minor units of the currency (e.g. 1250 = £12.50), at most 10000000000000', example: 125000 })
  .transform((n) => BigInt(n));

export const IsoDate = z
  .string()
  .superRefine((text, ctx) => {
    const problem = isoDateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ type: 'string', format: 'date', example: '2026-10-31' });

export const Timestamp = z.string().openapi({ format: 'date-time', example: '2026-10-31T09:30:00.000Z' });

export const Currency = z
  .string()
  .refine(isCurrencyCode, 'must be an ISO 4217 currency code in capitals, such as GBP, EUR or USD')
  .openapi({ type: 'string', pattern: '^[A-Z]{3}$', example: 'GBP' });

export const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code in capitals, such as GB or US')
  .openapi({ example: 'GB' });

export const TimeZone = z
  .string()
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/London or America/New_York')
  .openapi({ type: 'string', example: 'Europe/London' });

/** Free text of a bounded length, trimmed; empty means "not given". */
export const Text = (max: number) => z.string().trim().min(1, 'must not be empty (send null to clear it)').max(max);

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]).openapi({ description: 'stable, machine-readable' }),
    detail: z.string().openapi({ description: 'what went wrong and what to do next' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().openapi({ description: 'invalid_input: each field at fault' }),
    details: z.unknown().optional().openapi({ description: 'structured detail, e.g. the report of a rejected import' }),
  })
  .openapi('Problem');

const problemWhen: Record<number, string> = {
  400: 'Invalid input (code invalid_input); `errors` names each field',
  401: 'No valid API key or session (code unauthenticated)',
  403: 'The caller’s role may not do this, or a cookie request failed the same-origin check (code forbidden)',
  404: 'Not found in your organisation (code not_found)',
  409: 'Conflicts with the current data (code conflict)',
  422: 'Understood but refused: a rejected import (code import_rejected; `details` holds the report) or a small-claims pack that may not be made (code claim_refused; `details.reasons` lists every reason)',
  429: 'Too many failed attempts (code rate_limited); `detail` says when to try again',
};

/** The problem+json responses a route can give, for its OpenAPI entry. */
export function problems(...statuses: Array<400 | 401 | 403 | 404 | 409 | 422 | 429>) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: problemWhen[status]!, content: { 'application/problem+json': { schema: Problem } } }]),
  ) as Record<number, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }>;
}

/** A JSON response entry for a route's OpenAPI `responses`. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body entry for a route's OpenAPI `request`. */
export function jsonBody<S extends z.ZodType>(schema: S, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } };
}
