import { describe, expect, it } from 'vitest';
import { matchInstalments } from './match-instalments.ts';
import { planStanding } from './plan-standing.ts';

const three = [
  { seq: 1, dueOn: '2027-01-01', amount: 33333n },
  { seq: 2, dueOn: '2027-02-01', amount: 33333n },
  { seq: 3, dueOn: '2027-03-01', amount: 33334n },
];

describe('matchInstalments', () => {
  it('fills instalments in date order, and an overpayment rolls forward onto the next', () => {
    const matched = matchInstalments(three, [
      { on: '2027-01-02', amount: 40000n },
      { on: '2026-12-30', amount: 10000n },
    ]);
    expect(matched.map((m) => [m.seq, m.paid, m.paidOn])).toEqual([
      [1, 33333n, '2027-01-02'],
      [2, 16667n, null],
      [3, 0n, null],
    ]);
  });

  it('pays two instalments with one payment and dates both by it', () => {
    const matched = matchInstalments(three, [{ on: '2027-01-01', amount: 66666n }]);
    expect(matched.map((m) => [m.paid, m.paidOn])).toEqual([
      [33333n, '2027-01-01'],
      [33333n, '2027-01-01'],
      [0n, null],
    ]);
  });

  it('a correction takes back what a payment paid', () => {
    const matched = matchInstalments(three, [
      { on: '2027-01-01', amount: 33333n },
      { on: '2027-01-03', amount: -33333n },
    ]);
    expect(matched[0]!.paid).toBe(0n);
  });
});

describe('planStanding', () => {
  it('is broken the day after date + grace with the instalment unpaid, and defaulted after a second grace period', () => {
    const paidFirst = matchInstalments(three, [{ on: '2027-01-01', amount: 33333n }]);
    expect(planStanding(paidFirst, 5, '2027-02-06')).toEqual({ status: 'active' });
    expect(planStanding(paidFirst, 5, '2027-02-07')).toEqual({ status: 'broken', seq: 2, on: '2027-02-07' });
    expect(planStanding(paidFirst, 5, '2027-02-11')).toEqual({ status: 'broken', seq: 2, on: '2027-02-07' });
    expect(planStanding(paidFirst, 5, '2027-02-12')).toEqual({ status: 'defaulted', seq: 2, on: '2027-02-12' });
  });

  it('a broken plan whose missed instalment is paid in the second grace period is active again', () => {
    const late = matchInstalments(three, [{ on: '2027-01-01', amount: 33333n }, { on: '2027-02-09', amount: 33333n }]);
    expect(planStanding(late, 5, '2027-02-10')).toEqual({ status: 'active' });
  });

  it('is completed on the day the last instalment was covered', () => {
    const all = matchInstalments(three, [{ on: '2027-01-01', amount: 50000n }, { on: '2027-02-20', amount: 50000n }]);
    expect(planStanding(all, 5, '2027-02-21')).toEqual({ status: 'completed', on: '2027-02-20' });
  });
});
