import { describe, expect, it } from 'vitest';
import { nowInZone, wallTimeInZone } from './zoned-time.ts';

describe('a wall-clock time in the customer’s time zone', () => {
  it('carries that zone’s offset on that day, across daylight saving', () => {
    expect(wallTimeInZone('2026-12-07T15:00', 'America/New_York')).toBe('2026-12-07T15:00:00-05:00');
    expect(wallTimeInZone('2026-07-07T15:00', 'America/New_York')).toBe('2026-07-07T15:00:00-04:00');
    expect(wallTimeInZone('2026-07-07T09:30', 'Asia/Kolkata')).toBe('2026-07-07T09:30:00+05:30');
    expect(wallTimeInZone('2026-12-07T09:00', 'Europe/London')).toBe('2026-12-07T09:00:00+00:00');
    // the day clocks go forward in London (29 March 2026): 12:00 is already summer time
    expect(wallTimeInZone('2026-03-29T12:00', 'Europe/London')).toBe('2026-03-29T12:00:00+01:00');
  });

  it('says the time now there', () => {
    expect(nowInZone('America/New_York', Date.parse('2026-12-07T19:05:00Z'))).toBe('2026-12-07T14:05');
  });
});
