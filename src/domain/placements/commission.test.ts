import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionBasisPoints, commissionOn, commissionPercentText } from './commission.ts';

describe('agency commission', () => {
  it('reads a percentage exactly, as hundredths of a percent', () => {
    expect(commissionBasisPoints('25')).toEqual({ ok: true, value: 2500 });
    expect(commissionBasisPoints('12.5')).toEqual({ ok: true, value: 1250 });
    expect(commissionBasisPoints('33.33')).toEqual({ ok: true, value: 3333 });
    expect(commissionBasisPoints('0')).toEqual({ ok: true, value: 0 });
    expect(commissionBasisPoints('100')).toEqual({ ok: true, value: 10000 });
    for (const bad of ['100.01', '-5', '25%', '12.345', '', 'ten']) expect(commissionBasisPoints(bad).ok, bad).toBe(false);
  });

  it('writes it back as people do', () => {
    expect(commissionPercentText(2500)).toBe('25');
    expect(commissionPercentText(1250)).toBe('12.5');
    expect(commissionPercentText(3333)).toBe('33.33');
    expect(commissionPercentText(5)).toBe('0.05');
  });

  it('rounds half up to the minor unit', () => {
    expect(commissionOn(100_00n, 2500)).toBe(25_00n);
    expect(commissionOn(333n, 2500)).toBe(83n); // 83.25
    expect(commissionOn(2n, 2500)).toBe(1n); // 0.5 → 1
    expect(commissionOn(1n, 2500)).toBe(0n); // 0.25 → 0
  });

  it('is never more than the amount and never negative, and the agency keeps exactly amount − remitted', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.integer({ min: 0, max: 10000 }), (amount, bp) => {
        const commission = commissionOn(amount, bp);
        expect(commission >= 0n && commission <= amount).toBe(true);
        // within half a minor unit of the exact value
        const exact2 = amount * BigInt(bp) * 2n; // 2 × 10000 × exact
        expect(commission * 20000n - exact2 <= 10000n && exact2 - commission * 20000n < 10000n).toBe(true);
      }),
    );
  });
});
