import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../playbooks/conditions.ts';
import { parseArrangementPolicy, policyForCustomer, type ArrangementPolicy } from './policy.ts';

const today = '2026-12-07';
const customer = (overrides: Partial<CustomerProfile> = {}): CustomerProfile => ({ kind: 'business', tags: [], risk: 'normal', customerSince: null, ...overrides });

function policy(value: unknown): ArrangementPolicy {
  const parsed = parseArrangementPolicy(value);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('policyForCustomer', () => {
  const withSegments = policy({
    planMaxMonths: 6,
    planMinInstalment: { GBP: '25.00' },
    settlementApprovalPercent: 80,
    segments: [
      { conditions: { tagsAny: ['key-account'] }, planMaxMonths: 12, planAutoAccept: true },
      { conditions: { kinds: ['consumer'] }, planGraceDays: 10, settlementApprovalPercent: 50 },
      { conditions: { tagsAny: ['key-account', 'vip'] }, planMaxMonths: 3 },
    ],
  });

  it('a customer in no segment gets the organisation’s policy', () => {
    expect(policyForCustomer(withSegments, customer({ tags: ['other'] }), today)).toEqual({
      planMaxMonths: 6, planMinInstalment: { GBP: '25.00' }, planGraceDays: 5, planAutoAccept: false, settlementApprovalPercent: 80, settlementApprovalAmount: {}, smallBalanceWriteOff: { maxBalance: {}, minDaysOverdue: 90 }, segment: null,
    });
  });

  it('the segment sets only its own fields; the others stay the organisation’s', () => {
    expect(policyForCustomer(withSegments, customer({ kind: 'consumer' }), today)).toEqual({
      planMaxMonths: 6, planMinInstalment: { GBP: '25.00' }, planGraceDays: 10, planAutoAccept: false, settlementApprovalPercent: 50, settlementApprovalAmount: {}, smallBalanceWriteOff: { maxBalance: {}, minDaysOverdue: 90 }, segment: 2,
    });
  });

  it('the first matching segment wins, and only it applies', () => {
    // a consumer key account is in segments 1, 2 and 3: segment 1 alone applies (no grace days from 2)
    const both = policyForCustomer(withSegments, customer({ kind: 'consumer', tags: ['key-account'] }), today);
    expect(both).toMatchObject({ segment: 1, planMaxMonths: 12, planAutoAccept: true, planGraceDays: 5, settlementApprovalPercent: 80 });
    expect(policyForCustomer(withSegments, customer({ tags: ['vip'] }), today)).toMatchObject({ segment: 3, planMaxMonths: 3, planAutoAccept: false });
  });

  it('matches on customer age with the playbook conditions (needs today)', () => {
    const byAge = policy({ segments: [{ conditions: { customerForMonthsAtLeast: 24 }, planAutoAccept: true }] });
    expect(policyForCustomer(byAge, customer({ customerSince: '2024-12-07' }), today).planAutoAccept).toBe(true);
    expect(policyForCustomer(byAge, customer({ customerSince: '2024-12-08' }), today).planAutoAccept).toBe(false);
    expect(policyForCustomer(byAge, customer({ customerSince: null }), today).planAutoAccept).toBe(false);
  });
});

describe('parseArrangementPolicy segments', () => {
  const problem = (value: unknown) => {
    const parsed = parseArrangementPolicy(value);
    return parsed.ok ? null : parsed.message;
  };

  it('no segments by default; a segment keeps only what it sets', () => {
    expect(policy({}).segments).toEqual([]);
    expect(policy({ segments: [{ conditions: { risks: ['high'] }, planMaxMonths: 3 }] }).segments).toEqual([{ conditions: { risks: ['high'] }, planMaxMonths: 3 }]);
  });

  it('names the segment’s index and field', () => {
    expect(problem({ segments: [{ conditions: { tagsAny: ['a'] }, planAutoAccept: true }, { conditions: { tagsAny: ['b'] }, planMaxMonths: 0 }] })).toMatch(/^segments\[1\]\.planMaxMonths: /);
    expect(problem({ segments: [{ conditions: { tagsAny: ['a'] }, planAutoAcept: true }] })).toMatch(/segments\[0\]: .*planAutoAcept/);
    expect(problem({ segments: [{ conditions: { tagsAny: ['a'] }, writeOffUnder: { GBP: '5.00' } }] })).toMatch(/segments\[0\]: .*writeOffUnder/);
    expect(problem({ segments: [{ conditions: { minBalance: { GBP: '100.00' } }, planAutoAccept: true }] })).toMatch(/segments\[0\]\.conditions: .*minBalance/);
    expect(problem({ segments: [{ planAutoAccept: true }] })).toMatch(/segments\[0\]\.conditions: /);
    expect(problem({ segments: [{ conditions: { customerForMonthsAtLeast: 12, customerForMonthsLessThan: 6 } , planAutoAccept: true }] })).toMatch(/segments\[0\]\.conditions\.customerForMonthsLessThan: no customer can be/);
  });

  it('refuses a segment that sets nothing, and one matching everyone before others', () => {
    expect(problem({ segments: [{ conditions: { tagsAny: ['a'] } }] })).toMatch(/segments\[0\]: sets none of the policy's fields/);
    expect(problem({ segments: [{ conditions: {}, planAutoAccept: true }, { conditions: { tagsAny: ['a'] }, planMaxMonths: 3 }] })).toMatch(/segments\[0\]\.conditions: matches every customer/);
    expect(problem({ segments: [{ conditions: { tagsAny: ['a'] }, planMaxMonths: 3 }, { conditions: {}, planAutoAccept: true }] })).toBeNull();
  });
});
