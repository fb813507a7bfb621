// Reads of contacts (people and addresses at a customer), scoped to one organisation.
import type { Executor } from '../executor.ts';
import type { Contact } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export interface ContactFilters {
  customerId?: bigint | undefined;
}

export function listContacts(db: Executor, orgId: bigint, filters: ContactFilters, page: PageRequest): Promise<Page<Contact>> {
  let query = db.selectFrom('contacts').selectAll().where('org_id', '=', orgId);
  if (filters.customerId !== undefined) query = query.where('customer_id', '=', filters.customerId);
  return fetchPage(query, 'id', page);
}

export function findContact(db: Executor, orgId: bigint, id: bigint): Promise<Contact | undefined> {
  return db.selectFrom('contacts').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
