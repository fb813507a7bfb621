import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { cycleDueDate } from './schedule.ts';

const at = (iso: string) => Temporal.Instant.from(iso);

describe('cycleDueDate', () => {
  it("is due from the organisation's local cycle hour, for its local date", () => {
    // 06:30 in New York is 11:30 UTC: not yet 07:00 there.
    expect(cycleDueDate(at('2026-11-23T11:30:00Z'), 'America/New_York', 7, '2026-11-22')).toBeNull();
    expect(cycleDueDate(at('2026-11-23T12:00:00Z'), 'America/New_York', 7, '2026-11-22')).toBe('2026-11-23');
    // Already 24 Nov in Tokyo.
    expect(cycleDueDate(at('2026-11-23T23:30:00Z'), 'Asia/Tokyo', 7, '2026-11-23')).toBe('2026-11-24');
  });

  it('runs once a day, and after downtime only for today', () => {
    expect(cycleDueDate(at('2026-11-23T12:00:00Z'), 'Europe/London', 7, '2026-11-23')).toBeNull();
    expect(cycleDueDate(at('2026-11-23T12:00:00Z'), 'Europe/London', 7, '2026-11-10')).toBe('2026-11-23');
    expect(cycleDueDate(at('2026-11-23T12:00:00Z'), 'Europe/London', 7, null)).toBe('2026-11-23');
  });
});
