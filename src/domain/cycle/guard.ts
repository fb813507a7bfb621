// The guard: proposed actions × the customer's contact history × contact rules → allowed,
// deferred until a time, or blocked — each not-allowed verdict with the rule and a sentence a
// person can read. Pure. The contact rules are a list, so compliance packs add to it; the rule
// that is always on is here: at most one message a day per debtor across all channels, call
// attempts included.
import { Temporal } from 'temporal-polyfill';
import { addDays, type IsoDate } from '../calendar.ts';
import type { ProposedAction } from './plan.ts';

export type Verdict =
  | { status: 'allowed'; dueAt: string; rule: null; reason: null }
  | { status: 'deferred'; dueAt: string; rule: string; reason: string }
  | { status: 'blocked'; dueAt: string; rule: string; reason: string };

export interface GuardContext {
  /** The day being planned, in the debtor's calendar. */
  date: IsoDate;
  /** The debtor's IANA time zone. */
  timeZone: string;
  /** Local hour from which the day's messages are due. */
  sendHour: number;
  /** Messages and call attempts already planned or sent to the debtor, by local date. */
  messagesByDate: ReadonlyMap<IsoDate, number>;
}

/** A contact rule looks at one action (and what is already booked) and may refuse a day. */
export interface ContactRule {
  id: string;
  /** Where the rule comes from (a statute, or "Arrears policy"). */
  citation: string;
  /** Returns why `date` is not allowed for the action, or null if it is. */
  refuses(action: ProposedAction, date: IsoDate, booked: ReadonlyMap<IsoDate, number>): string | null;
}

/** Counts toward "one message a day": everything sent, and call attempts. */
export function isMessage(action: Pick<ProposedAction, 'kind' | 'channel'>): boolean {
  return action.kind === 'send' || action.channel === 'call';
}

export const oneMessagePerDay: ContactRule = {
  id: 'one-message-per-day',
  citation: 'Arrears policy (DESIGN §2.3): never harass',
  refuses: (action, date, booked) =>
    isMessage(action) && (booked.get(date) ?? 0) >= 1
      ? `Another message to this customer is already planned for ${date}; at most one message (or call attempt) a day across all channels.`
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

/**
 * Judges the customer's proposed actions in order (earlier ones have priority). An action some
 * rule refuses today is deferred to the first day no rule refuses, or blocked if there is none
 * within two weeks. Actions the planner already blocked stay blocked.
 */
export function guardActions(actions: readonly ProposedAction[], context: GuardContext, rules: readonly ContactRule[] = alwaysOnRules): Verdict[] {
  const booked = new Map(context.messagesByDate);
  return actions.map((action) => {
    const dueAt = dueAtLocal(context.date, context.sendHour, context.timeZone);
    if (action.blocked) return { status: 'blocked', dueAt, rule: action.blocked.rule, reason: action.blocked.reason };
    const firstRefusal = refusal(action, context.date, booked, rules);
    if (!firstRefusal) {
      book(booked, action, context.date);
      return { status: 'allowed', dueAt, rule: null, reason: null };
    }
    for (let days = 1; days <= maxDeferralDays; days++) {
      const day = addDays(context.date, days);
      if (!refusal(action, day, booked, rules)) {
        book(booked, action, day);
        return { status: 'deferred', dueAt: dueAtLocal(day, context.sendHour, context.timeZone), rule: firstRefusal.rule.id, reason: `${firstRefusal.reason} Deferred to ${day}.` };
      }
    }
    return { status: 'blocked', dueAt, rule: firstRefusal.rule.id, reason: firstRefusal.reason };
  });
}

function refusal(action: ProposedAction, date: IsoDate, booked: ReadonlyMap<IsoDate, number>, rules: readonly ContactRule[]) {
  for (const rule of rules) {
    const reason = rule.refuses(action, date, booked);
    if (reason) return { rule, reason };
  }
  return null;
}

function book(booked: Map<IsoDate, number>, action: ProposedAction, date: IsoDate): void {
  if (isMessage(action)) booked.set(date, (booked.get(date) ?? 0) + 1);
}
