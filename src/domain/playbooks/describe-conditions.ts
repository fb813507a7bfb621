// Conditions in words, for "why does this customer follow this playbook?".
import type { Conditions } from './playbook.ts';

export function describeConditions(conditions: Conditions | undefined): string {
  if (!conditions) return 'every customer';
  const parts: string[] = [];
  const { kinds, tagsAny, tagsNone, minBalance, customerForMonthsAtLeast, customerForMonthsLessThan, risks } = conditions;
  if (kinds) parts.push(`a ${kinds.join(' or ')} customer`);
  if (tagsAny) parts.push(`tagged ${tagsAny.join(' or ')}`);
  if (tagsNone) parts.push(`not tagged ${tagsNone.join(' or ')}`);
  if (risks) parts.push(`${risks.join(' or ')} risk`);
  if (customerForMonthsAtLeast !== undefined) parts.push(`a customer for ${customerForMonthsAtLeast} months or more`);
  if (customerForMonthsLessThan !== undefined) parts.push(`a customer for less than ${customerForMonthsLessThan} months`);
  if (minBalance) parts.push(`owing at least ${Object.entries(minBalance).map(([currency, amount]) => `${currency} ${amount}`).join(' or ')} overdue`);
  return parts.length === 0 ? 'every customer' : parts.join(', ');
}
