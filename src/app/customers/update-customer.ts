// Changes some fields of a customer; fields left out keep their value.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Customer } from '../../db/schema.ts';
import { uniqueViolation } from '../../db/unique-violation.ts';
import { AppError } from '../../errors.ts';
import type { CustomerFields } from './create-customer.ts';

export type UpdateCustomerInput = Partial<CustomerFields & { externalId: string }>;

export async function updateCustomer(db: Executor, orgId: bigint, id: bigint, input: UpdateCustomerInput): Promise<Customer> {
  let row: Customer | undefined;
  try {
    row = await db
      .updateTable('customers')
      .set({
        external_id: input.externalId,
        name: input.name,
        kind: input.kind,
        country: input.country,
        region: input.region,
        time_zone: input.timeZone,
        language: input.language,
        currency: input.currency,
        customer_since: input.customerSince,
        tags: input.tags,
        credit_limit: input.creditLimit,
        risk: input.risk,
        updated_at: sql<string>`now()`,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  } catch (error) {
    if (uniqueViolation(error) !== undefined) {
      throw new AppError('conflict', `another customer has the external id "${input.externalId}"; choose a different externalId`);
    }
    throw error;
  }
  if (!row) throw new AppError('not_found', `there is no customer ${id}`);
  return row;
}
