// What the daily cycle knows about one customer on the day it plans for: read in one set-based
// snapshot, handed to the pure planner and guard. Everything is as of the start of that day.
import type { IsoDate } from '../calendar.ts';
import type { Debtor } from '../compliance/contact-rules.ts';
import type { Bookings } from '../compliance/contact-attempt.ts';
import type { CustomerProfile } from '../playbooks/conditions.ts';
import type { Channel } from '../playbooks/playbook.ts';
import type { ListenedOutcome } from '../playbooks/playbook.ts';

/** How far back the snapshot reads caseless actions (pre-due notes) and responses. */
export const historyDays = 180;

/** An open invoice the cycle may chase: balance left, no open dispute over it, not on hold. */
export interface ChaseInvoice {
  id: bigint;
  number: string;
  currency: string;
  dueDate: IsoDate;
  /** The balance less any openly disputed part. */
  amount: bigint;
}

/**
 * What became of a planned action, for timing the case's next step: it reached the debtor on a
 * day (an email or SMS sent, a letter posted, a call made), giving them until `deadlineOn`; it
 * is still on its way (planned, deferred, written to the outbox folder, printed but not posted);
 * or it lapsed without reaching them (blocked, failed, cancelled, superseded; a task nobody worked
 * does not hold the case up either).
 */
export type Delivery = { status: 'reached'; on: IsoDate; deadlineOn: IsoDate | null } | { status: 'waiting' } | { status: 'lapsed'; on: IsoDate };

/** What the debtor said that a playbook may listen for (listening.ts), and on which (the organisation's local) day. */
export interface Said {
  outcome: ListenedOutcome;
  on: IsoDate;
}

export interface BrokenArrangement {
  kind: 'promise' | 'plan';
  id: bigint;
  brokenOn: IsoDate;
}

export interface CustomerState {
  customerId: bigint;
  externalId: string;
  name: string;
  profile: CustomerProfile & { playbookOverride: string | null };
  excludedReason: string | null;
  hold: { reason: string; until: IsoDate | null } | null;
  /** The customer's IANA time zone, or the organisation's when unknown. */
  timeZone: string;
  /** Channels the customer can be reached on now (an address on file, not opted out, not bounced). */
  reach: Readonly<Record<Exclude<Channel, 'review'>, boolean>>;
  /** Chaseable invoices overdue or coming due within the pre-due window, oldest due first. */
  invoices: ChaseInvoice[];
  /** The open case, if one exists. */
  caseId: bigint | null;
  /** This customer's actions planned before this day (its case, its pre-due notes): key → date planned. */
  done: ReadonlyMap<string, IsoDate>;
  /**
   * What became of each of the open case's planned actions, by key: the case moves on only from
   * what reached the debtor. A key of `done` missing here is still waiting.
   */
  delivery: ReadonlyMap<string, Delivery>;
  /** Last day the customer responded (paid, promised, disputed, replied), if ever. */
  lastResponseOn: IsoDate | null;
  /** What the debtor last said in the open case that a playbook may listen for (listening.ts), before this day. */
  said: Said | null;
  /** A promise to pay not yet kept or broken: the customer is not chased meanwhile. */
  pendingPromise: { dueOn: IsoDate } | null;
  /**
   * The latest arrangement of the open case that failed: a promise to pay broken, or a payment
   * plan defaulted. The case resumes one step firmer than it stood, with a call.
   */
  brokenArrangement: BrokenArrangement | null;
  /** Messages (and call attempts) planned or sent to the customer, by local date: the last week and ahead. */
  bookings: Bookings;
  /** What the contact rules need: kind, jurisdiction, flags, stated times, last conversation. */
  debtor: Debtor;
}

/**
 * The state as if the customer had no address on these channels: a channel this installation
 * cannot send on (SMS with no provider set) is passed over for a step's next channel, as for a
 * customer without a mobile number, instead of being planned and then failing at send time.
 */
export function withoutChannels(state: CustomerState, off: readonly Exclude<Channel, 'review'>[]): CustomerState {
  if (off.length === 0) return state;
  return { ...state, reach: reachWithout(state.reach, off) };
}

export type Reach = CustomerState['reach'];

/** The reach as if the customer had no address on these channels (see withoutChannels). */
export function reachWithout(reach: Reach, off: readonly Exclude<Channel, 'review'>[]): Reach {
  return off.length === 0 ? reach : { ...reach, ...Object.fromEntries(off.map((channel) => [channel, false])) };
}

/**
 * The channel a step is taken on: the first of its channels, in the playbook's order of
 * preference, the customer can be reached on (a review needs no address). Undefined: none.
 */
export function reachableChannel<C extends Channel>(channels: readonly C[], reach: Reach): C | undefined {
  return channels.find((channel) => channel === 'review' || reach[channel as Exclude<Channel, 'review'>]);
}

/** Why a step whose channels reach nobody is blocked (rule `no-channel`). */
export function noChannelReason(who: string, stepName: string, channels: readonly Channel[]): string {
  return `No way to reach ${who} for "${stepName}": no usable ${channels.join(' or ')} address on file (missing, opted out or bounced).`;
}
