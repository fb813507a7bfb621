// Creates a customer (a debtor account) through the API.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Customer, CustomerKind } from '../../db/schema.ts';
import { uniqueViolation } from '../../db/unique-violation.ts';
import { AppError } from '../../errors.ts';

/** Fields a user sets on a customer; formats (currency, time zone, dates) are checked by the caller's contract. */
export interface CustomerFields {
  name: string;
  kind: CustomerKind;
  country: string | null;
  region: string | null;
  timeZone: string | null;
  language: string | null;
  currency: string;
  customerSince: string | null;
  tags: string[];
  creditLimit: bigint | null;
  risk: 'low' | 'normal' | 'high';
}

export type CreateCustomerInput = { externalId: string } & Partial<CustomerFields> & Pick<CustomerFields, 'name'>;

export async function createCustomer(db: Executor, orgId: bigint, input: CreateCustomerInput): Promise<Customer> {
  try {
    return await db
      .insertInto('customers')
      .values({
        org_id: orgId,
        external_id: input.externalId,
        name: input.name,
        kind: input.kind ?? 'business',
        country: input.country ?? null,
        region: input.region ?? null,
        time_zone: input.timeZone ?? null,
        language: input.language ?? null,
        // without a currency the customer is billed in the organisation's default one
        currency: input.currency ?? sql<string>`(select default_currency from orgs where id = ${orgId})`,
        customer_since: input.customerSince ?? null,
        tags: input.tags ?? [],
        credit_limit: input.creditLimit ?? null,
        risk: input.risk ?? 'normal',
        source: 'api',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (uniqueViolation(error) !== undefined) {
      throw new AppError('conflict', `a customer with the external id "${input.externalId}" exists; use another externalId, or PATCH that customer`);
    }
    throw error;
  }
}
