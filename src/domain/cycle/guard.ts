// The guard: proposed actions × the customer's contact history × contact rules → allowed,
// deferred until a time, or blocked — each not-allowed verdict with the rule and a sentence a
// person can read. Pure: time comes in as the date and hour being planned.
//
// A rule may refuse a day (one message a day, a frequency cap, a weekend) — the action is then
// deferred to the first day no rule refuses, within two weeks, or blocked — or refuse outright
// (a cease request, bankruptcy: waiting would not help), which blocks at once. A rule may also
// limit the hours of a day (contact hours in the debtor's zone): the action is due at the first
// allowed moment at or after the organisation's send hour, or the day is refused when none is
// left. The rules that apply to a debtor come from src/domain/compliance/contact-rules.ts.
import { Temporal } from 'temporal-polyfill';
import { addDays, type IsoDate } from '../calendar.ts';
import type { Channel } from '../playbooks/playbook.ts';
import type { ProposedAction } from './plan.ts';

export type Verdict =
  | { status: 'allowed'; dueAt: string; rule: null; reason: null }
  | { status: 'deferred'; dueAt: string; rule: string; reason: string }
  | { status: 'blocked'; dueAt: string; rule: string; reason: string };

/** Messages and call attempts planned or sent to a debtor, by local date (several a day possible in the past). */
export type Bookings = ReadonlyMap<IsoDate, readonly Channel[]>;

export interface GuardContext {
  /** The day being planned, in the debtor's calendar. */
  date: IsoDate;
  /** The debtor's IANA time zone (the organisation's when the debtor's is unknown). */
  timeZone: string;
  /** Local hour from which the day's messages are due. */
  sendHour: number;
  /** What is already booked for the debtor: the last week and ahead. */
  bookings: Bookings;
}

/** An allowed span of time, as epoch milliseconds [from, to). */
export interface Interval {
  from: number;
  to: number;
}

/** A contact rule looks at one action on one day (and what is already booked) and may refuse it. */
export interface ContactRule {
  id: string;
  /** Where the rule comes from (a statute, or "Arrears policy"). */
  citation: string;
  /** Why `day` is not allowed for the action, or null if it is. */
  refuses?(action: ProposedAction, day: IsoDate, bookings: Bookings): string | null;
  /** True when a refusal does not pass with time (the action is blocked, not deferred). */
  permanent?: boolean;
  /** An organisation's own choice, which an owner may override for one contact (never a legal rule). */
  overridable?: boolean;
  /** The spans of `day` in which the action may be due, or null for the whole day. */
  allowedHours?(action: ProposedAction, day: IsoDate): readonly Interval[] | null;
}

/** Counts as a message to the debtor: everything sent, and call attempts. */
export function isMessage(action: Pick<ProposedAction, 'kind' | 'channel'>): boolean {
  return action.kind === 'send' || action.channel === 'call';
}

export const oneMessagePerDay: ContactRule = {
  id: 'one-message-per-day',
  citation: 'Arrears policy (DESIGN §2.3): never harass',
  refuses: (action, day, bookings) =>
    isMessage(action) && (bookings.get(day)?.length ?? 0) >= 1
      ? `Another message to this customer is already planned for ${day}; at most one message (or call attempt) a day across all channels.`
      : null,
};

export const alwaysOnRules: readonly ContactRule[] = [oneMessagePerDay];

/** How far ahead the guard looks for an allowed day before it blocks instead. */
const maxDeferralDays = 14;

/** The instant an action is due: `hour` o'clock on `date` in the debtor's zone, ISO 8601 with offset. */
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

/**
 * Judges the customer's proposed actions in order (earlier ones have priority). An action some
 * rule refuses today is deferred to the first day no rule refuses, or blocked if there is none
 * within two weeks or the refusal is permanent. Actions the planner already blocked stay blocked.
 */
export function guardActions(actions: readonly ProposedAction[], context: GuardContext, rules: readonly ContactRule[] = alwaysOnRules): Verdict[] {
  const bookings = new Map<IsoDate, Channel[]>([...context.bookings].map(([day, channels]) => [day, [...channels]]));
  return actions.map((action) => {
    const preferred = dueAtLocal(context.date, context.sendHour, context.timeZone);
    if (action.blocked) return { status: 'blocked', dueAt: preferred, rule: action.blocked.rule, reason: action.blocked.reason };
    const first = judgeDay(action, context.date, context, bookings, rules);
    if (first.ok) {
      book(bookings, action, context.date);
      return { status: 'allowed', dueAt: first.dueAt, rule: null, reason: null };
    }
    if (first.rule.permanent) return { status: 'blocked', dueAt: preferred, rule: first.rule.id, reason: first.reason };
    for (let days = 1; days <= maxDeferralDays; days++) {
      const day = addDays(context.date, days);
      const later = judgeDay(action, day, context, bookings, rules);
      if (later.ok) {
        book(bookings, action, day);
        return { status: 'deferred', dueAt: later.dueAt, rule: first.rule.id, reason: `${first.reason} Deferred to ${day}.` };
      }
      if (later.rule.permanent) return { status: 'blocked', dueAt: preferred, rule: later.rule.id, reason: later.reason };
    }
    return { status: 'blocked', dueAt: preferred, rule: first.rule.id, reason: `${first.reason} No allowed day within ${maxDeferralDays} days.` };
  });
}

type DayJudgement = { ok: true; dueAt: string } | { ok: false; rule: ContactRule; reason: string };

function judgeDay(action: ProposedAction, day: IsoDate, context: GuardContext, bookings: Bookings, rules: readonly ContactRule[]): DayJudgement {
  for (const rule of rules) {
    const reason = rule.refuses?.(action, day, bookings);
    if (reason) return { ok: false, rule, reason };
  }
  const preferred = dueAtLocal(day, context.sendHour, context.timeZone);
  let spans: Interval[] | null = null;
  let limitingRule: ContactRule | null = null;
  for (const rule of rules) {
    const allowed = rule.allowedHours?.(action, day);
    if (!allowed) continue;
    spans = spans === null ? [...allowed] : intersect(spans, allowed);
    limitingRule = rule;
    if (spans.length === 0) break;
  }
  if (spans === null) return { ok: true, dueAt: preferred };
  const preferredMs = epochMsOf(preferred);
  const span = spans.find((s) => s.to > preferredMs);
  if (!span) return { ok: false, rule: limitingRule!, reason: `No allowed contact time is left on ${day} after ${preferred.slice(11, 16)} in the customer's time zone (${limitingRule!.id}).` };
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

function book(bookings: Map<IsoDate, Channel[]>, action: ProposedAction, day: IsoDate): void {
  if (!isMessage(action)) return;
  const channels = bookings.get(day);
  if (channels) channels.push(action.channel);
  else bookings.set(day, [action.channel]);
}
