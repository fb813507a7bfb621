// Which of the sends now due may go, decided at the moment of sending, for all of them together:
// at most one message per debtor per local day across channels (counting what already went out
// today, not what was planned), only the latest step of a case (an older one still waiting is
// superseded), and nothing stale (a note before the due date once the invoice is due). Pure: the
// claim (src/db/queries/outbox.ts) reads the facts and writes the outcome.
import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from '../calendar.ts';

export interface DueSend {
  id: bigint;
  customerId: bigint;
  /** The debtor's IANA time zone (the organisation's when unknown). */
  timeZone: string;
  stepName: string;
  /** A step of the case (not a note before due, not a notice the law orders first). */
  caseStep: boolean;
  /** A note before the due date: true only while one of its invoices is not yet overdue. */
  preDue: { latestDueDate: IsoDate } | null;
  /** Claimed before and its lease ran out: it may have gone out already, so it goes again as it was. */
  reclaimed: boolean;
  /** A later step of the same case exists (waiting or gone out). */
  laterStep: { name: string; plannedOn: IsoDate } | null;
  /** Another message to this debtor went out on `sentOn` (its local day), or is being sent right now. */
  lastOutgoing: { sentOn: IsoDate | null; inFlight: boolean } | null;
  /** Cycle order: validation notices and older plans first. */
  order: number;
}

export type Triage =
  | { id: bigint; outcome: 'send' }
  | { id: bigint; outcome: 'superseded'; rule: 'later-step' | 'stale'; reason: string }
  | { id: bigint; outcome: 'deferred'; rule: 'one-message-a-day'; dueAt: string; reason: string };

export function triageDueSends(due: readonly DueSend[], now: Temporal.Instant, sendHour: number): Triage[] {
  const sendingTo = new Set<bigint>();
  const results: Triage[] = [];
  // the ones that must go as they were first, so a debtor's one message of the day is theirs
  const ordered = [...due].sort((a, b) => Number(b.reclaimed) - Number(a.reclaimed) || a.order - b.order);
  for (const send of ordered) {
    if (send.reclaimed) {
      sendingTo.add(send.customerId);
      results.push({ id: send.id, outcome: 'send' });
      continue;
    }
    const today = now.toZonedDateTimeISO(send.timeZone).toPlainDate();
    if (send.caseStep && send.laterStep) {
      const reason = `A later step of the case, "${send.laterStep.name}" (planned ${send.laterStep.plannedOn}), came due before this one went out: only the latest step is sent.`;
      results.push({ id: send.id, outcome: 'superseded', rule: 'later-step', reason });
      continue;
    }
    if (send.preDue && send.preDue.latestDueDate < today.toString()) {
      const reason = `Its invoice is already overdue (due ${send.preDue.latestDueDate}): a note before the due date would no longer be true.`;
      results.push({ id: send.id, outcome: 'superseded', rule: 'stale', reason });
      continue;
    }
    const outgoing = send.lastOutgoing;
    const messagedToday = sendingTo.has(send.customerId) || outgoing?.inFlight || outgoing?.sentOn === today.toString();
    if (messagedToday) {
      const dueAt = today.add({ days: 1 }).toZonedDateTime({ timeZone: send.timeZone, plainTime: Temporal.PlainTime.from({ hour: sendHour }) }).toInstant().toString();
      const reason = `${send.stepName}: another message went to this debtor today (${today}, their time); at most one a day across all channels.`;
      results.push({ id: send.id, outcome: 'deferred', rule: 'one-message-a-day', dueAt, reason });
      continue;
    }
    sendingTo.add(send.customerId);
    results.push({ id: send.id, outcome: 'send' });
  }
  return results;
}
