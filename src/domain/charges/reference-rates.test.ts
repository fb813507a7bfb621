import { describe, expect, it } from 'vitest';
import { Exact } from './rounding.ts';
import { halfYearStart, isHalfYearStart, mergeReferenceRates, normalizeRatePercent, nextHalfYearStart, rateSchemes, referenceRateFor, shippedReferenceRates, type ReferenceRate } from './reference-rates.ts';

describe('half-years', () => {
  it('starts on 1 January and 1 July', () => {
    expect(halfYearStart('2026-01-01')).toBe('2026-01-01');
    expect(halfYearStart('2026-06-30')).toBe('2026-01-01');
    expect(halfYearStart('2026-07-01')).toBe('2026-07-01');
    expect(halfYearStart('2026-12-31')).toBe('2026-07-01');
    expect(nextHalfYearStart('2026-03-15')).toBe('2026-07-01');
    expect(nextHalfYearStart('2026-07-01')).toBe('2027-01-01');
    expect(isHalfYearStart('2026-07-01')).toBe(true);
    expect(isHalfYearStart('2026-07-02')).toBe(false);
  });
});

describe('shippedReferenceRates', () => {
  it('has every half-year from 2019 for each scheme, no gaps, each with a decimal rate and a source', () => {
    for (const scheme of rateSchemes) {
      const rows = shippedReferenceRates.filter((r) => r.scheme === scheme);
      expect(rows[0]!.effectiveFrom).toBe('2019-01-01');
      rows.forEach((row, index) => {
        if (index > 0) expect(row.effectiveFrom).toBe(nextHalfYearStart(rows[index - 1]!.effectiveFrom));
        expect(row.ratePercent).toMatch(/^\d+\.\d{2}$/);
        expect(row.source.length).toBeGreaterThan(20);
        expect(row.origin).toBe('shipped');
      });
    }
  });

  it('carries the rates in force on the reference days (spot checks)', () => {
    const rate = (scheme: ReferenceRate['scheme'], date: string) => referenceRateFor(shippedReferenceRates, scheme, date)?.ratePercent;
    expect(rate('uk_late_payment', '2024-03-01')).toBe('5.25'); // Bank Rate on 31 December 2023
    expect(rate('uk_late_payment', '2025-08-01')).toBe('4.25'); // on 30 June 2025
    expect(rate('uk_late_payment', '2026-02-01')).toBe('3.75'); // on 31 December 2025
    expect(rate('eu_late_payment', '2023-09-01')).toBe('4.00'); // ECB MRO on 1 July 2023
    expect(rate('eu_late_payment', '2025-01-15')).toBe('3.15'); // on 1 January 2025
  });
});

describe('referenceRateFor and mergeReferenceRates', () => {
  const org = (effectiveFrom: string, ratePercent: string): ReferenceRate => ({ scheme: 'uk_late_payment', effectiveFrom, ratePercent, source: 'our bank', origin: 'organisation' });

  it("lets the organisation's row win for the same scheme and half-year, and add new half-years", () => {
    const merged = mergeReferenceRates(shippedReferenceRates, [org('2026-01-01', '4.00'), org('2040-07-01', '1.00')]);
    expect(referenceRateFor(merged, 'uk_late_payment', '2026-05-05')).toMatchObject({ ratePercent: '4.00', origin: 'organisation' });
    expect(referenceRateFor(merged, 'uk_late_payment', '2040-12-31')).toMatchObject({ ratePercent: '1.00' });
    expect(referenceRateFor(merged, 'eu_late_payment', '2026-05-05')).toMatchObject({ ratePercent: '2.15', origin: 'shipped' });
    expect(merged.filter((r) => r.scheme === 'uk_late_payment' && r.effectiveFrom === '2026-01-01')).toHaveLength(1);
  });

  it('has no rate for a half-year missing from the table, rather than carrying an old one forward', () => {
    expect(referenceRateFor(shippedReferenceRates, 'uk_late_payment', '2041-01-01')).toBeUndefined();
    expect(referenceRateFor(shippedReferenceRates, 'uk_late_payment', '2018-12-31')).toBeUndefined();
  });

  it('writes rates with at least two decimals and no trailing zeros beyond them', () => {
    expect(normalizeRatePercent('4.0000')).toBe('4.00');
    expect(normalizeRatePercent('3.1250')).toBe('3.125');
    expect(normalizeRatePercent('-0.5')).toBe('-0.50');
  });

  it('keeps the rates exact decimals', () => {
    for (const row of shippedReferenceRates) expect(new Exact(row.ratePercent).toFixed(2)).toBe(row.ratePercent);
  });
});
