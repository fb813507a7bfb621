// When each step of a case may be taken. Pure; shared by the planner (what is due today) and the
// quiet days (the first day something could be due), so the two cannot disagree.
//
// A case's first message is always the playbook's first step after the due date, however old the
// debt: a debt Arrears never chased starts at the beginning. Its clock then runs from that first
// contact (the contact's day less the first step's offset; for a debt chased from its due date
// this is the due date itself), and each later step also waits its own gap after the last message
// that actually reached the debtor, and for the deadline that message gave. While the last step's
// message is still on its way (deferred, written to the outbox folder, printed but not posted)
// nothing further is due. Steps are never skipped: after days when nothing ran, the next step is
// taken once, and the ones after it keep their gaps (never a catch-up to a late step).
import { epochDay, type IsoDate } from '../calendar.ts';
import type { Step } from '../playbooks/playbook.ts';
import { caseStepKey } from './step-keys.ts';
import type { CustomerState, Delivery } from './customer-state.ts';
import type { Pace } from './listening.ts';

export type IndexedStep = { step: Step; index: number };

/** An action planned today, with what it is as it is stored: a task or a blocked action does not hold the case up. */
export interface PlannedToday {
  key: string;
  delivery: Delivery;
}

export function plannedToday(proposal: { key: string; kind: 'send' | 'task' }, status: string, date: IsoDate): PlannedToday {
  const lapses = proposal.kind === 'task' || status === 'blocked';
  return { key: proposal.key, delivery: lapses ? { status: 'lapsed', on: date } : { status: 'waiting' } };
}

export interface CaseProgress {
  /** The furthest step already taken, with what became of it. */
  last: { step: IndexedStep; delivery: Delivery } | undefined;
  /** The step that comes next, with the first day (a day number) it may be taken; none while the last is on its way. */
  next: { step: IndexedStep; day: number } | undefined;
}

/**
 * @param caseSteps the playbook's steps after the due date that apply to the customer, in order
 * @param oldestOverdueDay the day number of the oldest overdue invoice's due date
 * @param pace how the listening path holds the case back (listening.ts), if it does
 */
export function caseProgress(state: Pick<CustomerState, 'caseId' | 'done' | 'delivery'>, caseSteps: readonly IndexedStep[], oldestOverdueDay: number, pace?: Pace): CaseProgress {
  const progress = scheduledProgress(state, caseSteps, oldestOverdueDay);
  if (!pace || !progress.next) return progress;
  // the sympathetic path (listening.ts): held back until the offer has had its time, then slower
  const delivered = progress.last && progress.last.delivery.status !== 'waiting' ? epochDay(progress.last.delivery.on) + pace.minGapDays : -Infinity;
  return { last: progress.last, next: { step: progress.next.step, day: Math.max(progress.next.day, pace.notBefore, delivered) } };
}

function scheduledProgress(state: Pick<CustomerState, 'caseId' | 'done' | 'delivery'>, caseSteps: readonly IndexedStep[], oldestOverdueDay: number): CaseProgress {
  const caseId = state.caseId!;
  const keyOf = (entry: IndexedStep) => caseStepKey(caseId, entry.step.key);
  const taken = caseSteps.filter((entry) => state.done.has(keyOf(entry)));
  const first = caseSteps[0];
  if (taken.length === 0) return { last: undefined, next: first ? { step: first, day: oldestOverdueDay + first.step.offsetDays } : undefined };

  const lastStep = taken.at(-1)!;
  const delivery: Delivery = state.delivery.get(keyOf(lastStep)) ?? { status: 'waiting' };
  const last = { step: lastStep, delivery };
  if (delivery.status === 'waiting') return { last, next: undefined };

  const firstTaken = taken[0]!;
  const firstDelivery = state.delivery.get(keyOf(firstTaken));
  const firstOn = firstDelivery && firstDelivery.status !== 'waiting' ? firstDelivery.on : state.done.get(keyOf(firstTaken))!;
  const clockStart = epochDay(firstOn) - firstTaken.step.offsetDays;
  const since = epochDay(delivery.on);
  const afterDeadline = delivery.status === 'reached' && delivery.deadlineOn ? epochDay(delivery.deadlineOn) + 1 : -Infinity;

  const following = caseSteps[caseSteps.indexOf(lastStep) + 1];
  if (!following) return { last, next: undefined };
  const gap = following.step.offsetDays - lastStep.step.offsetDays;
  return { last, next: { step: following, day: Math.max(clockStart + following.step.offsetDays, since + gap, afterDeadline) } };
}
