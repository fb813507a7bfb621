// Brings an excluded customer back into collection.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import type { Customer } from '../../db/schema.ts';
import { changeCustomerCollection } from './change-customer-collection.ts';

export function includeCustomer(db: Executor, orgId: bigint, customerId: bigint, actor: string, now: Temporal.Instant): Promise<Customer> {
  return changeCustomerCollection(db, orgId, customerId, {
    column: 'excluded_reason',
    value: null,
    actor,
    now,
    activity: (previous) => ({ kind: 'collection_included', summary: `Included in collection again (was excluded: ${previous})` }),
  });
}
