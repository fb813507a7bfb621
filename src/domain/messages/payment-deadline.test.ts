import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromEpochDay } from '../calendar.ts';
import { isWeekend } from '../compliance/public-holidays.ts';
import { arrivalDate, deadlineRule, paymentDeadline, postingDays } from './payment-deadline.ts';

const business = { country: 'GB', kind: 'business' as const };

describe('paymentDeadline', () => {
  it('gives an email 7 days from the day it is sent, not the next step’s date', () => {
    expect(paymentDeadline({ sentOn: '2026-12-07', channel: 'email', template: 'final-notice', debtor: business })).toEqual({ on: '2026-12-14', days: 7, rule: 'minimum-7-days' });
  });

  it('counts a British letter from its deemed arrival, the second business day after posting (CPR 6.26)', () => {
    // Friday 4 December 2026: Monday 7th is the first business day, Tuesday 8th the second.
    expect(arrivalDate('2026-12-04', 'letter', 'GB')).toBe('2026-12-08');
    expect(paymentDeadline({ sentOn: '2026-12-04', channel: 'letter', template: 'final-notice', debtor: business })).toEqual({ on: '2026-12-15', days: 11, rule: 'minimum-7-days' });
  });

  it('skips public holidays when it counts business days', () => {
    // Thursday 24 December 2026: the 25th and 28th (Boxing Day substitute) are bank holidays in England.
    expect(arrivalDate('2026-12-24', 'letter', 'GB')).toBe('2026-12-30');
  });

  it('counts a US letter from five business days after mailing (Regulation F)', () => {
    expect(arrivalDate('2026-11-23', 'letter', 'US')).toBe('2026-12-01'); // Thanksgiving, 26 November, skipped
  });

  it('allows a conservative seven business days for post where no rule is recorded', () => {
    expect(arrivalDate('2026-11-23', 'letter', 'NZ')).toBe('2026-12-02');
    expect(arrivalDate('2026-11-23', 'letter', null)).toBe(arrivalDate('2026-11-23', 'letter', 'ZZ'));
  });

  it('gives a formal demand 14 days and a letter before claim to a British individual 30 days', () => {
    expect(paymentDeadline({ sentOn: '2026-11-23', channel: 'email', template: 'demand-letter', debtor: business })?.days).toBe(14);
    expect(deadlineRule('letter-before-claim', { country: 'GB', kind: 'consumer' })?.id).toBe('letter-of-claim-30-days');
    expect(deadlineRule('letter-before-claim', { country: 'GB', kind: 'business' })?.id).toBe('formal-demand-14-days');
    expect(paymentDeadline({ sentOn: '2026-11-23', channel: 'letter', template: 'letter-before-claim', debtor: { country: 'GB', kind: 'consumer' } })).toEqual({
      on: '2026-12-29',
      days: 36,
      rule: 'letter-of-claim-30-days',
    });
  });

  it('moves a deadline off a weekend or public holiday to the next business day', () => {
    // Sent Saturday 5 December: seven days later is a Saturday too.
    expect(paymentDeadline({ sentOn: '2026-12-05', channel: 'email', template: 'firm-reminder', debtor: business })?.on).toBe('2026-12-14');
  });

  it('gives none for a message that asks for nothing by a date', () => {
    expect(paymentDeadline({ sentOn: '2026-11-23', channel: 'email', template: 'pre-due-note', debtor: business })).toBeNull();
    expect(paymentDeadline({ sentOn: '2026-11-23', channel: 'letter', template: 'validation-notice', debtor: { country: 'US', kind: 'consumer' } })).toBeNull();
  });

  it('names a source on every posting rule', () => {
    for (const rule of postingDays) expect(rule.source.length).toBeGreaterThan(20);
  });

  it('never gives less than its minimum after the message can arrive', () => {
    const templates = ['firm-reminder', 'statement-of-account', 'demand-letter', 'final-notice', 'letter-before-claim', 'call-firm', 'cease-remedy-will-be-used', 'my-own'];
    fc.assert(
      fc.property(
        fc.integer({ min: 20000, max: 23000 }),
        fc.constantFrom('email', 'letter', 'sms', 'call' as const),
        fc.constantFrom(...templates),
        fc.constantFrom('GB', 'US', 'DE', 'FR', null),
        fc.constantFrom('business' as const, 'consumer' as const),
        (day, channel, template, country, kind) => {
          const sentOn = fromEpochDay(day);
          const deadline = paymentDeadline({ sentOn, channel, template, debtor: { country, kind } })!;
          const minimum = template === 'letter-before-claim' && kind === 'consumer' && country === 'GB' ? 30 : template === 'demand-letter' || template === 'letter-before-claim' ? 14 : 7;
          expect(deadline.days).toBe(daysBetween(sentOn, deadline.on));
          expect(deadline.days).toBeGreaterThanOrEqual(minimum);
          if (channel === 'letter') {
            const arrives = arrivalDate(sentOn, channel, country);
            expect(daysBetween(arrives, deadline.on)).toBeGreaterThanOrEqual(minimum);
            // a letter arrives after at least its posting days, on a weekday
            expect(arrives > addDays(sentOn, 1)).toBe(true);
            expect(isWeekend(arrives)).toBe(false);
          }
          expect(isWeekend(deadline.on)).toBe(false);
        },
      ),
    );
  });
});
