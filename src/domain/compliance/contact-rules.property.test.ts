// Properties of the planner and the guard together: random debtors (kind, jurisdiction, time zone
// known or not, flags, stated inconvenient times, reachable channels), random playbooks among the
// shipped ones, random overdue invoices and organisation roles, simulated day by day over 90 days
// with nobody responding — every day's actions booked where the guard put them. Whatever the
// draw, no rule the guard enforces is ever broken by what it lets through.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, type IsoDate } from '../calendar.ts';
import { collectionSettings } from '../collection-settings.ts';
import type { CustomerState, Delivery } from '../cycle/customer-state.ts';
import { guardActions } from '../cycle/guard.ts';
import { isMessage } from './contact-attempt.ts';
import { planCustomer } from '../cycle/plan.ts';
import { builtInPlaybooks } from '../playbooks/default-playbooks.ts';
import type { Channel } from '../playbooks/playbook.ts';
import { ceaseNoticeTemplates, consumerContactHours, contactRulesFor, frequencyCaps, type Debtor, type OrgCompliance } from './contact-rules.ts';
import { minutesOf, timeZonesOfCountry } from './contact-hours.ts';
import { isNewYorkCity } from './jurisdiction.ts';
import { debtor, proposedAction } from '../../../test/support/domain-fixtures.ts';

const start = '2026-01-05';
const days = 90;

const places = [
  { country: 'US', region: 'NY', city: 'Brooklyn', timeZone: 'America/New_York' },
  { country: 'US', region: 'MA', city: 'Boston', timeZone: 'America/New_York' },
  { country: 'US', region: 'CA', city: 'Fresno', timeZone: 'America/Los_Angeles' },
  { country: 'US', region: 'TX', city: 'Austin', timeZone: 'America/Chicago' },
  { country: 'GB', region: 'SCT', city: 'Glasgow', timeZone: 'Europe/London' },
  { country: 'AU', region: null, city: 'Perth', timeZone: 'Australia/Perth' },
];

const time = fc.integer({ min: 0, max: 23 }).chain((hour) => fc.constantFrom(`${String(hour).padStart(2, '0')}:00`, `${String(hour).padStart(2, '0')}:30`));
const span = fc.tuple(time, time).filter(([from, to]) => from < to).map(([from, to]) => ({ from, to }));

/** True about one time in eight. */
const rarely = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);

const anyDebtor: fc.Arbitrary<Debtor> = fc.record({
  kind: fc.constantFrom('business', 'consumer'),
  place: fc.constantFrom(...places),
  timeZoneKnown: fc.boolean(),
  ceaseRequestedOn: fc.option(fc.integer({ min: 0, max: days }).map((n) => addDays(start, n)), { freq: 4 }),
  attorneyRepresented: rarely,
  bankruptcy: rarely,
  breathingSpaceUntil: fc.option(fc.integer({ min: 0, max: days }).map((n) => addDays(start, n)), { freq: 4 }),
  inconvenientTimes: fc.array(span, { maxLength: 2 }),
  lastConversationOn: fc.option(fc.integer({ min: -10, max: days }).map((n) => addDays(start, n)), { freq: 3 }),
}).map(({ place, ...rest }) => ({ ...rest, country: place.country, region: place.region, city: place.city, timeZone: place.timeZone }));

const org: fc.Arbitrary<OrgCompliance> = fc.record({ role: fc.constantFrom('creditor', 'agency'), noWeekendContact: fc.boolean(), noHolidayContact: fc.boolean() });

const scenario = fc.record({
  debtor: anyDebtor,
  org,
  playbook: fc.constantFrom(...builtInPlaybooks),
  reach: fc.record({ email: fc.boolean(), letter: fc.boolean(), sms: fc.boolean(), call: fc.boolean() }),
  sendHour: fc.integer({ min: 0, max: 23 }),
  dueOffsets: fc.array(fc.integer({ min: -60, max: 80 }), { minLength: 1, maxLength: 4 }),
  /** What was sent in the week before the simulation starts, several a day at times (history may be anything). */
  history: fc.array(fc.array(fc.constantFrom<Channel>('call', 'sms', 'email'), { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
});

interface Sent {
  day: IsoDate;
  minutes: number;
  channel: Channel;
  template: string;
  plannedOn: IsoDate;
}

/** Runs the cycle for one customer day by day, as runCycle would, and returns what would be sent. */
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The week before the start, as bookings. */
function historyBookings(history: Channel[][]): Map<IsoDate, Channel[]> {
  return new Map(history.map((channels, index) => [addDays(start, -(index + 1)), [...channels]]));
}

function simulate({ debtor, org, playbook, reach, sendHour, dueOffsets, history }: Scenario): Sent[] {
  const settings = collectionSettings({ sendHour, role: org.role, noWeekendContact: org.noWeekendContact, noHolidayContact: org.noHolidayContact });
  const invoices = dueOffsets
    .map((offset, index) => ({ id: BigInt(index + 1), number: `INV-${index + 1}`, currency: 'USD', dueDate: addDays(start, offset), amount: 100_00n }))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
  const done = new Map<string, IsoDate>();
  const delivery = new Map<string, Delivery>();
  const bookings = historyBookings(history);
  const sent: Sent[] = [];
  const rules = contactRulesFor(debtor, org);
  for (let n = 0; n < days; n++) {
    const date = addDays(start, n);
    const chase = invoices.filter((invoice) => daysBetween(date, invoice.dueDate) <= 7);
    const state: CustomerState = {
      customerId: 1n,
      externalId: 'C-1',
      name: 'Debtor',
      profile: { kind: debtor.kind, tags: [], risk: 'normal', customerSince: '2020-01-01', playbookOverride: null },
      excludedReason: null,
      hold: null,
      timeZone: debtor.timeZone,
      reach,
      invoices: chase,
      caseId: chase.some((invoice) => invoice.dueDate < date) ? 1n : null,
      done,
      delivery,
      lastResponseOn: null,
      said: null,
      pendingPromise: null,
      brokenArrangement: null,
      bookings,
      debtor,
    };
    const { actions } = planCustomer(state, { playbook, version: 0 }, settings, date);
    const verdicts = guardActions(actions, { date, timeZone: debtor.timeZone, sendHour: settings.sendHour, bookings }, rules);
    actions.forEach((action, index) => {
      const verdict = verdicts[index]!;
      done.set(action.key, date);
      // what the guard lets through reaches the debtor on its day; a blocked one lapses
      delivery.set(action.key, verdict.status === 'blocked' ? { status: 'lapsed', on: date } : { status: 'reached', on: Temporal.Instant.from(verdict.dueAt).toZonedDateTimeISO(debtor.timeZone).toPlainDate().toString(), deadlineOn: null });
      if (verdict.status === 'blocked' || !isMessage(action)) return;
      const local = Temporal.Instant.from(verdict.dueAt).toZonedDateTimeISO(debtor.timeZone);
      const day = local.toPlainDate().toString();
      bookings.set(day, [...(bookings.get(day) ?? []), action.channel]);
      sent.push({ day, minutes: local.hour * 60 + local.minute, channel: action.channel, template: action.template, plannedOn: date });
    });
  }
  return sent;
}

/** Messages of `channels` on the `windowDays` days ending with `day`, sent or from the history. */
function inWindow(all: ReadonlyMap<IsoDate, readonly Channel[]>, day: IsoDate, windowDays: number, channels: readonly Channel[]): number {
  let count = 0;
  for (let back = 0; back < windowDays; back++) for (const channel of all.get(addDays(day, -back)) ?? []) if (channels.includes(channel)) count += 1;
  return count;
}

describe('contact rules over 90 simulated days (property)', () => {
  it('never two messages on a day, never outside the hours, never over a cap, nothing after a cease, nothing to an unreachable channel, nothing while barred', () => {
    fc.assert(
      fc.property(scenario, (drawn) => {
        const { debtor, org, reach } = drawn;
        const sent = simulate(drawn);
        const byDay = new Map<string, number>();
        for (const s of sent) byDay.set(s.day, (byDay.get(s.day) ?? 0) + 1);
        for (const [day, count] of byDay) expect(count, `two messages on ${day}`).toBeLessThanOrEqual(1);

        for (const s of sent) {
          expect(s.channel === 'review' || reach[s.channel as keyof typeof reach], `sent by ${s.channel}, which cannot be used`).toBe(true);
          if (debtor.attorneyRepresented || debtor.bankruptcy) expect.fail(`contact on ${s.day} despite a blocking flag`);
          if (debtor.ceaseRequestedOn && s.day >= debtor.ceaseRequestedOn) expect(ceaseNoticeTemplates.has(s.template), `${s.template} after a cease request`).toBe(true);
          if (debtor.breathingSpaceUntil) expect(s.day > debtor.breathingSpaceUntil, `contact during the breathing space, on ${s.day}`).toBe(true);
          for (const gap of debtor.inconvenientTimes) expect(s.minutes >= minutesOf(gap.from) && s.minutes < minutesOf(gap.to), `at ${s.minutes} min, a stated inconvenient time`).toBe(false);
          if (debtor.kind === 'consumer') {
            const zones = debtor.timeZoneKnown ? [debtor.timeZone] : timeZonesOfCountry(debtor.country!);
            for (const zone of zones) {
              const instant = Temporal.PlainDateTime.from(`${s.day}T${String(Math.floor(s.minutes / 60)).padStart(2, '0')}:${String(s.minutes % 60).padStart(2, '0')}`).toZonedDateTime(debtor.timeZone);
              const there = instant.withTimeZone(zone);
              const minutes = there.hour * 60 + there.minute;
              expect(minutes >= minutesOf(consumerContactHours.from) && minutes < minutesOf(consumerContactHours.to), `outside contact hours in ${zone}`).toBe(true);
            }
          }
        }

        if (debtor.kind === 'consumer' && debtor.country === 'US') {
          const caps = [
            ...(org.role === 'agency' || debtor.region === 'CA' ? [frequencyCaps.regulationF] : []),
            ...(debtor.region === 'MA' ? [frequencyCaps.massachusetts] : []),
            ...(org.role === 'agency' && isNewYorkCity(debtor.country, debtor.region, debtor.city) ? [frequencyCaps.newYorkCity] : []),
          ];
          const all = historyBookings(drawn.history);
          for (const s of sent) all.set(s.day, [...(all.get(s.day) ?? []), s.channel]);
          // every new capped message must fit in its window, history included
          for (const cap of caps) {
            for (const s of sent) {
              if ((cap.channels as readonly Channel[]).includes(s.channel)) expect(inWindow(all, s.day, cap.days, cap.channels), `${cap.id} on ${s.day}`).toBeLessThanOrEqual(cap.max);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('frequency caps hold whatever was sent before and however many actions are proposed a day', () => {
    const capped = fc.record({
      place: fc.constantFrom(places[0]!, places[1]!, places[2]!),
      role: fc.constantFrom<OrgCompliance['role']>('creditor', 'agency'),
      history: fc.array(fc.array(fc.constantFrom<Channel>('call', 'sms', 'email'), { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
      proposals: fc.array(fc.array(fc.constantFrom<Channel>('call', 'sms', 'email'), { minLength: 1, maxLength: 3 }), { minLength: 21, maxLength: 21 }),
    });
    fc.assert(
      fc.property(capped, ({ place, role, history, proposals }) => {
        const consumer = debtor({ kind: 'consumer', ...place });
        const org: OrgCompliance = { role, noWeekendContact: false, noHolidayContact: false };
        const rules = contactRulesFor(consumer, org);
        const bookings = historyBookings(history);
        const news: Array<{ day: IsoDate; channel: Channel }> = [];
        proposals.forEach((channels, n) => {
          const date = addDays(start, n);
          const actions = channels.map((channel, index) => proposedAction({ key: `${date}:${index}`, channel, kind: channel === 'call' ? 'task' : 'send' }));
          guardActions(actions, { date, timeZone: consumer.timeZone, sendHour: 9, bookings }, rules).forEach((verdict, index) => {
            if (verdict.status === 'blocked') return;
            const day = verdict.dueAt.slice(0, 10);
            bookings.set(day, [...(bookings.get(day) ?? []), actions[index]!.channel]);
            news.push({ day, channel: actions[index]!.channel });
          });
        });
        const caps = [
          ...(role === 'agency' || consumer.region === 'CA' ? [frequencyCaps.regulationF] : []),
          ...(consumer.region === 'MA' ? [frequencyCaps.massachusetts] : []),
          ...(role === 'agency' && isNewYorkCity(consumer.country, consumer.region, consumer.city) ? [frequencyCaps.newYorkCity] : []),
        ];
        for (const cap of caps) {
          for (const sent of news) {
            if ((cap.channels as readonly Channel[]).includes(sent.channel)) expect(inWindow(bookings, sent.day, cap.days, cap.channels), `${cap.id} on ${sent.day}`).toBeLessThanOrEqual(cap.max);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
