import { describe, expect, it } from 'vitest';
import { percentOf, percentProblem, settlementApprovalReasons } from './settlement-rules.ts';

describe('settlement rules', () => {
  it('takes a percentage of the balance rounded up to the minor unit, never less than said', () => {
    expect(percentOf(1000_00n, 60)).toBe(600_00n);
    expect(percentOf(333n, 33.33)).toBe(111n); // 110.99 → 111
    expect(percentOf(1001n, 0.29)).toBe(3n); // 2.9029 → 3
    expect(percentProblem(0.29)).toBeNull();
    expect(percentProblem(100)).toMatch(/less than 100/);
    expect(percentProblem(12.345)).toMatch(/at most 2 decimals/);
  });

  it('needs an owner’s approval under the percentage, or writing off more than the amount', () => {
    const policy = { approvalPercent: 80, approvalAmount: 500_00n };
    expect(settlementApprovalReasons(1000_00n, 800_00n, 'GBP', policy)).toEqual([]);
    expect(settlementApprovalReasons(1000_00n, 799_99n, 'GBP', policy)).toEqual(['£799.99 is less than 80% of the £1,000.00 owed']);
    expect(settlementApprovalReasons(5000_00n, 4400_00n, 'GBP', policy)).toEqual(['it writes off £600.00, more than £500.00']);
    expect(settlementApprovalReasons(5000_00n, 4400_00n, 'GBP', { approvalPercent: 80, approvalAmount: null })).toEqual([]);
  });
});
