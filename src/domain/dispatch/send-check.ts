// The last look before a message leaves. The cycle judged the action when it planned it; by the
// time it is sent, hours or (after an outage) days may have passed: the customer may have paid,
// asked for contact to stop, been put on hold, or the moment may be outside their contact hours.
// The same contact rules decide, on the actual instant of sending. Frequency is not counted again:
// the action itself was the day's booked message when it was planned.
import type { Temporal } from 'temporal-polyfill';
import type { ContactAttempt } from '../compliance/contact-attempt.ts';
import { contactRulesFor, type Debtor, type OrgCompliance } from '../compliance/contact-rules.ts';
import { judgeAttemptAt } from '../compliance/judge-attempt.ts';

export type SendDecision =
  | { send: true }
  /** Not now: due again at `dueAt` (the next allowed moment). */
  | { send: false; status: 'deferred'; dueAt: string; rule: string; reason: string }
  /** Never, for a reason a rule or the ledger gives. */
  | { send: false; status: 'blocked' | 'cancelled'; rule: string; reason: string };

export interface SendFacts {
  debtor: Debtor;
  /** The customer can be reached on the action's channel (address on file, not opted out, not bounced). */
  reachable: boolean;
  excludedReason: string | null;
  erased: boolean;
  onHold: boolean;
  /** A promise to pay of the customer is pending: chasing waits for its date (src/db/queries/chaseable.ts). */
  promised: boolean;
  /**
   * Per invoice of the action, what may be chased on it at this moment (src/db/queries/chaseable.ts):
   * its balance less any part under review, 0n when paid, held, promised, arranged or wholly disputed. The message
   * goes out for these amounts; when all are nothing, it does not go out.
   */
  chaseable: readonly bigint[];
  /**
   * For a message about a payment plan's instalment: whether it is still true
   * (src/domain/arrangements/instalment-messages.ts). Its invoices are the plan's, not chased, so
   * this takes the place of `chaseable`.
   */
  instalmentMessage?: { due: true } | { due: false; reason: string } | undefined;
}

export function sendCheck(action: ContactAttempt, facts: SendFacts, org: OrgCompliance & { sendHour: number }, now: Temporal.Instant): SendDecision {
  if (facts.erased) return { send: false, status: 'cancelled', rule: 'erased', reason: "The customer's personal data was erased: nothing is sent to them." };
  if (facts.excludedReason !== null) return { send: false, status: 'cancelled', rule: 'excluded', reason: `The customer was excluded from collection: ${facts.excludedReason}` };
  if (facts.onHold) return { send: false, status: 'cancelled', rule: 'on-hold', reason: 'The customer was put on hold after this was planned.' };
  if (facts.promised) return { send: false, status: 'cancelled', rule: 'promise-pending', reason: 'The customer promised to pay after this was planned: chasing waits for the promised date.' };
  if (facts.instalmentMessage) {
    if (!facts.instalmentMessage.due) return { send: false, status: 'cancelled', rule: 'instalment-message-stale', reason: facts.instalmentMessage.reason };
  } else if (!facts.chaseable.some((amount) => amount > 0n)) {
    return { send: false, status: 'cancelled', rule: 'nothing-owed', reason: 'Since this was planned, every invoice it is about was paid, credited, written off, disputed in full, put on hold, or put under a payment plan or a settlement offer.' };
  }
  if (!facts.reachable) {
    return { send: false, status: 'blocked', rule: 'no-channel', reason: `There is no usable ${action.channel} address for this customer any more (missing, opted out or bounced).` };
  }
  const rules = contactRulesFor(facts.debtor, org);
  // The rest of today, from this hour; if nothing of it is allowed, the next allowed day from the
  // organisation's send hour (never a moment of today already past).
  const judged = judgeAttemptAt(action, now, { timeZone: facts.debtor.timeZone, bookings: new Map(), rules, laterDaysFrom: org.sendHour });
  if (judged.answer === 'now') return { send: true };
  if (judged.answer === 'blocked') return { send: false, status: 'blocked', rule: judged.verdict.rule, reason: judged.verdict.reason };
  const why = judged.heldBecause ?? `Not within the customer's contact hours at the moment of sending.`;
  return { send: false, status: 'deferred', dueAt: judged.at, rule: judged.rule ?? 'consumer-contact-hours', reason: `${why} Due again at ${judged.at} (their time).` };
}
