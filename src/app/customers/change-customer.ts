// `PATCH /customers/{id}`: a customer's own fields and its collection settings (playbook override,
// exclusion) changed together, in one transaction: all of it or none. Each collection setting
// goes through its own use case, so it is checked and recorded on the timeline the same way as
// when it is changed alone.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import type { Customer } from '../../db/schema.ts';
import { excludeCustomer } from '../collection/exclude-customer.ts';
import { includeCustomer } from '../collection/include-customer.ts';
import { setCustomerPlaybook } from '../playbooks/set-customer-playbook.ts';
import { updateCustomer, type UpdateCustomerInput } from './update-customer.ts';

export interface ChangeCustomerInput extends UpdateCustomerInput {
  /** A playbook name; null: the segment rules decide again; absent: unchanged. */
  playbookOverride?: string | null;
  /** A reason excludes the customer from collection; null includes it again; absent: unchanged. */
  excludedReason?: string | null;
}

export function changeCustomer(db: Executor, orgId: bigint, customerId: bigint, input: ChangeCustomerInput, actor: string, now: Temporal.Instant): Promise<Customer> {
  const { playbookOverride, excludedReason, ...fields } = input;
  return inTransaction(db, async (tx) => {
    let changed = await updateCustomer(tx, orgId, customerId, fields);
    if (playbookOverride !== undefined) changed = await setCustomerPlaybook(tx, orgId, customerId, playbookOverride, actor, now);
    if (excludedReason === null) changed = await includeCustomer(tx, orgId, customerId, actor, now);
    else if (excludedReason !== undefined) changed = await excludeCustomer(tx, orgId, customerId, excludedReason, actor, now);
    return changed;
  });
}
