// Which playbook a customer follows: a per-customer override, else the first segment rule that
// matches, else the organisation's default. Returns the reason too, for "why this playbook?", and
// which playbook is followed when the chosen name has none (one answer for the cycle and for
// "why this playbook?").
import type { IsoDate } from '../calendar.ts';
import { meetsConditions, type CustomerProfile } from './conditions.ts';
import type { PlaybookRule } from './default-playbooks.ts';

export interface PlaybookChoice {
  name: string;
  reason: string;
  /** The position (from 1) of the segment rule that matched; null for an override or the default. */
  rulePosition: number | null;
}

export function selectPlaybook(
  customer: CustomerProfile & { playbookOverride: string | null },
  rules: readonly PlaybookRule[],
  defaultPlaybook: string,
  context: { today: IsoDate; overdue: ReadonlyMap<string, bigint> },
): PlaybookChoice {
  if (customer.playbookOverride) return { name: customer.playbookOverride, reason: 'set for this customer', rulePosition: null };
  const index = rules.findIndex((rule) => meetsConditions(customer, rule.conditions, context));
  if (index >= 0) return { name: rules[index]!.playbookName, reason: `segment rule ${index + 1}`, rulePosition: index + 1 };
  return { name: defaultPlaybook, reason: 'the default playbook', rulePosition: null };
}

/** The built-in playbook followed when neither the chosen playbook nor the default exists. */
export const lastResortPlaybook = 'standard';

/**
 * The playbook followed for a choice: the one chosen; when no playbook has that name (an override
 * or a rule naming one since removed), the organisation's default; failing that, the built-in
 * standard one (always loaded).
 */
export function followedPlaybook<P>(choice: Pick<PlaybookChoice, 'name'>, playbooks: ReadonlyMap<string, P>, defaultPlaybook: string): { name: string; playbook: P } {
  for (const name of [choice.name, defaultPlaybook, lastResortPlaybook]) {
    const playbook = playbooks.get(name);
    if (playbook !== undefined) return { name, playbook };
  }
  throw new Error(`the built-in playbook "${lastResortPlaybook}" is missing from the loaded playbooks`);
}
