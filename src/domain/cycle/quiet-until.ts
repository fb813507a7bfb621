// How long a customer's plan stays empty while nothing about the customer changes: the first day
// on which the planner (plan.ts) could propose something new from the same facts. The cycle does
// not read or plan the customer before that day (src/app/cycle/run-cycle.ts); any write about the
// customer ends the quiet early (the plan_quiet triggers, migration 0009).
//
// Every date the planner or the snapshot compares with today must give a day here: a missed one
// would silently stop chasing a customer. test/cycle/quiet-customers.test.ts plans every customer
// every day beside the skipping cycle, over weeks of random events, and compares the two.
import { epochDay, firstDayMonthsAfter, fromEpochDay, type IsoDate } from '../calendar.ts';
import type { PlaybookRule } from '../playbooks/default-playbooks.ts';
import type { PlaybookVersion } from '../playbooks/playbook.ts';
import { historyDays, type CustomerState } from './customer-state.ts';
import { caseProgress, type PlannedToday } from './case-progress.ts';
import { sympatheticPace } from './listening.ts';
import { applicableSteps } from './plan.ts';

/**
 * Every customer is planned afresh at least this often, whatever the dates below say: a net under
 * them, not a date of the planner's. Each customer on a day of its own (safetyDay), so that a
 * portfolio planned all on one day (its first) is not planned all together again four weeks on.
 */
export const longestQuietDays = 28;

/** The customer's next day of being planned whatever happens: the first after today in its own phase. */
function safetyDay(customerId: bigint, today: number): number {
  const phase = Number(customerId % BigInt(longestQuietDays));
  const ahead = (((phase - today - 1) % longestQuietDays) + longestQuietDays) % longestQuietDays;
  return today + 1 + ahead;
}

/**
 * The first day after `date` on which planning `state` again could propose an action, given
 * that `planned` (today's proposals, with what becomes of them as they are stored) are taken
 * today. At most `longestQuietDays` ahead.
 */
export function quietUntil(state: CustomerState, chosen: PlaybookVersion, rules: readonly PlaybookRule[], date: IsoDate, planned: readonly PlannedToday[]): IsoDate {
  // in day numbers: it runs for every customer planned, 100k on a first day
  const today = epochDay(date);
  let until = safetyDay(state.customerId, today);
  const consider = (day: number) => {
    if (day > today && day < until) until = day;
  };
  const steps = chosen.playbook.steps;

  let oldestOverdue: number | undefined;
  for (const invoice of state.invoices) {
    const due = epochDay(invoice.dueDate);
    if (due < today) oldestOverdue = Math.min(oldestOverdue ?? due, due);
    // within a pre-due step's window from `offset` days before its due date
    for (const step of steps) if (step.offsetDays < 0) consider(due + step.offsetDays);
  }
  // An invoice is overdue from the day after its due date. The first one starts the case's clock;
  // a later one only adds to the overdue balance, which matters where a rule or step asks for a
  // minimum (on a large portfolio an invoice falls due for most customers every few days).
  const balanceMatters = [...rules, ...steps].some(({ conditions }) => conditions?.minBalance !== undefined);
  if (oldestOverdue === undefined || balanceMatters) for (const invoice of state.invoices) consider(epochDay(invoice.dueDate) + 1);
  // The case's next step, as the planner will see it tomorrow: what was planned today is taken
  // today. A message still on its way moves the case on only once it reaches the debtor or lapses,
  // and that status change ends the quiet (migration 0010's trigger).
  if (oldestOverdue !== undefined && state.caseId !== null) {
    const done = new Map(state.done);
    const delivery = new Map(state.delivery);
    for (const today of planned) {
      done.set(today.key, date);
      delivery.set(today.key, today.delivery);
    }
    const caseSteps = applicableSteps(state, chosen, date).filter(({ step }) => step.offsetDays >= 0);
    const { last, next } = caseProgress({ caseId: state.caseId, done, delivery }, caseSteps, oldestOverdue, sympatheticPace({ caseId: state.caseId, said: state.said, done, delivery }, chosen.playbook));
    if (next) consider(next.day);
    const follow = last?.step.step.onNoResponse;
    if (follow && last.delivery.status === 'reached') consider(epochDay(last.delivery.on) + follow.afterDays);
  }
  // what the snapshot reads only so far back (caseless actions, responses) drops out of it; a
  // day early, as a response's local day and the UTC bound of the read can differ by one
  for (const taken of state.done.values()) consider(epochDay(taken) + historyDays - 1);
  if (state.lastResponseOn) consider(epochDay(state.lastResponseOn) + historyDays - 1);

  if (state.hold?.until) consider(epochDay(state.hold.until) + 1);

  // "customer for at least / less than N months" conditions of the rules and steps
  const since = state.profile.customerSince;
  if (since) {
    for (const { conditions } of [...rules, ...steps]) {
      for (const months of [conditions?.customerForMonthsAtLeast, conditions?.customerForMonthsLessThan]) {
        if (months !== undefined) consider(epochDay(firstDayMonthsAfter(since, months)));
      }
    }
  }
  return fromEpochDay(until);
}
