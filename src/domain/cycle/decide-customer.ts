// The daily cycle's decision for one customer, pure: from the customer's state (the snapshot),
// the organisation's playbooks, rules and settings, and the date → the proposed actions each with
// the guard's verdict, why nothing is done (if so), and until when the customer is quiet (not read
// again). app/cycle/run-cycle.ts reads the states, calls this for each, and writes the results.
import { addDays, type IsoDate } from '../calendar.ts';
import type { CollectionSettings } from '../collection-settings.ts';
import { contactRulesFor } from '../compliance/contact-rules.ts';
import type { Verdict } from '../compliance/judge-attempt.ts';
import { sumByCurrency } from '../money.ts';
import type { PlaybookRule } from '../playbooks/default-playbooks.ts';
import type { PlaybookVersion } from '../playbooks/playbook.ts';
import { followedPlaybook, selectPlaybook } from '../playbooks/select-playbook.ts';
import { plannedToday } from './case-progress.ts';
import type { CustomerState } from './customer-state.ts';
import { guardActions } from './guard.ts';
import { planCustomer, type ProposedAction, type SkipReason } from './plan.ts';
import { quietUntil } from './quiet-until.ts';

/** What the cycle works with for a whole organisation. */
export interface CycleSetup {
  /** By name: each playbook's version in use. */
  playbooks: ReadonlyMap<string, PlaybookVersion>;
  /** Segment rules, first match wins. */
  rules: readonly PlaybookRule[];
  settings: CollectionSettings;
}

export interface CustomerDecision {
  actions: Array<{ proposal: ProposedAction; verdict: Verdict }>;
  /** Why nothing is planned today, if so. */
  skipped: SkipReason | null;
  /** The customer need not be read before `quietUntil` (from `quietFrom`); null when it must be planned again tomorrow. */
  quiet: { quietFrom: IsoDate; quietUntil: IsoDate; skipped: SkipReason } | null;
}

export function decideCustomer(state: CustomerState, setup: CycleSetup, date: IsoDate): CustomerDecision {
  const { playbooks, rules, settings } = setup;
  const overdue = sumByCurrency(state.invoices.filter((invoice) => invoice.dueDate < date));
  const choice = selectPlaybook(state.profile, rules, settings.defaultPlaybook, { today: date, overdue });
  const chosen = followedPlaybook(choice, playbooks, settings.defaultPlaybook).playbook;
  const outcome = planCustomer(state, chosen, settings, date);
  const verdicts = guardActions(
    outcome.actions,
    { date, timeZone: state.timeZone, sendHour: settings.sendHour, bookings: state.bookings },
    contactRulesFor(state.debtor, settings),
  );
  const actions = outcome.actions.map((proposal, index) => ({ proposal, verdict: verdicts[index]! }));
  // today's actions are taken today: from tomorrow on they are done
  const quietFrom = actions.length > 0 ? addDays(date, 1) : date;
  const until = quietUntil(state, chosen, rules, date, actions.map(({ proposal, verdict }) => plannedToday(proposal, verdict.status, date)));
  const skipped = outcome.skipped?.reason ?? null;
  return { actions, skipped, quiet: until > quietFrom ? { quietFrom, quietUntil: until, skipped: skipped ?? 'nothing_due' } : null };
}
