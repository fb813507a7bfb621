// Judges contact attempts against the rules that apply to the debtor: allowed (due at a moment),
// deferred until the first day no rule refuses, or blocked — each not-allowed verdict structured
// (the rule, how it refused, the rule's own sentence, the next allowed moment), with the sentence a
// person reads made from those parts. Pure: time comes in as the date and hour being judged, or an
// instant.
//
// A rule may refuse a day (one message a day, a frequency cap, a weekend) — the attempt is then
// deferred to the first day no rule refuses, within two weeks, or blocked — or refuse outright
// (a cease request, bankruptcy: waiting would not help), which blocks at once. A rule may also
// limit the hours of a day (contact hours in the debtor's zone): the attempt is due at the first
// allowed moment at or after the hour asked for, or the day is refused when none is left.
import { Temporal } from 'temporal-polyfill';
import { addDays, type IsoDate } from '../calendar.ts';
import type { Channel } from '../playbooks/playbook.ts';
import { isMessage, type Bookings, type ContactAttempt, type ContactRule, type Interval } from './contact-attempt.ts';

/** Why an attempt may not go ahead when asked: the rule, how it refused, and the rule's own sentence. */
export interface Refusal {
  rule: string;
  /** day-refused: the rule refuses the day; no-time-left: no allowed hour is left that day; planner: it could not be planned at all. */
  code: 'day-refused' | 'no-time-left' | 'planner';
  /** A refusal that does not pass with time: the attempt is blocked at once. */
  permanent: boolean;
  says: string;
}

export type Verdict =
  | { status: 'allowed'; dueAt: string; rule: null; reason: null; refusal: null }
  /** Due at `dueAt`, on `deferredTo`, the first day no rule refuses. */
  | { status: 'deferred'; dueAt: string; rule: string; reason: string; refusal: Refusal; deferredTo: IsoDate }
  /** `noDayWithin`: the days searched without finding an allowed one; null when the refusal is permanent. */
  | { status: 'blocked'; dueAt: string; rule: string; reason: string; refusal: Refusal; noDayWithin: number | null };

/** How far ahead an attempt is judged for an allowed day before it is blocked instead. */
export const maxDeferralDays = 14;

/** The verdicts, with the sentence of each made from its parts (never the other way round). */
export const verdicts = {
  allowed: (dueAt: string): Verdict => ({ status: 'allowed', dueAt, rule: null, reason: null, refusal: null }),
  deferred: (dueAt: string, refusal: Refusal, deferredTo: IsoDate): Verdict => ({
    status: 'deferred',
    dueAt,
    rule: refusal.rule,
    reason: `${refusal.says} Deferred to ${deferredTo}.`,
    refusal,
    deferredTo,
  }),
  blocked: (dueAt: string, refusal: Refusal, noDayWithin: number | null): Verdict => ({
    status: 'blocked',
    dueAt,
    rule: refusal.rule,
    reason: noDayWithin === null ? refusal.says : `${refusal.says} No allowed day within ${noDayWithin} days.`,
    refusal,
    noDayWithin,
  }),
};

/** A copy of the debtor's bookings that judging may add to. */
export function bookingsToFill(bookings: Bookings): Map<IsoDate, Channel[]> {
  return new Map([...bookings].map(([day, channels]) => [day, [...channels]]));
}

/**
 * Judges one attempt on `context.date` from `context.sendHour` (then the days after, from the same
 * hour); an attempt allowed on a day is booked on it in `bookings`, so the next attempt judged
 * against the same bookings sees it.
 */
export function judgeAttempt(
  attempt: ContactAttempt,
  context: { date: IsoDate; timeZone: string; sendHour: number },
  bookings: Map<IsoDate, Channel[]>,
  rules: readonly ContactRule[],
): Verdict {
  const preferred = dueAtLocal(context.date, context.sendHour, context.timeZone);
  const first = judgeDay(attempt, context.date, context, bookings, rules);
  if (first.ok) {
    book(bookings, attempt, context.date);
    return verdicts.allowed(first.dueAt);
  }
  if (first.refusal.permanent) return verdicts.blocked(preferred, first.refusal, null);
  for (let days = 1; days <= maxDeferralDays; days++) {
    const day = addDays(context.date, days);
    const later = judgeDay(attempt, day, context, bookings, rules);
    if (later.ok) {
      book(bookings, attempt, day);
      return verdicts.deferred(later.dueAt, first.refusal, day);
    }
    if (later.refusal.permanent) return verdicts.blocked(preferred, later.refusal, null);
  }
  return verdicts.blocked(preferred, first.refusal, maxDeferralDays);
}

/** The answer for an attempt made at an instant: now, later (from when, and what holds it back now), or never. */
export type AttemptAnswer =
  | { answer: 'now'; at: string }
  | {
      answer: 'later';
      at: string;
      /** The rule that holds the attempt back now; null when only the hour is early (it is allowed later today). */
      rule: string | null;
      /** Why not now, in words: the refusal of today (with its deferral, when today's judging found one). */
      heldBecause: string | null;
      verdict: Verdict;
    }
  | { answer: 'blocked'; verdict: Extract<Verdict, { status: 'blocked' }> };

/**
 * "May this attempt be made at `now`?" — judged on the rest of the debtor's day from the current
 * hour. When today is refused (and the refusal passes with time), the next allowed moment is
 * judged from tomorrow at `laterDaysFrom`: an hour (the dispatcher sends at the organisation's send
 * hour), or 'this-hour' — a deferral found today stands, and a day with no time left is judged
 * again from tomorrow's midnight (judging every later day from 22:00 would find none). Used by the
 * send check and by a person's "may I contact them now?"; the cycle judges its day with judgeAttempt.
 */
export function judgeAttemptAt(
  attempt: ContactAttempt,
  now: Temporal.Instant,
  context: { timeZone: string; bookings: Bookings; rules: readonly ContactRule[]; laterDaysFrom: number | 'this-hour' },
): AttemptAnswer {
  const { timeZone, rules } = context;
  const local = now.toZonedDateTimeISO(timeZone);
  const today = local.toPlainDate().toString();
  const todays = judgeAttempt(attempt, { date: today, timeZone, sendHour: local.hour }, bookingsToFill(context.bookings), rules);
  if (todays.status === 'allowed') {
    if (Temporal.Instant.compare(Temporal.Instant.from(todays.dueAt), now) <= 0) return { answer: 'now', at: atSecond(now, timeZone) };
    return { answer: 'later', at: todays.dueAt, rule: null, heldBecause: null, verdict: todays };
  }
  if (todays.status === 'blocked' && todays.refusal.permanent) return { answer: 'blocked', verdict: todays };
  const later =
    context.laterDaysFrom === 'this-hour' && todays.status === 'deferred'
      ? todays
      : judgeAttempt(attempt, { date: addDays(today, 1), timeZone, sendHour: context.laterDaysFrom === 'this-hour' ? 0 : context.laterDaysFrom }, bookingsToFill(context.bookings), rules);
  if (later.status === 'blocked') return { answer: 'blocked', verdict: later };
  const heldBecause = todays.status === 'deferred' ? todays.reason : todays.refusal.says;
  return { answer: 'later', at: later.dueAt, rule: todays.rule, heldBecause, verdict: later };
}

function atSecond(instant: Temporal.Instant, timeZone: string): string {
  return instant.toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** The instant an attempt is due: `hour` o'clock on `date` in the debtor's zone, ISO 8601 with offset. */
export function dueAtLocal(date: IsoDate, hour: number, timeZone: string): string {
  // A cycle asks this for every customer, with a handful of distinct answers: remember them.
  const key = `${date} ${hour} ${timeZone}`;
  let dueAt = dueAtCache.get(key);
  if (dueAt === undefined) {
    if (dueAtCache.size >= 10_000) dueAtCache.clear();
    dueAt = Temporal.PlainDate.from(date)
      .toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from({ hour }) })
      .toString({ timeZoneName: 'never' });
    dueAtCache.set(key, dueAt);
  }
  return dueAt;
}
const dueAtCache = new Map<string, string>();

const epochMsCache = new Map<string, number>();
function epochMsOf(isoWithOffset: string): number {
  let ms = epochMsCache.get(isoWithOffset);
  if (ms === undefined) {
    if (epochMsCache.size >= 10_000) epochMsCache.clear();
    ms = Temporal.Instant.from(isoWithOffset).epochMilliseconds;
    epochMsCache.set(isoWithOffset, ms);
  }
  return ms;
}

type DayJudgement = { ok: true; dueAt: string } | { ok: false; refusal: Refusal };

function judgeDay(attempt: ContactAttempt, day: IsoDate, context: { sendHour: number; timeZone: string }, bookings: Bookings, rules: readonly ContactRule[]): DayJudgement {
  for (const rule of rules) {
    const says = rule.refuses?.(attempt, day, bookings);
    if (says) return { ok: false, refusal: { rule: rule.id, code: 'day-refused', permanent: rule.permanent === true, says } };
  }
  const preferred = dueAtLocal(day, context.sendHour, context.timeZone);
  let spans: Interval[] | null = null;
  let limitingRule: ContactRule | null = null;
  for (const rule of rules) {
    const allowed = rule.allowedHours?.(attempt, day);
    if (!allowed) continue;
    spans = spans === null ? [...allowed] : intersect(spans, allowed);
    limitingRule = rule;
    if (spans.length === 0) break;
  }
  if (spans === null) return { ok: true, dueAt: preferred };
  const preferredMs = epochMsOf(preferred);
  const span = spans.find((s) => s.to > preferredMs);
  if (!span) {
    const says = `No allowed contact time is left on ${day} after ${preferred.slice(11, 16)} in the customer's time zone (${limitingRule!.id}).`;
    return { ok: false, refusal: { rule: limitingRule!.id, code: 'no-time-left', permanent: limitingRule!.permanent === true, says } };
  }
  if (span.from <= preferredMs) return { ok: true, dueAt: preferred };
  return { ok: true, dueAt: Temporal.Instant.fromEpochMilliseconds(span.from).toZonedDateTimeISO(context.timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' }) };
}

/** The parts of `a` also in `b`; both sorted and non-overlapping. */
function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from < to) out.push({ from, to });
    }
  }
  return out.sort((p, q) => p.from - q.from);
}

function book(bookings: Map<IsoDate, Channel[]>, attempt: ContactAttempt, day: IsoDate): void {
  if (!isMessage(attempt)) return;
  const channels = bookings.get(day);
  if (channels) channels.push(attempt.channel);
  else bookings.set(day, [attempt.channel]);
}
