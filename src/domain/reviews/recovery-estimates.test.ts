import { describe, expect, it } from 'vitest';
import { basisPointsOf } from '../money.ts';
import { estimateRecovery } from './recovery-estimates.ts';
import { parseReviewPolicy, reviewPolicySchema } from './review-policy.ts';

const defaults = reviewPolicySchema.parse({});
const byRoute = (estimate: ReturnType<typeof estimateRecovery>) => Object.fromEntries(estimate.routes.map((r) => [r.route, [r.recovered, r.cost, r.net]]));

describe('recovery estimates', () => {
  it('are balance × rate less commission or court fee, in minor units, with the defaults', () => {
    const estimate = estimateRecovery('GBP', 8_000_00n, defaults, { agency: true, smallClaims: true });
    expect(byRoute(estimate)).toEqual({
      settlement: [5_600_00n, 0n, 5_600_00n], // 70%
      agency: [4_000_00n, 1_000_00n, 3_000_00n], // 50%, less 25% of that
      small_claims: [4_800_00n, 115_00n, 4_685_00n], // 60%, less the £115 fee
      write_off: [0n, 0n, 0n],
    });
    expect(estimate.suggested).toBe('settlement');
  });

  it('round half up to the minor unit once per product, and never go below zero', () => {
    expect(basisPointsOf(1n, 5_000n)).toBe(1n); // 0.5 → 1
    expect(basisPointsOf(3n, 3_333n)).toBe(1n); // 0.9999 → 1
    expect(basisPointsOf(333n, 2_500n)).toBe(83n); // 83.25 → 83
    const small = estimateRecovery('GBP', 100_00n, defaults, { agency: true, smallClaims: true });
    expect(small.routes.find((r) => r.route === 'small_claims')!.net).toBe(0n); // 60.00 − 115.00
    // 0.01 in 3: agency recovers 0.01 (half up), commission 0.00
    expect(byRoute(estimateRecovery('GBP', 1n, defaults, { agency: true, smallClaims: true })).agency).toEqual([1n, 0n, 1n]);
  });

  it('suggest only a route the organisation takes; no court fee for the currency: no small-claims figure', () => {
    const policy = parseReviewPolicy({ recovery: { settlement: { ratePercent: 10 }, agency: { ratePercent: 80, commissionPercent: 20 } } });
    if (!policy.ok) throw new Error(policy.message);
    expect(estimateRecovery('USD', 1_000_00n, policy.value, { agency: true, smallClaims: false }).suggested).toBe('agency'); // 640 > 600 (small claims off)
    expect(estimateRecovery('USD', 1_000_00n, policy.value, { agency: false, smallClaims: false }).suggested).toBe('settlement');
    const yen = estimateRecovery('JPY', 50_000n, policy.value, { agency: false, smallClaims: true });
    expect(yen.routes.find((r) => r.route === 'small_claims')).toMatchObject({ net: null, basis: expect.stringMatching(/no court fee is set for JPY/) });
  });

  it('policy: percentages with at most two decimals, currencies as codes', () => {
    expect(parseReviewPolicy({ recovery: { agency: { ratePercent: 33.33 } } }).ok).toBe(true);
    expect(parseReviewPolicy({ recovery: { agency: { ratePercent: 33.333 } } })).toMatchObject({ ok: false, message: expect.stringMatching(/at most two decimals/) });
    expect(parseReviewPolicy({ largeBalance: { pounds: '5' } }).ok).toBe(false);
  });
});
