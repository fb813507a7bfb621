import { describe, expect, it } from 'vitest';
import { holdEndProblem, isDisputeOutcome, isDisputeReasonCode, isHoldActive, promiseDateProblem } from './pauses.ts';

describe('isHoldActive', () => {
  const hold = { startsOn: '2026-11-10', endsOn: '2026-11-20', releasedOn: null };

  it('covers its start and end dates inclusive, and nothing outside them', () => {
    expect(isHoldActive(hold, '2026-11-09')).toBe(false);
    expect(isHoldActive(hold, '2026-11-10')).toBe(true);
    expect(isHoldActive(hold, '2026-11-20')).toBe(true);
    expect(isHoldActive(hold, '2026-11-21')).toBe(false);
  });

  it('without an end date lasts until released; a release counts from its own day', () => {
    const open = { ...hold, endsOn: null };
    expect(isHoldActive(open, '2030-01-01')).toBe(true);
    const released = { ...open, releasedOn: '2026-11-15' };
    expect(isHoldActive(released, '2026-11-14')).toBe(true);
    expect(isHoldActive(released, '2026-11-15')).toBe(false);
  });
});

describe('date rules', () => {
  it('a hold may end today or later', () => {
    expect(holdEndProblem('2026-11-23', '2026-11-23')).toBeNull();
    expect(holdEndProblem('2026-11-22', '2026-11-23')).toMatch(/before today \(2026-11-23\)/);
  });

  it('a promise falls between today and 90 days ahead', () => {
    expect(promiseDateProblem('2026-11-23', '2026-11-23')).toBeNull();
    expect(promiseDateProblem('2027-02-21', '2026-11-23')).toBeNull();
    expect(promiseDateProblem('2027-02-22', '2026-11-23')).toMatch(/more than 90 days ahead; promise a date by 2027-02-21/);
    expect(promiseDateProblem('2026-11-22', '2026-11-23')).toMatch(/in the past/);
    expect(promiseDateProblem('2026-12-01', '2026-11-23', 7)).toMatch(/by 2026-11-30/);
  });

  it('knows the fixed vocabularies', () => {
    expect(isDisputeReasonCode('quality')).toBe(true);
    expect(isDisputeReasonCode('angry')).toBe(false);
    expect(isDisputeOutcome('partially_upheld')).toBe(true);
    expect(isDisputeOutcome('won')).toBe(false);
  });
});
