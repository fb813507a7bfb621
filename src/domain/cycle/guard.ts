// The cycle's guard: the planner's proposed actions × the customer's contact history × the contact
// rules → allowed, deferred until a time, or blocked, each not-allowed verdict with its rule and a
// sentence a person can read. Each proposal is judged as the contact attempt it is
// (domain/compliance/judge-attempt.ts), in order, so an earlier one's booking counts for the next.
// The rules that apply to a debtor come from src/domain/compliance/contact-rules.ts.
import type { IsoDate } from '../calendar.ts';
import type { Bookings, ContactAttempt, ContactRule } from '../compliance/contact-attempt.ts';
import { alwaysOnRules } from '../compliance/contact-rules.ts';
import { bookingsToFill, dueAtLocal, judgeAttempt, verdicts, type Verdict } from '../compliance/judge-attempt.ts';
import type { ProposedAction } from './plan.ts';

export type { Verdict };

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

/** What the contact rules see of a proposed action. */
export function attemptOf(action: ProposedAction): ContactAttempt {
  return {
    kind: action.kind,
    channel: action.channel,
    template: action.template,
    stepName: action.stepName,
    tone: action.tone,
    nextStep: action.nextStep,
    oldestDueDate: action.invoices[0]?.dueDate ?? null,
  };
}

/**
 * Judges the customer's proposed actions in order (earlier ones have priority). An action some
 * rule refuses today is deferred to the first day no rule refuses, or blocked if there is none
 * within two weeks or the refusal is permanent. Actions the planner already blocked stay blocked.
 */
export function guardActions(actions: readonly ProposedAction[], context: GuardContext, rules: readonly ContactRule[] = alwaysOnRules): Verdict[] {
  const bookings = bookingsToFill(context.bookings);
  return actions.map((action) => {
    if (!action.blocked) return judgeAttempt(attemptOf(action), context, bookings, rules);
    const refusal = { rule: action.blocked.rule, code: 'planner' as const, permanent: true, says: action.blocked.reason };
    return verdicts.blocked(dueAtLocal(context.date, context.sendHour, context.timeZone), refusal, null);
  });
}
