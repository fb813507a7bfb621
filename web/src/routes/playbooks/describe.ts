// Playbook steps in words, for the timeline: when a step comes, who it is for, what follows.
import type { components } from '../../api/client.ts';

export type PlaybookDefinition = components['schemas']['Playbook'];
export type InstalmentReminderInUse = components['schemas']['PlaybookDetail']['instalmentReminderInUse'];
export type PlaybookStep = PlaybookDefinition['steps'][number];
export type Conditions = NonNullable<PlaybookStep['conditions']>;

export function offsetText(days: number): string {
  if (days === 0) return 'on the due date';
  const count = `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'}`;
  return days < 0 ? `${count} before due` : `${count} overdue`;
}

/** Each condition as a phrase ("businesses only", "tagged key"); empty when the step is for everyone. */
export function conditionPhrases(conditions: Conditions | undefined): string[] {
  if (!conditions) return [];
  const phrases: string[] = [];
  if (conditions.kinds) phrases.push(`${conditions.kinds.map((kind) => (kind === 'business' ? 'businesses' : 'consumers')).join(' and ')} only`);
  if (conditions.tagsAny) phrases.push(`tagged ${conditions.tagsAny.join(' or ')}`);
  if (conditions.tagsNone) phrases.push(`not tagged ${conditions.tagsNone.join(' or ')}`);
  if (conditions.minBalance) phrases.push(`overdue at least ${Object.entries(conditions.minBalance).map(([currency, amount]) => `${amount} ${currency}`).join(', ')}`);
  if (conditions.customerForMonthsAtLeast !== undefined) phrases.push(`customer for ${conditions.customerForMonthsAtLeast}+ months`);
  if (conditions.customerForMonthsLessThan !== undefined) phrases.push(`customer for under ${conditions.customerForMonthsLessThan} months`);
  if (conditions.risks) phrases.push(`${conditions.risks.join(' or ')} risk`);
  return phrases;
}

export const nextStepLabels: Record<NonNullable<PlaybookStep['nextStep']>, string> = {
  agency: 'a collection agency',
  small_claims: 'a small claims court',
  settlement: 'a settlement offer',
  write_off: 'a write-off',
};
