// A playbook step's or segment rule's conditions as a sentence.
import type { components } from '../../api/client.ts';

type Conditions = NonNullable<components['schemas']['Playbook']['steps'][number]['conditions']>;

export function describeConditions(conditions: Conditions | undefined): string {
  if (!conditions) return 'Every customer';
  const parts: string[] = [];
  if (conditions.kinds) parts.push(conditions.kinds.join(' or '));
  if (conditions.tagsAny) parts.push(`tagged ${conditions.tagsAny.join(' or ')}`);
  if (conditions.tagsNone) parts.push(`not tagged ${conditions.tagsNone.join(' or ')}`);
  if (conditions.risks) parts.push(`${conditions.risks.join(' or ')} risk`);
  if (conditions.customerForMonthsAtLeast !== undefined) parts.push(`a customer for ${conditions.customerForMonthsAtLeast}+ months`);
  if (conditions.customerForMonthsLessThan !== undefined) parts.push(`a customer for under ${conditions.customerForMonthsLessThan} months`);
  if (conditions.minBalance) parts.push(`owing at least ${Object.entries(conditions.minBalance).map(([currency, amount]) => `${amount} ${currency}`).join(' or ')}`);
  return parts.length ? parts.join(', ') : 'Every customer';
}
