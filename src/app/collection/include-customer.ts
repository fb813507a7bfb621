// Brings an excluded customer back into collection.
import type { Executor } from '../../db/executor.ts';
import type { Customer } from '../../db/schema.ts';
import { changeCustomerCollection } from './change-customer-collection.ts';

export function includeCustomer(db: Executor, orgId: bigint, customerId: bigint, actor: string): Promise<Customer> {
  return changeCustomerCollection(db, orgId, customerId, {
    column: 'excluded_reason',
    value: null,
    actor,
    activity: (previous) => ({ kind: 'collection_included', summary: `Included in collection again (was excluded: ${previous})` }),
  });
}
