// Reads of holds (pauses on a customer or one invoice), scoped to one organisation, with the
// customer and invoice names a person needs to recognise them.
import { sql, type Selectable } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';
import { activeHoldSql } from './chaseable.ts';
import type { HoldsTable } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export type Hold = Selectable<HoldsTable>;

export type HoldRow = Hold & { customer_external_id: string; customer_name: string; invoice_number: string | null };

export interface HoldFilters {
  customerId?: bigint | undefined;
  invoiceId?: bigint | undefined;
  /** true: only holds pausing collection on `today`; false: only those that do not (ended, released). */
  active?: boolean | undefined;
}

function holdRows(db: Executor, orgId: bigint) {
  return db
    .selectFrom('holds')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'holds.org_id').onRef('customers.id', '=', 'holds.customer_id'))
    .leftJoin('invoices', (join) => join.onRef('invoices.org_id', '=', 'holds.org_id').onRef('invoices.id', '=', 'holds.invoice_id'))
    .selectAll('holds')
    .select(['customers.external_id as customer_external_id', 'customers.name as customer_name', 'invoices.number as invoice_number'])
    .where('holds.org_id', '=', orgId);
}

export function listHolds(db: Executor, orgId: bigint, filters: HoldFilters, today: IsoDate, page: PageRequest): Promise<Page<HoldRow>> {
  let query = holdRows(db, orgId);
  if (filters.customerId !== undefined) query = query.where('holds.customer_id', '=', filters.customerId);
  if (filters.invoiceId !== undefined) query = query.where('holds.invoice_id', '=', filters.invoiceId);
  if (filters.active !== undefined) {
    const active = activeHoldSql('holds', today);
    query = query.where(filters.active ? active : sql<boolean>`not ${active}`);
  }
  return fetchPage(query, 'holds.id', page);
}

export function findHold(db: Executor, orgId: bigint, id: bigint): Promise<HoldRow | undefined> {
  return holdRows(db, orgId).where('holds.id', '=', id).executeTakeFirst();
}
