import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar.ts';
import { accruedInterest, outstandingPrincipal, type DatedAmount, type InterestInput, type RateLookup } from './interest.ts';
import { Exact } from './rounding.ts';

const fixedRate = (percent: string): RateLookup => () => ({ ok: true, percent, basis: 'test rate' });

function accrued(input: Partial<InterestInput> & Pick<InterestInput, 'total' | 'dueDate' | 'to'>) {
  const result = accruedInterest({ allocations: [], rateFor: fixedRate('12'), rateVariesByHalfYear: false, ...input });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('accruedInterest: worked examples', () => {
  it('£10,000 due 2026-01-31, £4,000 paid 2026-03-02, to 2026-04-30 at 4.00% + 8 = 12%', () => {
    // Interest runs from the day after the due date, 2026-02-01.
    // 2026-02-01 … 2026-03-01: 28 days of February + 1 of March = 29 days on £10,000
    // 2026-03-02 … 2026-04-30: 30 days of March (2nd–31st) + 30 of April = 60 days on £6,000
    //   (the payment counts from the day it was received: 2 March already runs on £6,000)
    // interest = 12% × (10,000 × 29 + 6,000 × 60) / 365 = 0.12 × 650,000 / 365 = 78,000 / 365
    //          = 213.698630… → £213.70 (rounded once, half-up)
    const value = accrued({ total: 10_000_00n, dueDate: '2026-01-31', to: '2026-04-30', allocations: [{ on: '2026-03-02', amount: 4_000_00n }] });
    expect(value.periods.map(({ from, to, days, principal }) => ({ from, to, days, principal }))).toEqual([
      { from: '2026-02-01', to: '2026-03-01', days: 29, principal: 10_000_00n },
      { from: '2026-03-02', to: '2026-04-30', days: 60, principal: 6_000_00n },
    ]);
    expect(value.exact.equals(new Exact(7_800_000).div(365))).toBe(true);
    expect(value.rounded).toBe(213_70n);
  });

  it('splits at 1 July when the rate varies by half-year (EU): €10,000, €4,000 paid 2025-06-16, to 2025-07-31', () => {
    // first half of 2025: 3.15 + 8 = 11.15%; second half: 2.15 + 8 = 10.15%
    // 2025-06-01 … 06-15: 15 days × €10,000 × 11.15%
    // 2025-06-16 … 06-30: 15 days × €6,000 × 11.15%
    // 2025-07-01 … 07-31: 31 days × €6,000 × 10.15%
    // (1,672,500 + 1,003,500 + 1,887,900) / 36,500 = 4,563,900 / 36,500 = 125.038356… → €125.04
    const rateFor: RateLookup = (day) => ({ ok: true, percent: day < '2025-07-01' ? '11.15' : '10.15', basis: 'half-year' });
    const value = accrued({ total: 10_000_00n, dueDate: '2025-05-31', to: '2025-07-31', allocations: [{ on: '2025-06-16', amount: 4_000_00n }], rateFor, rateVariesByHalfYear: true });
    expect(value.periods.map(({ from, to, days, annualRatePercent }) => [from, to, days, annualRatePercent])).toEqual([
      ['2025-06-01', '2025-06-15', 15, '11.15'],
      ['2025-06-16', '2025-06-30', 15, '11.15'],
      ['2025-07-01', '2025-07-31', 31, '10.15'],
    ]);
    expect(value.rounded).toBe(125_04n);
  });

  it('counts 365 days a year in a leap year too: £36,500 at 10% is £10.00 a day, 29 days of February 2028 = £290.00', () => {
    const value = accrued({ total: 36_500_00n, dueDate: '2028-01-31', to: '2028-02-29', rateFor: fixedRate('10') });
    expect(value.periods[0]!.days).toBe(29);
    expect(value.rounded).toBe(290_00n);
  });

  it('rounds half-up, once: £1.00 at 36.5% for 5 days is exactly 0.5p → 1p', () => {
    // 100p × 36.5 × 5 / 36,500 = 0.5 (half-even would give 0)
    expect(accrued({ total: 100n, dueDate: '2026-01-01', to: '2026-01-06', rateFor: fixedRate('36.5') }).rounded).toBe(1n);
  });

  it('accrues nothing up to and including the due date, and nothing on a fully paid principal', () => {
    expect(accrued({ total: 500_00n, dueDate: '2026-01-31', to: '2026-01-31' }).rounded).toBe(0n);
    expect(accrued({ total: 500_00n, dueDate: '2026-01-31', to: '2026-01-20' }).periods).toEqual([]);
    const paid = accrued({ total: 500_00n, dueDate: '2026-01-31', to: '2026-03-31', allocations: [{ on: '2026-01-15', amount: 500_00n }] });
    expect(paid.rounded).toBe(0n);
  });

  it('merges adjacent days with the same principal and rate into one period', () => {
    const value = accrued({ total: 1_000_00n, dueDate: '2025-05-31', to: '2025-08-31', rateVariesByHalfYear: true });
    expect(value.periods).toHaveLength(1);
    expect(value.periods[0]!.days).toBe(92);
  });

  it('stops with the reason when a rate is missing', () => {
    const result = accruedInterest({ total: 1n, dueDate: '2026-01-01', to: '2026-02-01', allocations: [], rateVariesByHalfYear: false, rateFor: () => ({ ok: false, reason: 'no rate' }) });
    expect(result).toEqual({ ok: false, reason: 'no rate' });
  });
});

describe('outstandingPrincipal', () => {
  it('subtracts allocations on or before the day, corrections included, never below zero', () => {
    const allocations: DatedAmount[] = [
      { on: '2026-01-10', amount: 300n },
      { on: '2026-01-20', amount: -100n },
      { on: '2026-02-01', amount: 5_000n },
    ];
    expect(outstandingPrincipal(1_000n, allocations, '2026-01-09')).toBe(1_000n);
    expect(outstandingPrincipal(1_000n, allocations, '2026-01-10')).toBe(700n);
    expect(outstandingPrincipal(1_000n, allocations, '2026-01-20')).toBe(800n);
    expect(outstandingPrincipal(1_000n, allocations, '2026-02-01')).toBe(0n);
  });
});

describe('accruedInterest: properties', () => {
  const base = '2024-01-01';
  const day = (n: number) => addDays(base, n);
  const allocation = fc.record({ offset: fc.integer({ min: 0, max: 900 }), amount: fc.bigInt({ min: 1n, max: 10n ** 9n }) });
  const scenario = fc.record({
    total: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    due: fc.integer({ min: 0, max: 400 }),
    length: fc.integer({ min: -10, max: 600 }),
    percent: fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Exact(n).div(10_000).toString()), // 0 … 100, 4 decimals
    varies: fc.boolean(),
    allocations: fc.array(allocation, { maxLength: 5 }),
  });
  type Scenario = { total: bigint; due: number; length: number; percent: string; varies: boolean; allocations: Array<{ offset: number; amount: bigint }> };
  /** When it varies, the rate halves in the second half of each year, to exercise the half-year splits. */
  const percentOn = (s: Scenario, date: string) => (!s.varies || date.slice(5, 7) <= '06' ? s.percent : new Exact(s.percent).div(2).toString());
  const run = (s: Scenario, extra: { length?: number; allocations?: Array<{ offset: number; amount: bigint }> } = {}) =>
    accrued({
      total: s.total,
      dueDate: day(s.due),
      to: day(s.due + (extra.length ?? s.length)),
      allocations: (extra.allocations ?? s.allocations).map((a) => ({ on: day(a.offset), amount: a.amount })),
      rateFor: (d) => ({ ok: true, percent: percentOn(s, d), basis: 'test' }),
      rateVariesByHalfYear: s.varies,
    });

  it('is never negative', () => {
    fc.assert(fc.property(scenario, (s) => {
      const value = run(s);
      expect(value.rounded >= 0n).toBe(true);
      expect(value.exact.isNegative() && !value.exact.isZero()).toBe(false);
    }));
  });

  it('never gives less interest for more days', () => {
    fc.assert(fc.property(scenario, fc.integer({ min: 1, max: 400 }), (s, more) => {
      expect(run(s, { length: s.length + more }).exact.gte(run(s).exact)).toBe(true);
    }));
  });

  it('never gives more interest after a partial payment', () => {
    fc.assert(fc.property(scenario, allocation, (s, payment) => {
      expect(run(s, { allocations: [...s.allocations, payment] }).exact.lte(run(s).exact)).toBe(true);
    }));
  });

  it('rounds to within half a minor unit of the exact value', () => {
    fc.assert(fc.property(scenario, (s) => {
      const value = run(s);
      expect(new Exact(value.rounded.toString()).minus(value.exact).abs().lte('0.5')).toBe(true);
    }));
  });

  it('equals the day-by-day sum of its definition', () => {
    fc.assert(
      fc.property(scenario.filter((s) => s.length <= 120), (s) => {
        let expected = new Exact(0);
        for (let d = s.due + 1; d <= s.due + s.length; d += 1) {
          const date = day(d);
          const principal = outstandingPrincipal(s.total, s.allocations.map((a) => ({ on: day(a.offset), amount: a.amount })), date);
          expected = expected.plus(new Exact(principal.toString()).times(percentOn(s, date)).div(36_500));
        }
        expect(run(s).exact.minus(expected).abs().lt('1e-40')).toBe(true);
      }),
    );
  });
});
