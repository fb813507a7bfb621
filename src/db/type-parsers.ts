// One table of result parsers, installed on both engines so rows look identical on PGlite and
// PostgreSQL: int8 → bigint (money is bigint minor units), date → 'YYYY-MM-DD' string (a business
// date is never a JS Date), numeric → exact decimal string, timestamptz → ISO 8601 string; and
// arrays of each the same way (pg's own array parsers would give strings, Dates and floats).
import { parse as parseArray } from 'postgres-array';

export const oids = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamptz: 1184,
  int8Array: 1016,
  numericArray: 1231,
  dateArray: 1182,
  timestamptzArray: 1185,
} as const;

/** Sessions run in UTC, so timestamptz text arrives as e.g. '2026-11-23 09:30:00.123+00'. */
function parseTimestamptz(text: string): string {
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(iso).toISOString();
}

const identity = (text: string) => text;
const toBigInt = (text: string) => BigInt(text);

export const typeParsers: Record<number, (text: string) => unknown> = {
  [oids.int8]: toBigInt,
  [oids.numeric]: identity,
  [oids.date]: identity,
  [oids.timestamptz]: parseTimestamptz,
  [oids.int8Array]: (text) => parseArray(text, toBigInt),
  [oids.numericArray]: (text) => parseArray(text, identity),
  [oids.dateArray]: (text) => parseArray(text, identity),
  [oids.timestamptzArray]: (text) => parseArray(text, parseTimestamptz),
};
