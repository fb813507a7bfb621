import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../money.ts';
import { formatAmount, formatDate, formatMinorUnits, formatShortDate } from './format.ts';

// Intl writes a narrow no-break space (U+202F) in French groups and a no-break space (U+00A0)
// before the euro sign; the tests name them so a plain space is never mistaken for them.
const nnbsp = '\u202f';
const nbsp = '\u00a0';

describe('formatAmount', () => {
  it("writes each language's own amounts", () => {
    expect(formatAmount('en-US', 123_456n, 'USD')).toBe('$1,234.56');
    expect(formatAmount('en-GB', 123_456n, 'GBP')).toBe('£1,234.56');
    expect(formatAmount('de-DE', 123_456n, 'EUR')).toBe(`1.234,56${nbsp}€`);
    expect(formatAmount('fr-FR', 123_456n, 'EUR')).toBe(`1${nnbsp}234,56${nbsp}€`);
    // Spanish groups thousands only from five digits (RAE, CLDR).
    expect(formatAmount('es-ES', 123_456n, 'EUR')).toBe(`1234,56${nbsp}€`);
    expect(formatAmount('es-ES', 1_234_567n, 'EUR')).toBe(`12.345,67${nbsp}€`);
    expect(formatAmount('de-DE', 250_000n, 'CHF')).toBe(`2.500,00${nbsp}CHF`);
  });

  it('uses the currency exponent: no decimals for yen, three for dinars', () => {
    expect(formatAmount('de-DE', 123_456n, 'JPY')).toBe(`123.456${nbsp}¥`);
    expect(formatAmount('en-GB', 1_234_567n, 'KWD')).toBe('KWD\u00a01,234.567');
  });

  it('keeps the sign of amounts under one unit, and every digit of amounts beyond a float', () => {
    expect(formatAmount('de-DE', -50n, 'EUR')).toBe(`-0,50${nbsp}€`);
    expect(formatAmount('en-US', -5n, 'USD')).toBe('-$0.05');
    expect(formatAmount('fr-FR', 123_456_789_012_345_678_901n, 'EUR')).toBe(`1${nnbsp}234${nnbsp}567${nnbsp}890${nnbsp}123${nnbsp}456${nnbsp}789,01${nbsp}€`);
  });

  it('reads as Intl writes the exact decimal, for any amount, currency and language', () => {
    const currencies = ['EUR', 'GBP', 'USD', 'JPY', 'KWD', 'CHF'];
    const exponents: Record<string, number> = { JPY: 0, KWD: 3 };
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }), fc.constantFrom(...currencies), fc.constantFrom('en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES'), (amount, currency, language) => {
        const exponent = exponents[currency] ?? 2;
        const reference = new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
        // Node ≥ 20 formats a decimal string without a float: the reference is exact.
        expect(formatMinorUnits(language, amount, currency, exponent)).toBe(reference.format(toDecimalString(amount, currency) as unknown as number));
      }),
    );
  });

  it('writes the currency code when asked to', () => {
    expect(formatMinorUnits('de-DE', 123_456n, 'INR', 2, 'code')).toBe(`1.234,56${nbsp}INR`);
  });
});

describe('formatDate', () => {
  it("writes each language's own dates", () => {
    expect(formatDate('en-US', '2026-10-07')).toBe('October 7, 2026');
    expect(formatDate('en-GB', '2026-10-07')).toBe('7 October 2026');
    expect(formatDate('de-DE', '2026-10-07')).toBe('7. Oktober 2026');
    expect(formatDate('fr-FR', '2026-10-07')).toBe('7 octobre 2026');
    expect(formatDate('fr-FR', '2026-10-01')).toBe('1er octobre 2026');
    expect(formatDate('en-GB', '2026-10-01')).toBe('1 October 2026');
    expect(formatDate('es-ES', '2026-10-07')).toBe('7 de octubre de 2026');
    expect(formatShortDate('de-DE', '2026-10-07')).toBe('07.10.2026');
    expect(formatShortDate('fr-FR', '2026-10-07')).toBe('07/10/2026');
    expect(formatShortDate('en-US', '2026-10-07')).toBe('10/07/2026');
  });

  it('writes ISO dates for a reader whose language has no templates', () => {
    const reader = { language: 'en-GB' as const, isoDates: true };
    expect(formatDate(reader, '2026-10-07')).toBe('2026-10-07');
    expect(formatShortDate(reader, '2026-10-07')).toBe('2026-10-07');
    expect(formatDate({ language: 'en-GB' }, '2026-10-07')).toBe('7 October 2026');
  });
});
