import { describe, expect, it } from 'vitest';
import { addYears, collectionRecordRetention, ledgerRetention, retentionRules, retentionStatus } from './retention.ts';

describe('retention', () => {
  it('keeps the collection record three years after the last activity, inclusive', () => {
    expect(collectionRecordRetention.years).toBe(3);
    expect(retentionStatus('2026-11-23', '2026-11-23')).toEqual({ keepUntil: '2029-11-23', mayEraseFrom: '2029-11-24', expired: false });
    expect(retentionStatus('2026-11-23', '2029-11-23').expired).toBe(false);
    expect(retentionStatus('2026-11-23', '2029-11-24').expired).toBe(true);
    expect(retentionStatus('2021-01-31', '2026-11-23')).toEqual({ keepUntil: '2024-01-31', mayEraseFrom: '2024-02-01', expired: true });
  });

  it('keeps a 29 February activity until 1 March three years on, never less than three years', () => {
    expect(addYears('2024-02-29', 3)).toBe('2027-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(retentionStatus('2024-02-29', '2027-02-28')).toEqual({ keepUntil: '2027-03-01', mayEraseFrom: '2027-03-02', expired: false });
    expect(retentionStatus('2024-02-29', '2027-03-02').expired).toBe(true);
    expect(retentionStatus('2026-12-31', '2029-12-31')).toEqual({ keepUntil: '2029-12-31', mayEraseFrom: '2030-01-01', expired: false });
  });

  it('has nothing to keep when there was no activity', () => {
    expect(retentionStatus(null, '2026-11-23')).toEqual({ keepUntil: null, mayEraseFrom: null, expired: true });
  });

  it('never lets the ledger rule run out: the business’s accounting retention decides', () => {
    expect(retentionStatus('2001-01-01', '2026-11-23', ledgerRetention)).toEqual({ keepUntil: null, mayEraseFrom: null, expired: false });
  });

  it('names a source and a reason for every rule', () => {
    for (const rule of retentionRules) {
      expect(rule.citation.length).toBeGreaterThan(20);
      expect(rule.reason.length).toBeGreaterThan(20);
    }
    expect(new Set(retentionRules.map((rule) => rule.id)).size).toBe(retentionRules.length);
    expect(collectionRecordRetention.citation).toContain('1006.100');
  });

  it('refuses dates that are not YYYY-MM-DD', () => {
    expect(() => retentionStatus('2026-02-30', '2026-11-23')).toThrow(RangeError);
    expect(() => retentionStatus('2026-01-01', '23/11/2026')).toThrow(RangeError);
  });
});
