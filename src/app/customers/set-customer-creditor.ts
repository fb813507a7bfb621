// For an agency: the creditor a customer's debt is owed to (its client), which the Regulation F
// validation notice names. Null clears it.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import type { Customer } from '../../db/schema.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { changeCustomerCollection } from '../collection/change-customer-collection.ts';
import { requiredText } from '../shared/required-text.ts';

export async function setCustomerCreditor(db: Executor, orgId: bigint, customerId: bigint, creditor: string | null, actor: string, now: Temporal.Instant): Promise<Customer> {
  const name = creditor === null ? null : requiredText(creditor, 'the creditor', textLimits.creditorName, 'give the name of the creditor the debt is owed to, e.g. "Northwind Dental LLC"');
  return changeCustomerCollection(db, orgId, customerId, {
    column: 'creditor_name',
    value: name,
    actor,
    now,
    activity: (previous) => ({ kind: 'creditor_set', summary: name ? `The debt is owed to ${name}${previous ? ` (was ${previous})` : ''}.` : `Creditor cleared (was ${previous}).` }),
  });
}
