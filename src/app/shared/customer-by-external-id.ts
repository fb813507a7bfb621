// The customer a user names by its external id (the id from their accounting system), or a
// not_found error saying how to find the right one.
import type { Executor } from '../../db/executor.ts';
import { findCustomerByExternalId } from '../../db/queries/customers.ts';
import type { Customer } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export async function customerByExternalId(
  db: Executor,
  orgId: bigint,
  externalId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Customer> {
  const customer = await findCustomerByExternalId(db, orgId, externalId, options);
  if (!customer) throw new AppError('not_found', `there is no customer with the external id "${externalId}"; check the id in your accounting export`);
  return customer;
}
