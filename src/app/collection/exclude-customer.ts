// Takes a customer out of collection (no reminders, no tasks) for a reason a person gave, e.g.
// "insolvency practitioner appointed" or "handled by the owner personally".
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import type { Customer } from '../../db/schema.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { changeCustomerCollection } from './change-customer-collection.ts';
import { requiredText } from '../shared/required-text.ts';

export async function excludeCustomer(db: Executor, orgId: bigint, customerId: bigint, reason: string, actor: string, now: Temporal.Instant): Promise<Customer> {
  const given = requiredText(reason, 'the reason', textLimits.reason, 'give the reason this customer is excluded from collection, e.g. "handled by the owner personally"');
  return changeCustomerCollection(db, orgId, customerId, {
    column: 'excluded_reason',
    value: given,
    actor,
    now,
    activity: () => ({ kind: 'collection_excluded', summary: `Excluded from collection: ${given}` }),
  });
}
