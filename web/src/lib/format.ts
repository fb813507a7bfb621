// How the web app writes amounts and dates: amounts from the API's integer minor units with the
// currency's own exponent (src/domain/money.ts: exact decimal strings handed to Intl, never a
// float), in the organisation's locale; instants in the organisation's time zone. Plain dates
// ('YYYY-MM-DD') are business dates: written as they are, whatever the time zone.
import { currencyExponent } from '../../../src/domain/currencies.ts';
import { formatMoney, parseAmount } from '../../../src/domain/money.ts';

export interface Formats {
  locale: string;
  timeZone: string;
}

/** An amount as the API sends it (a JSON integer of minor units) → bigint, refusing anything inexact. */
export function minorUnits(amount: number | bigint | string): bigint {
  if (typeof amount === 'bigint') return amount;
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) throw new Error(`amount ${amount} is not an exact integer of minor units`);
  return BigInt(amount);
}

export function formatAmount(amount: number | bigint, currency: string, locale: string): string {
  return formatMoney(minorUnits(amount), currency, locale);
}

/** Minor units for the API (a JSON number: exact, amounts are at most 10^13). */
export function toApiAmount(amount: bigint): number {
  return Number(amount);
}

/** What a person typed ("1,234.50", "£12") → minor units of `currency`, or why not. */
export function parseAmountInput(text: string, currency: string): { ok: true; value: bigint } | { ok: false; message: string } {
  return parseAmount(text, currency);
}

/** The amount as a plain number of major units, for chart axes only (never for sums or display of money). */
export function chartValue(amount: number | bigint, currency: string): number {
  return Number(minorUnits(amount)) / 10 ** currencyExponent(currency);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = make()));
  return format;
}

/** A business date 'YYYY-MM-DD' in the locale's style; the same day in every time zone. */
export function formatDate(date: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const format = cached(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }));
  return format.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** An instant (ISO 8601) as the date and time it was in the organisation's time zone. */
export function formatInstant(instant: string, formats: Formats): string {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) return instant;
  const format = cached(`i:${formats.locale}:${formats.timeZone}`, () =>
    new Intl.DateTimeFormat(formats.locale, { timeZone: formats.timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  );
  return format.format(millis);
}

/** Today's date 'YYYY-MM-DD' in a time zone. */
export function todayIn(timeZone: string, nowMillis: number = Date.now()): string {
  return cached(`t:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(nowMillis);
}

/** A plain date moved by whole days (calendar arithmetic on the date, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.UTC(y, m - 1, d + days));
}

/** The first and last day of the month `monthsBack` months before the month of `date`. */
export function monthBounds(date: string, monthsBack: number): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const iso = (millis: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(millis);
  return { from: iso(Date.UTC(y, m - 1 - monthsBack, 1)), to: iso(Date.UTC(y, m - monthsBack, 0)) };
}
