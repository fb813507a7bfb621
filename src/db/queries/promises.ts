// Reads of promises to pay, scoped to one organisation, with the customer each was made by.
import type { Selectable } from 'kysely';
import type { PromiseStatus } from '../../domain/pauses.ts';
import type { Executor } from '../executor.ts';
import type { PromisesTable } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

/** Named so, not "Promise", which is JavaScript's own. */
export type PromiseToPay = Selectable<PromisesTable>;

export type PromiseRow = PromiseToPay & { customer_external_id: string; customer_name: string };

export interface PromiseFilters {
  customerId?: bigint | undefined;
  status?: PromiseStatus | undefined;
  /** Due on or after this day. */
  dueFrom?: string | undefined;
  /** Due on or before this day. */
  dueTo?: string | undefined;
}

function promiseRows(db: Executor, orgId: bigint) {
  return db
    .selectFrom('promises')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'promises.org_id').onRef('customers.id', '=', 'promises.customer_id'))
    .selectAll('promises')
    .select(['customers.external_id as customer_external_id', 'customers.name as customer_name'])
    .where('promises.org_id', '=', orgId);
}

export function listPromises(db: Executor, orgId: bigint, filters: PromiseFilters, page: PageRequest): Promise<Page<PromiseRow>> {
  let query = promiseRows(db, orgId);
  if (filters.customerId !== undefined) query = query.where('promises.customer_id', '=', filters.customerId);
  if (filters.status) query = query.where('promises.status', '=', filters.status);
  if (filters.dueFrom) query = query.where('promises.due_on', '>=', filters.dueFrom);
  if (filters.dueTo) query = query.where('promises.due_on', '<=', filters.dueTo);
  return fetchPage(query, 'promises.id', page);
}

export function findPromise(db: Executor, orgId: bigint, id: bigint): Promise<PromiseRow | undefined> {
  return promiseRows(db, orgId).where('promises.id', '=', id).executeTakeFirst();
}
