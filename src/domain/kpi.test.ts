import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectionEffectivenessIndex, countbackPeriods, defaultKpiPeriod, dsoCountback, ratioToOneDecimal, type CountbackPeriod } from './kpi.ts';

const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

describe('ratioToOneDecimal', () => {
  it('rounds half away from zero to one decimal', () => {
    expect(ratioToOneDecimal(1n, 20n)).toBe(0.1); // 0.05
    expect(ratioToOneDecimal(1n, 40n)).toBe(0); // 0.025
    expect(ratioToOneDecimal(-1n, 20n)).toBe(-0.1);
    expect(ratioToOneDecimal(2n, 3n, 100n)).toBe(66.7);
    expect(ratioToOneDecimal(1n, 3n, 100n)).toBe(33.3);
    expect(ratioToOneDecimal(7n, -2n)).toBe(-3.5);
    expect(Object.is(ratioToOneDecimal(-1n, 100n), 0)).toBe(true); // never "-0"
  });

  it('agrees with exact decimal arithmetic rounded half-up', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.boolean(), (n, d, flip) => {
        const den = flip ? -d : d;
        const expected = new Exact(n.toString()).times(100).div(den.toString()).toDecimalPlaces(1).toNumber();
        expect(ratioToOneDecimal(n, den, 100n)).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});

describe('collectionEffectivenessIndex', () => {
  it('computes (B + S − E) / (B + S − Ec) × 100 and reports its inputs', () => {
    expect(
      collectionEffectivenessIndex({ beginningReceivables: 1000_00n, creditSales: 3000_00n, endingReceivables: 1500_00n, endingCurrentReceivables: 1000_00n, writtenOff: 0n }),
    ).toEqual({ percent: 83.3, numerator: 2500_00n, denominator: 3000_00n, reason: null });
  });

  it('counts what was written off in the period as not collected: out of the ending receivables, still in what could have been collected', () => {
    // £4,000 collectable; £500 of what was owed written off rather than paid: £2,000 collected of £3,000
    const written = collectionEffectivenessIndex({ beginningReceivables: 1000_00n, creditSales: 3000_00n, endingReceivables: 1000_00n, endingCurrentReceivables: 1000_00n, writtenOff: 500_00n });
    expect(written).toEqual({ percent: 83.3, numerator: 2500_00n, denominator: 3000_00n, reason: null });
    // the same £500 paid instead: collected
    expect(collectionEffectivenessIndex({ beginningReceivables: 1000_00n, creditSales: 3000_00n, endingReceivables: 1000_00n, endingCurrentReceivables: 1000_00n, writtenOff: 0n }).percent).toBe(100);
  });

  it('is null with a reason when nothing was collectable', () => {
    const result = collectionEffectivenessIndex({ beginningReceivables: 0n, creditSales: 500n, endingReceivables: 500n, endingCurrentReceivables: 500n, writtenOff: 0n });
    expect(result.percent).toBeNull();
    expect(result.reason).toMatch(/nothing was collectable/);
  });

  it('is 100 when everything collectable was collected', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), (b, s, current) => {
        const e = current; // only not-yet-due amounts left
        fc.pre(b + s - current !== 0n);
        expect(collectionEffectivenessIndex({ beginningReceivables: b + current, creditSales: s, endingReceivables: e, endingCurrentReceivables: current, writtenOff: 0n }).percent).toBe(100);
      }),
    );
  });
});

describe('countbackPeriods', () => {
  it('starts with the month to date, then whole calendar months back', () => {
    expect(countbackPeriods('2024-03-15', 4)).toEqual([
      { from: '2024-03-01', to: '2024-03-15', days: 15 },
      { from: '2024-02-01', to: '2024-02-29', days: 29 },
      { from: '2024-01-01', to: '2024-01-31', days: 31 },
      { from: '2023-12-01', to: '2023-12-31', days: 31 },
    ]);
    expect(countbackPeriods('2026-05-31')).toHaveLength(24);
  });
});

describe('dsoCountback', () => {
  const periods = countbackPeriods('2026-03-15', 3).map((p, i) => ({ ...p, creditSales: [1000n, 2000n, 4000n][i]! }));

  it('counts whole periods while receivables exceed their sales, then a fraction of the last', () => {
    // 2500: March to date 15 days (1000), then February 28 × 1500/2000 = 21 days → 36.0
    const result = dsoCountback(2500n, periods);
    expect(result.days).toBe(36);
    expect(result.periods.map((p) => p.daysCounted)).toEqual([15, 21]);
    expect(result.exceededLookback).toBe(false);
    expect(dsoCountback(1000n, periods).days).toBe(15);
    expect(dsoCountback(1n, periods).days).toBe(0); // 15 × 1/1000 = 0.015
    expect(dsoCountback(2n, periods).days).toBe(0); // 0.03
    expect(dsoCountback(4n, periods).days).toBe(0.1); // 0.06
  });

  it('counts a period with no sales as whole days', () => {
    const withGap = [{ ...periods[0]!, creditSales: 0n }, periods[1]!];
    expect(dsoCountback(1000n, withGap).days).toBe(15 + 14);
  });

  it('reports every day counted when receivables exceed the lookback', () => {
    const result = dsoCountback(10_000n, periods);
    expect(result).toMatchObject({ days: 15 + 28 + 31, exceededLookback: true });
    expect(result.note).toMatch(/exceed all credit sales/);
  });

  it('is 0 without receivables', () => {
    expect(dsoCountback(0n, periods)).toMatchObject({ days: 0, periods: [] });
    expect(dsoCountback(-5n, periods)).toMatchObject({ days: 0, periods: [] });
  });

  const salesHistory = fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 24 }).map((sales) =>
    countbackPeriods('2026-01-20', sales.length).map((p: CountbackPeriod, i) => ({ ...p, creditSales: sales[i]! })),
  );

  it('is never negative and never decreases when receivables grow', () => {
    fc.assert(
      fc.property(salesHistory, fc.bigInt({ min: -(10n ** 9n), max: 10n ** 10n }), fc.bigInt({ min: 0n, max: 10n ** 10n }), (history, r, more) => {
        const low = dsoCountback(r, history);
        const high = dsoCountback(r + more, history);
        expect(low.days).toBeGreaterThanOrEqual(0);
        expect(high.days).toBeGreaterThanOrEqual(low.days);
        expect(high.days).toBeLessThanOrEqual(history.reduce((sum, p) => sum + p.days, 0));
      }),
    );
  });
});

describe('defaultKpiPeriod', () => {
  it('runs from the first day of the month three months back to today', () => {
    expect(defaultKpiPeriod('2026-05-15')).toEqual({ from: '2026-02-01', to: '2026-05-15' });
    expect(defaultKpiPeriod('2026-01-31')).toEqual({ from: '2025-10-01', to: '2026-01-31' });
  });
});
