import { describe, expect, it } from 'vitest';
import { addDays, formatAmount, formatDate, formatInstant, minorUnits, monthBounds, parseAmountInput, todayIn } from './format.ts';

describe('amounts', () => {
  it('formats minor units with each currency’s own exponent, in the locale', () => {
    expect(formatAmount(123456, 'GBP', 'en-GB')).toBe('£1,234.56');
    expect(formatAmount(123456, 'JPY', 'en-GB')).toBe('JP¥123,456');
    expect(formatAmount(1234567, 'KWD', 'en-GB')).toBe('KWD\u00a01,234.567');
    expect(formatAmount(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatAmount(-5, 'USD', 'en-US')).toBe('-$0.05');
  });

  it('is exact where a float is not: the largest amount keeps its last cent', () => {
    expect(formatAmount(10n ** 13n - 1n, 'USD', 'en-US')).toBe('$99,999,999,999.99');
    expect(formatAmount(1000000000000001, 'USD', 'en-US')).toBe('$10,000,000,000,000.01');
  });

  it('refuses an amount that is not an exact integer of minor units', () => {
    expect(() => minorUnits(12.5)).toThrow(/not an exact integer/);
    expect(() => minorUnits(2 ** 53)).toThrow(/not an exact integer/);
  });

  it('reads what a person typed into minor units', () => {
    expect(parseAmountInput('1,234.50', 'GBP')).toEqual({ ok: true, value: 123450n });
    expect(parseAmountInput('100', 'JPY')).toEqual({ ok: true, value: 100n });
    expect(parseAmountInput('1.234', 'GBP').ok).toBe(false);
  });
});

describe('dates', () => {
  it('writes a business date as that day in any time zone', () => {
    expect(formatDate('2026-12-01', 'en-GB')).toBe('1 Dec 2026');
    expect(formatDate('2026-12-01', 'en-US')).toBe('Dec 1, 2026');
  });

  it('writes an instant in the organisation’s time zone', () => {
    expect(formatInstant('2026-12-01T23:30:00Z', { locale: 'en-GB', timeZone: 'Europe/London' })).toBe('1 Dec 2026, 23:30');
    expect(formatInstant('2026-12-01T23:30:00Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe('2 Dec 2026, 08:30');
  });

  it('knows today in a time zone, and moves dates by calendar days', () => {
    expect(todayIn('Pacific/Auckland', Date.UTC(2026, 11, 31, 12))).toBe('2027-01-01');
    expect(todayIn('America/New_York', Date.UTC(2026, 11, 31, 3))).toBe('2026-12-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(monthBounds('2026-12-07', 0)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthBounds('2026-03-15', 1)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});
