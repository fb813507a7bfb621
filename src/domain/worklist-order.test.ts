import { describe, expect, it } from 'vitest';
import { compareWorklistItems, type Rankable } from './worklist-order.ts';

const item = (overrides: Partial<Rankable>): Rankable => ({ promiseDueToday: false, atStake: [], daysLate: 0, sequence: 1n, ...overrides });

describe('compareWorklistItems', () => {
  it('puts promises due today first, then amount × days late, largest first', () => {
    const small = item({ atStake: [{ currency: 'GBP', amount: 100_00n }], daysLate: 10, sequence: 1n }); // 1,000
    const big = item({ atStake: [{ currency: 'GBP', amount: 500_00n }], daysLate: 5, sequence: 2n }); // 2,500
    const older = item({ atStake: [{ currency: 'GBP', amount: 50_00n }], daysLate: 90, sequence: 3n }); // 4,500
    const promise = item({ promiseDueToday: true, atStake: [{ currency: 'GBP', amount: 1_00n }], sequence: 4n });
    expect([small, big, older, promise].sort(compareWorklistItems)).toEqual([promise, older, big, small]);
  });

  it('compares amounts in whole units of their currency, whatever its minor-unit digits', () => {
    const yen = item({ atStake: [{ currency: 'JPY', amount: 1000n }], daysLate: 1, sequence: 1n }); // ¥1,000
    const pounds = item({ atStake: [{ currency: 'GBP', amount: 999_00n }], daysLate: 1, sequence: 2n }); // £999
    const dinars = item({ atStake: [{ currency: 'KWD', amount: 1_001_000n }], daysLate: 1, sequence: 3n }); // 1,001 KWD
    expect([pounds, yen, dinars].sort(compareWorklistItems)).toEqual([dinars, yen, pounds]);
  });

  it('breaks ties by days late, then by sequence', () => {
    const a = item({ daysLate: 3, sequence: 9n });
    const b = item({ daysLate: 7, sequence: 8n });
    const c = item({ daysLate: 7, sequence: 2n });
    expect([a, b, c].sort(compareWorklistItems)).toEqual([c, b, a]);
  });
});
