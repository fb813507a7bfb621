// Money as integer minor units (bigint) plus an ISO 4217 code. Parsing and formatting are exact
// string operations: no float ever touches an amount.
import { currencyExponent, isCurrencyCode, type CurrencyCode } from './currencies.ts';

export interface Money {
  amount: bigint;
  currency: CurrencyCode;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The largest amount Arrears accepts anywhere (API, command line, imports), either sign: 10^13
 * minor units (100 billion pounds or dollars, 10 trillion yen). Far beyond any one invoice, and
 * low enough that the balances of 900,000 such invoices still add up inside a bigint.
 */
export const maxAmount = 10n ** 13n;

/** Why `amount` (minor units) is out of range, or undefined when it is within ±maxAmount. */
export function amountRangeProblem(amount: bigint): string | undefined {
  return amount > maxAmount || amount < -maxAmount ? `is larger than the largest amount accepted, ${maxAmount} minor units (e.g. 100,000,000,000.00 in a currency with 2 decimals)` : undefined;
}

/** Currency symbols and codes that accounting exports put beside amounts. */
const decorations = /[$£€¥₹₩₦₱₪฿₫₴₺]|\b[A-Z]{3}\b|\s/g;

/**
 * Parses an amount as written in an accounting export into minor units of `currency`:
 * "1,234.50", "$1,234.50", "(45.00)" and "-45" are accepted; "1.234,50" (decimal comma) is not.
 * More decimals than the currency has (e.g. "10.001" GBP) is an error, never a silent rounding.
 */
export function parseAmount(text: string, currency: CurrencyCode): ParseResult<bigint> {
  const exponent = currencyExponent(currency);
  let s = text.trim();
  if (s === '') return { ok: false, message: 'is empty; write an amount such as 1250.00' };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(decorations, '');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$|^\.\d+$/.test(s)) {
    return { ok: false, message: 'is not an amount; write digits with "." for decimals, e.g. 1250.00 or 1,250.00' };
  }
  const [whole = '0', fraction = ''] = s.replace(/,/g, '').split('.');
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction.length > exponent) {
    return {
      ok: false,
      message: `has ${significantFraction.length} decimals but ${currency} has ${exponent}; round it in the source`,
    };
  }
  const minor = BigInt((whole || '0') + fraction.padEnd(exponent, '0').slice(0, exponent));
  const tooLarge = amountRangeProblem(minor);
  if (tooLarge) return { ok: false, message: tooLarge };
  return { ok: true, value: negative ? -minor : minor };
}

/** Plain decimal text of minor units, e.g. 123456n GBP → "1234.56", 5n KWD → "0.005", 100n JPY → "100". */
export function toDecimalString(amount: bigint, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString();
  if (exponent === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** Amount with the currency's symbol for people to read, e.g. "£1,234.56"; exact for any size. */
export function formatMoney(amount: bigint, currency: CurrencyCode, locale = 'en-GB'): string {
  // Intl formats a decimal string exactly (no conversion to a float).
  return moneyFormat(currency, locale).format(toDecimalString(amount, currency) as unknown as number);
}

// Building a NumberFormat costs far more than using one; messages format thousands of amounts.
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: CurrencyCode, locale: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const exponent = currencyExponent(currency);
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    moneyFormats.set(key, format);
  }
  return format;
}

export function parseCurrency(text: string): ParseResult<CurrencyCode> {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return { ok: false, message: 'is not a currency code; write an ISO 4217 code such as GBP or USD' };
  if (!isCurrencyCode(code)) return { ok: false, message: `is not an ISO 4217 currency code; check the spelling (e.g. USD, EUR, GBP)` };
  return { ok: true, value: code };
}

/** Sums amounts per currency: totals are never added across currencies. Currencies keep the order they first appear in. */
export function sumByCurrency<C extends string = CurrencyCode>(items: Iterable<{ amount: bigint; currency: C }>): Map<C, bigint> {
  const totals = new Map<C, bigint>();
  for (const { amount, currency } of items) totals.set(currency, (totals.get(currency) ?? 0n) + amount);
  return totals;
}

/**
 * `basisPoints` hundredths of a percent of `amount` (minor units, not negative), rounded half up to
 * the minor unit: an agency's commission, an estimated recovery.
 */
export function basisPointsOf(amount: bigint, basisPoints: bigint): bigint {
  return (amount * basisPoints + 5_000n) / 10_000n;
}
