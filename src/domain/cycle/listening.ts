// Listening for solutions (DESIGN §2, point 5): what the debtor last said in the open case (a call
// outcome) chooses the path its playbook names for it. Pure; the planner (plan.ts), the quiet days
// (quiet-until.ts, through case-progress.ts) and the call outcome's timeline entry all read the
// path here, so they cannot disagree.
import { epochDay } from '../calendar.ts';
import { callOutcomes } from '../calls/call-outcomes.ts';
import { listenedOutcomes, type ListenedOutcome, type ListeningPath, type Playbook, type Step } from '../playbooks/playbook.ts';
import type { CustomerState, Said } from './customer-state.ts';
import { planOfferKey } from './step-keys.ts';

export function isListenedOutcome(outcome: string): outcome is ListenedOutcome {
  return (listenedOutcomes as readonly string[]).includes(outcome);
}

/** The path the playbook names for what was said; none when the playbook does not listen for it. */
export function pathFor(playbook: Playbook, outcome: string): ListeningPath | undefined {
  return isListenedOutcome(outcome) ? playbook.listening?.[outcome] : undefined;
}

/** The timeline's words: "path: sympathetic, because call outcome "cannot pay now …" on 2026-11-03". */
export function pathReason(path: ListeningPath, said: Said): string {
  return `path: ${path.path}, because call outcome "${callOutcomes[said.outcome].label}" on ${said.on}`;
}

/** The sympathetic path's offer as a step the planner can take (it is not one of the schedule's). */
export function planOfferStep(path: Extract<ListeningPath, { path: 'sympathetic' }>): Step {
  return { key: 'plan-offer', name: path.offer.name, offsetDays: 0, tone: 'friendly', channels: path.offer.channels, template: path.offer.template };
}

/**
 * How the case's own steps are held back on the sympathetic path: none before `notBefore` (a day
 * number), and at least `minGapDays` after the last message that reached the debtor.
 */
export interface Pace {
  notBefore: number;
  minGapDays: number;
}

/**
 * The pace of a case on the sympathetic path: nothing further until the offer has had its time
 * (`offerDays` after it reached them; after it was said, if the offer could not be delivered;
 * never while it is still to be made or on its way). Undefined on any other path.
 */
export function sympatheticPace(state: Pick<CustomerState, 'caseId' | 'said' | 'done' | 'delivery'>, playbook: Playbook): Pace | undefined {
  if (state.caseId === null || !state.said) return undefined;
  const path = pathFor(playbook, state.said.outcome);
  if (path?.path !== 'sympathetic') return undefined;
  const key = planOfferKey(state.caseId, state.said.on);
  const delivery = state.delivery.get(key);
  if (!state.done.has(key) || !delivery || delivery.status === 'waiting') return { notBefore: Infinity, minGapDays: path.minGapDays };
  const from = delivery.status === 'reached' ? delivery.on : state.said.on;
  return { notBefore: epochDay(from) + path.offerDays, minGapDays: path.minGapDays };
}
