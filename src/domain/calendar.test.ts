// The day-number arithmetic must agree with Temporal.PlainDate on every date, including leap days,
// century years and month ends.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, epochDay, firstDayMonthsAfter, fromEpochDay, isIsoDate, isoDateProblem, monthsBetween, parseDate, startsOfDays } from './calendar.ts';

const plainDate = fc
  .integer({ min: epochDay('1600-01-01'), max: epochDay('2400-12-31') })
  .map((days) => Temporal.PlainDate.from('1970-01-01').add({ days }).toString());

describe('calendar arithmetic', () => {
  it('knows fixed points', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('2000-03-01')).toBe(11017);
    expect(fromEpochDay(-1)).toBe('1969-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(daysBetween('2026-11-30', '2026-11-23')).toBe(-7);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(0);
    expect(monthsBetween('2024-02-29', '2026-02-28')).toBe(23);
  });

  it('adds days and counts days exactly as Temporal does', () => {
    fc.assert(
      fc.property(plainDate, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        expect(addDays(date, days)).toBe(Temporal.PlainDate.from(date).add({ days }).toString());
        const other = Temporal.PlainDate.from(date).add({ days }).toString();
        expect(daysBetween(date, other)).toBe(days);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts whole months exactly as Temporal does', () => {
    fc.assert(
      fc.property(plainDate, plainDate, (a, b) => {
        expect(monthsBetween(a, b)).toBe(Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'months' }).months);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the first day a whole number of months has passed', () => {
    expect(firstDayMonthsAfter('2026-01-31', 1)).toBe('2026-03-01');
    expect(firstDayMonthsAfter('2024-02-29', 12)).toBe('2025-03-01');
    expect(firstDayMonthsAfter('2024-11-15', 24)).toBe('2026-11-15');
    fc.assert(
      fc.property(plainDate, fc.integer({ min: 1, max: 400 }), (from, months) => {
        const first = firstDayMonthsAfter(from, months);
        expect(monthsBetween(from, first)).toBe(months);
        expect(monthsBetween(from, addDays(first, -1))).toBeLessThan(months);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('business dates', () => {
  it('are real dates from 1900-01-01 to 2199-12-31, however they are written', () => {
    expect(['1900-01-01', '2026-02-28', '2199-12-31'].every(isIsoDate)).toBe(true);
    for (const date of ['0000-01-01', '0001-01-01', '1899-12-31', '2200-01-01', '9999-12-31']) {
      expect(isoDateProblem(date)).toBe('must be a date from 1900-01-01 to 2199-12-31');
    }
    expect(isoDateProblem('2026-02-30')).toBe('must be a calendar date written YYYY-MM-DD');
    expect(parseDate('0001-01-01', 'DD/MM/YYYY')).toEqual({ ok: false, message: expect.stringMatching(/outside the dates accepted/) });
    expect(parseDate('01/01/0001', 'DD/MM/YYYY')).toEqual({ ok: false, message: expect.stringMatching(/outside the dates accepted/) });
    expect(parseDate('31/12/2199', 'DD/MM/YYYY')).toEqual({ ok: true, value: '2199-12-31' });
  });
});

describe('the start of a business day', () => {
  it('is local midnight in the zone, on either side of a change of the clocks', () => {
    const newYork = startsOfDays('America/New_York');
    expect(newYork('2031-03-08')).toBe('2031-03-08T05:00:00Z'); // EST
    expect(newYork('2031-03-10')).toBe('2031-03-10T04:00:00Z'); // EDT from 9 March
    expect(newYork('2031-03-10')).toBe('2031-03-10T04:00:00Z'); // asked again: the same
    expect(startsOfDays('Europe/London')('2026-11-23')).toBe('2026-11-23T00:00:00Z');
  });
});
