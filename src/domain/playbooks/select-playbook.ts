// Which playbook a customer follows: a per-customer override, else the first segment rule that
// matches, else the organisation's default. Returns the reason too, for "why this playbook?".
import type { IsoDate } from '../calendar.ts';
import { meetsConditions, type CustomerProfile } from './conditions.ts';
import type { PlaybookRule } from './default-playbooks.ts';

export interface PlaybookChoice {
  name: string;
  reason: string;
}

export function selectPlaybook(
  customer: CustomerProfile & { playbookOverride: string | null },
  rules: readonly PlaybookRule[],
  defaultPlaybook: string,
  context: { today: IsoDate; overdue: ReadonlyMap<string, bigint> },
): PlaybookChoice {
  if (customer.playbookOverride) return { name: customer.playbookOverride, reason: 'set for this customer' };
  const index = rules.findIndex((rule) => meetsConditions(customer, rule.conditions, context));
  if (index >= 0) return { name: rules[index]!.playbookName, reason: `segment rule ${index + 1}` };
  return { name: defaultPlaybook, reason: 'the default playbook' };
}
