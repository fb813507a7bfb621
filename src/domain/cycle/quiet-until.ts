// How long a customer's plan stays empty while nothing about the customer changes: the first day
// on which the planner (plan.ts) could propose something new from the same facts. The cycle does
// not read or plan the customer before that day (src/app/run-cycle.ts); any write about the
// customer ends the quiet early (the plan_quiet triggers, migration 0009).
//
// Every date the planner or the snapshot compares with today must give a day here: a missed one
// would silently stop chasing a customer. test/cycle/quiet-customers.test.ts plans every customer
// every day beside the skipping cycle, over weeks of random events, and compares the two.
import { addDays, firstDayMonthsAfter, type IsoDate } from '../calendar.ts';
import type { PlaybookRule } from '../playbooks/default-playbooks.ts';
import type { Conditions, PlaybookVersion } from '../playbooks/playbook.ts';
import { historyDays, type CustomerState } from './customer-state.ts';
import { caseStepKey, type ProposedAction } from './plan.ts';

/** Every customer is planned afresh at least this often, whatever the dates below say. */
export const longestQuietDays = 7;

/**
 * The first day after `date` on which planning `state` again could propose an action, given
 * that `planned` (today's proposals) are taken today. At most `longestQuietDays` ahead.
 */
export function quietUntil(state: CustomerState, chosen: PlaybookVersion, rules: readonly PlaybookRule[], date: IsoDate, planned: readonly ProposedAction[]): IsoDate {
  let until = addDays(date, longestQuietDays);
  const consider = (day: IsoDate) => {
    if (day > date && day < until) until = day;
  };
  const steps = chosen.playbook.steps;

  for (const invoice of state.invoices) {
    // overdue from the day after its due date; within a pre-due step's window from `offset` days before
    consider(addDays(invoice.dueDate, 1));
    for (const step of steps) if (step.offsetDays < 0) consider(addDays(invoice.dueDate, step.offsetDays));
  }
  const oldestOverdue = state.invoices.find((invoice) => invoice.dueDate < date);
  if (oldestOverdue) for (const step of steps) if (step.offsetDays >= 0) consider(addDays(oldestOverdue.dueDate, step.offsetDays));

  const takenOn = new Map(state.done);
  for (const proposal of planned) takenOn.set(proposal.key, date);
  if (state.caseId !== null) {
    for (const step of steps) {
      const taken = takenOn.get(caseStepKey(state.caseId, step.key));
      if (taken && step.onNoResponse) consider(addDays(taken, step.onNoResponse.afterDays));
    }
  }
  // what the snapshot reads only so far back (caseless actions, responses) drops out of it; a
  // day early, as a response's local day and the UTC bound of the read can differ by one
  for (const taken of takenOn.values()) consider(addDays(taken, historyDays - 1));
  if (state.lastResponseOn) consider(addDays(state.lastResponseOn, historyDays - 1));

  if (state.hold?.until) consider(addDays(state.hold.until, 1));

  // "customer for at least / less than N months" conditions of the rules and steps
  const since = state.profile.customerSince;
  if (since) {
    const monthConditions = (conditions: Conditions | undefined) => [conditions?.customerForMonthsAtLeast, conditions?.customerForMonthsLessThan];
    const months = [...rules.flatMap((rule) => monthConditions(rule.conditions)), ...steps.flatMap((step) => monthConditions(step.conditions))];
    for (const count of months) if (count !== undefined) consider(firstDayMonthsAfter(since, count));
  }
  return until;
}
