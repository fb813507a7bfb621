// What the contact rules judge: one attempt to contact a debtor — a step the cycle planned, a send
// at the moment it leaves, or a person's own call or message — with only the fields the rules
// read. The cycle's proposals, the dispatcher's claimed sends and "may I contact them now?" each
// describe their attempt in these terms; none has to pretend to be one of the others.
import type { IsoDate } from '../calendar.ts';
import type { Channel, Tone } from '../playbooks/playbook.ts';

export interface ContactAttempt {
  kind: 'send' | 'task';
  channel: Channel;
  /** The template of the message ('manual' for a person's own contact): after a cease request only some notices pass. */
  template: string;
  /** The step's name, as the sentences of the rules quote it. */
  stepName: string;
  tone: Tone;
  /** For a final notice: the next step it names (a legal one is a legal threat). */
  nextStep: string | null;
  /** The due date of the oldest invoice the attempt is about (limitation periods run from it); null when none. */
  oldestDueDate: IsoDate | null;
}

/** Messages and call attempts planned or sent to a debtor, by local date (several a day possible in the past). */
export type Bookings = ReadonlyMap<IsoDate, readonly Channel[]>;

/** An allowed span of time, as epoch milliseconds [from, to). */
export interface Interval {
  from: number;
  to: number;
}

/** A contact rule looks at one attempt on one day (and what is already booked) and may refuse it. */
export interface ContactRule {
  id: string;
  /** Where the rule comes from (a statute, or "Arrears policy"). */
  citation: string;
  /** Why `day` is not allowed for the attempt (a sentence a person reads), or null if it is. */
  refuses?(attempt: ContactAttempt, day: IsoDate, bookings: Bookings): string | null;
  /** True when a refusal does not pass with time (the attempt is blocked, not deferred). */
  permanent?: boolean;
  /** An organisation's own choice, which an owner may override for one contact (never a legal rule). */
  overridable?: boolean;
  /** The spans of `day` in which the attempt may be due, or null for the whole day. */
  allowedHours?(attempt: ContactAttempt, day: IsoDate): readonly Interval[] | null;
}

/** Counts as a message to the debtor: everything sent, and call attempts. */
export function isMessage(attempt: Pick<ContactAttempt, 'kind' | 'channel'>): boolean {
  return attempt.kind === 'send' || attempt.channel === 'call';
}
