// Reads of customers (debtor accounts), always scoped to one organisation.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { Customer, CustomerKind } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export interface CustomerFilters {
  /** Part of the name or external id, case-insensitive. */
  q?: string | undefined;
  kind?: CustomerKind | undefined;
  tag?: string | undefined;
}

export function listCustomers(db: Executor, orgId: bigint, filters: CustomerFilters, page: PageRequest): Promise<Page<Customer>> {
  let query = db.selectFrom('customers').selectAll().where('org_id', '=', orgId);
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('external_id', 'ilike', pattern)]));
  }
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.tag) query = query.where(sql<boolean>`tags @> array[${filters.tag}]::text[]`);
  return fetchPage(query, 'id', page);
}

export function findCustomer(db: Executor, orgId: bigint, id: bigint): Promise<Customer | undefined> {
  return db.selectFrom('customers').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The customer an accounting system's id names; `forUpdate` locks its row for the transaction. */
export function findCustomerByExternalId(
  db: Executor,
  orgId: bigint,
  externalId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Customer | undefined> {
  const query = db.selectFrom('customers').selectAll().where('org_id', '=', orgId).where('external_id', '=', externalId);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** A user's search text taken literally: % and _ are not wildcards for them. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
