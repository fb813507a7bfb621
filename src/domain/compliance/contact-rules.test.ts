// One example per contact rule, the citation in the test name, through the guard as the cycle
// calls it.
import { describe, expect, it } from 'vitest';
import type { Channel } from '../playbooks/playbook.ts';
import { guardActions } from '../cycle/guard.ts';
import type { Bookings } from './contact-attempt.ts';
import type { ProposedAction } from '../cycle/plan.ts';
import { debtor, proposedAction } from '../../../test/support/domain-fixtures.ts';
import { contactRulesFor, type Debtor, type OrgCompliance } from './contact-rules.ts';
import { timeBarredFrom } from './limitation.ts';

const action = proposedAction;

const call = (overrides: Partial<ProposedAction> = {}) => action({ kind: 'task', channel: 'call', template: 'call-firm', ...overrides });

const consumer: Debtor = debtor({ kind: 'consumer', country: 'US', region: 'NY', city: 'Albany', timeZone: 'America/New_York' });
const creditor: OrgCompliance = { role: 'creditor', noWeekendContact: false, noHolidayContact: false };

function judge(debtor: Debtor, actions: ProposedAction[], options: { date?: string; sendHour?: number; bookings?: Bookings; org?: OrgCompliance } = {}) {
  return guardActions(
    actions,
    { date: options.date ?? '2026-11-23', timeZone: debtor.timeZone, sendHour: options.sendHour ?? 9, bookings: options.bookings ?? new Map() },
    contactRulesFor(debtor, options.org ?? creditor),
  );
}

/** `count` bookings of `channel`, one a day, on the days before 2026-11-23. */
function pastDays(count: number, channel: Channel): Map<string, Channel[]> {
  const days = ['2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16'];
  return new Map(days.slice(0, count).map((day) => [day, [channel]]));
}

describe('contact rules', () => {
  it('cease-communication (15 U.S.C. § 1692c(c)): nothing but the allowed notices after a cease request; tasks for people go on', () => {
    const debtor = { ...consumer, ceaseRequestedOn: '2026-11-20' };
    const [email, review] = judge(debtor, [action(), action({ key: 'r', kind: 'task', channel: 'review', template: 'review-escalation' })]);
    expect(email).toMatchObject({ status: 'blocked', rule: 'cease-communication', reason: expect.stringContaining('asked on 2026-11-20 for contact to stop') });
    expect(review!.status).toBe('allowed');
    expect(judge(debtor, [action({ template: 'cease-efforts-end' })])[0]!.status).toBe('allowed');
  });

  it('attorney-represented (15 U.S.C. § 1692c(a)(2)) and bankruptcy (11 U.S.C. § 362) block contact outright', () => {
    expect(judge({ ...consumer, attorneyRepresented: true }, [action()])[0]).toMatchObject({ status: 'blocked', rule: 'attorney-represented' });
    expect(judge({ ...consumer, bankruptcy: true }, [call()])[0]).toMatchObject({ status: 'blocked', rule: 'bankruptcy' });
  });

  it('uk-breathing-space (Debt Respite Scheme Regulations 2020, reg. 7): deferred past a short breathing space, blocked during a long one', () => {
    const uk = { ...consumer, country: 'GB', region: 'ENG', timeZone: 'Europe/London' };
    expect(judge({ ...uk, breathingSpaceUntil: '2026-11-30' }, [action()])[0]).toMatchObject({ status: 'deferred', rule: 'uk-breathing-space', dueAt: '2026-12-01T09:00:00+00:00' });
    expect(judge({ ...uk, breathingSpaceUntil: '2027-01-21' }, [action()])[0]).toMatchObject({ status: 'blocked', rule: 'uk-breathing-space' });
  });

  it('consumer-contact-hours (15 U.S.C. § 1692c(a)(1)): 08:00–21:00 in the debtor’s zone; a 07:00 send hour waits until 08:00', () => {
    expect(judge(consumer, [action()], { sendHour: 7 })[0]).toEqual({ status: 'allowed', dueAt: '2026-11-23T08:00:00-05:00', rule: null, reason: null, refusal: null });
    expect(judge(consumer, [action()], { sendHour: 9 })[0]!.dueAt).toBe('2026-11-23T09:00:00-05:00');
    // a business debtor has no such window
    expect(judge({ ...consumer, kind: 'business' }, [action()], { sendHour: 7 })[0]!.dueAt).toBe('2026-11-23T07:00:00-05:00');
  });

  it('consumer-contact-hours with the time zone unknown: only hours that are 08:00–21:00 in every US zone (13:00–21:00 New York time in winter)', () => {
    const unknownZone = { ...consumer, timeZone: 'America/New_York', timeZoneKnown: false };
    // 08:00 in Adak (UTC−10) is 13:00 in New York (UTC−5)
    expect(judge(unknownZone, [action()], { sendHour: 9 })[0]!.dueAt).toBe('2026-11-23T13:00:00-05:00');
  });

  it('stated-inconvenient-times (15 U.S.C. § 1692c(a)(1)): a time the debtor said is inconvenient is skipped', () => {
    const debtor = { ...consumer, inconvenientTimes: [{ from: '08:00', to: '12:30' }] };
    expect(judge(debtor, [action()])[0]!.dueAt).toBe('2026-11-23T12:30:00-05:00');
    const allDay = { ...consumer, inconvenientTimes: [{ from: '00:00', to: '24:00' }] };
    expect(judge(allDay, [action()])[0]).toMatchObject({ status: 'blocked', rule: 'stated-inconvenient-times' });
  });

  /** Seven call attempts in the six days before 2026-11-23 (two on the 20th). */
  const sevenCallsInSixDays = () => new Map<string, Channel[]>([...pastDays(6, 'call'), ['2026-11-20', ['call', 'call']]]);

  it('us-reg-f-call-frequency (12 CFR § 1006.14(b)(2)(i)): at most 7 call attempts in 7 days, for an agency', () => {
    const agency = { ...creditor, role: 'agency' as const };
    // the window 11-17…11-23 holds 7: deferred to 11-24, when 11-17 has dropped out
    expect(judge(consumer, [call()], { org: agency, bookings: sevenCallsInSixDays() })[0]).toMatchObject({
      status: 'deferred',
      rule: 'us-reg-f-call-frequency',
      dueAt: '2026-11-24T09:00:00-05:00',
      reason: expect.stringContaining('At most 7 call attempts in 7 days'),
    });
    // six in the window: the seventh is allowed
    expect(judge(consumer, [call()], { org: agency, bookings: pastDays(6, 'call') })[0]!.status).toBe('allowed');
    // a creditor outside California is not bound by it
    expect(judge(consumer, [call()], { bookings: sevenCallsInSixDays() })[0]!.status).toBe('allowed');
  });

  it('us-reg-f-call-frequency applies to a creditor in California (Rosenthal Act, Cal. Civ. Code § 1788.17)', () => {
    const californian = { ...consumer, region: 'CA', timeZone: 'America/Los_Angeles' };
    expect(judge(californian, [call()], { bookings: sevenCallsInSixDays() })[0]).toMatchObject({ status: 'deferred', rule: 'us-reg-f-call-frequency' });
  });

  it('us-reg-f-after-conversation (12 CFR § 1006.14(b)(2)(ii)): no call within 7 days after a conversation; email is fine', () => {
    const talked = { ...consumer, lastConversationOn: '2026-11-20' };
    const agency = { ...creditor, role: 'agency' as const };
    expect(judge(talked, [call()], { org: agency })[0]).toMatchObject({ status: 'deferred', rule: 'us-reg-f-after-conversation', dueAt: '2026-11-27T09:00:00-05:00' });
    expect(judge(talked, [action()], { org: agency })[0]!.status).toBe('allowed');
  });

  it('us-ma-contact-frequency (940 CMR 7.04(1)(f)): at most 2 calls or texts in 7 days in Massachusetts', () => {
    const ma = { ...consumer, region: 'MA', city: 'Boston' };
    const two = new Map<string, Channel[]>([
      ['2026-11-20', ['sms']],
      ['2026-11-22', ['call']],
    ]);
    expect(judge(ma, [call()], { bookings: two })[0]).toMatchObject({ status: 'deferred', rule: 'us-ma-contact-frequency' });
    expect(judge(ma, [action()], { bookings: two })[0]!.status).toBe('allowed'); // email is not counted
  });

  it('us-nyc-contact-frequency (6 RCNY § 5-77(b)(7)): at most 3 calls, texts and emails in 7 days in New York City, for an agency', () => {
    const nyc = { ...consumer, city: 'Brooklyn' };
    const three = new Map<string, Channel[]>([
      ['2026-11-18', ['email']],
      ['2026-11-20', ['sms']],
      ['2026-11-22', ['call']],
    ]);
    expect(judge(nyc, [action()], { bookings: three, org: { ...creditor, role: 'agency' } })[0]).toMatchObject({ status: 'deferred', rule: 'us-nyc-contact-frequency' });
    expect(judge(nyc, [action()], { bookings: three })[0]!.status).toBe('allowed');
  });

  it('limitation-period (N.Y. CPLR § 214-i): no legal step on a consumer debt after 3 years; firm steps go on', () => {
    const old = [{ id: 1n, number: 'INV-OLD', currency: 'USD', dueDate: '2023-06-01', amount: 100_00n }];
    const legal = action({ tone: 'legal', template: 'letter-before-claim', channel: 'letter', invoices: old });
    expect(judge(consumer, [legal])[0]).toMatchObject({ status: 'blocked', rule: 'limitation-period', reason: expect.stringContaining('time-barred since 2026-06-01') });
    expect(judge(consumer, [action({ invoices: old })])[0]!.status).toBe('allowed');
    expect(judge({ ...consumer, kind: 'business' }, [legal])[0]!.status).toBe('allowed'); // 6 years for a business debt
  });

  it('limitation periods count whole years from the due date, 29 February to 1 March', () => {
    expect(timeBarredFrom('2020-02-29', 6)).toBe('2026-03-01');
    expect(timeBarredFrom('2020-03-15', 6)).toBe('2026-03-15');
  });

  it('no-weekend-contact and no-holiday-contact (organisation settings) defer to the next working day', () => {
    const options = { org: { ...creditor, noWeekendContact: true, noHolidayContact: true } };
    expect(judge(consumer, [action()], { ...options, date: '2026-11-21' })[0]).toMatchObject({ status: 'deferred', rule: 'no-weekend-contact', dueAt: '2026-11-23T09:00:00-05:00' });
    expect(judge(consumer, [action()], { ...options, date: '2026-11-26' })[0]).toMatchObject({ status: 'deferred', rule: 'no-holiday-contact', dueAt: '2026-11-27T09:00:00-05:00' });
  });
});
