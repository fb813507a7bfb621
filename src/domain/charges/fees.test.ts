import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { euCompensation, fixedFee, percentageFee, ukCompensation } from './fees.ts';
import { Exact } from './rounding.ts';

describe('fixedFee', () => {
  it('reads the amount for the invoice currency in its minor units', () => {
    expect(fixedFee({ GBP: '25.00', JPY: '3000', KWD: '1.250' }, 'GBP')).toEqual({ ok: true, amount: 2500n });
    expect(fixedFee({ GBP: '25.00', JPY: '3000', KWD: '1.250' }, 'JPY')).toEqual({ ok: true, amount: 3000n });
    expect(fixedFee({ GBP: '25.00', JPY: '3000', KWD: '1.250' }, 'KWD')).toEqual({ ok: true, amount: 1250n });
  });

  it('says so when the policy names no fee in that currency', () => {
    expect(fixedFee({ GBP: '25.00' }, 'USD')).toEqual({ ok: false, reason: 'the fixed fee names no amount in USD (it has GBP)' });
  });
});

describe('percentageFee', () => {
  it('rounds half-up to the minor unit', () => {
    expect(percentageFee(1_234_56n, '5')).toBe(61_73n); // 5% of £1,234.56 = £61.728 → £61.73
    expect(percentageFee(10n, '5')).toBe(1n); // 0.5p → 1p (half-up, not half-even)
    expect(percentageFee(50n, '2.5')).toBe(1n); // 1.25p → 1p
    expect(percentageFee(0n, '5')).toBe(0n);
  });

  it('is within half a minor unit of the exact value (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 1, max: 1_000_000 }), (principal, tenThousandths) => {
        const percent = new Exact(tenThousandths).div(10_000).toString();
        const exact = new Exact(principal.toString()).times(percent).div(100);
        expect(exact.minus(percentageFee(principal, percent).toString()).abs().lte('0.5')).toBe(true);
      }),
    );
  });
});

describe('ukCompensation', () => {
  it('is £40 below £1,000, £70 up to £9,999.99 and £100 from £10,000', () => {
    expect(ukCompensation(1n)).toBe(40_00n);
    expect(ukCompensation(999_99n)).toBe(40_00n);
    expect(ukCompensation(1_000_00n)).toBe(70_00n);
    expect(ukCompensation(9_999_99n)).toBe(70_00n);
    expect(ukCompensation(10_000_00n)).toBe(100_00n);
    expect(ukCompensation(10n ** 12n)).toBe(100_00n);
  });

  it('EU compensation is €40', () => {
    expect(euCompensation).toMatchObject({ currency: 'EUR', amount: 40_00n });
  });
});
