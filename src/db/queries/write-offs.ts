// Reads of write-offs, scoped to one organisation, with the invoice and customer each is for.
import type { Selectable } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';
import type { WriteOffsTable } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export type WriteOffRow = Selectable<WriteOffsTable> & {
  invoice_number: string;
  invoice_issue_date: IsoDate;
  customer_external_id: string;
  customer_name: string;
};

export interface WriteOffFilters {
  customerId?: bigint | undefined;
  invoiceId?: bigint | undefined;
  /** Written off from this day… */
  from?: IsoDate | undefined;
  /** …to this day, inclusive. */
  to?: IsoDate | undefined;
  /** Only those standing (not reversed), or only reversed ones. */
  reversed?: boolean | undefined;
}

function writeOffRows(db: Executor, orgId: bigint) {
  return db
    .selectFrom('write_offs')
    .innerJoin('invoices', (join) => join.onRef('invoices.org_id', '=', 'write_offs.org_id').onRef('invoices.id', '=', 'write_offs.invoice_id'))
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'write_offs.org_id').onRef('customers.id', '=', 'write_offs.customer_id'))
    .selectAll('write_offs')
    .select(['invoices.number as invoice_number', 'invoices.issue_date as invoice_issue_date', 'customers.external_id as customer_external_id', 'customers.name as customer_name'])
    .where('write_offs.org_id', '=', orgId);
}

function filtered(db: Executor, orgId: bigint, filters: WriteOffFilters) {
  let query = writeOffRows(db, orgId);
  if (filters.customerId !== undefined) query = query.where('write_offs.customer_id', '=', filters.customerId);
  if (filters.invoiceId !== undefined) query = query.where('write_offs.invoice_id', '=', filters.invoiceId);
  if (filters.reversed !== undefined) query = query.where('write_offs.reversed_on', filters.reversed ? 'is not' : 'is', null);
  if (filters.from !== undefined) query = query.where('write_offs.written_off_on', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('write_offs.written_off_on', '<=', filters.to);
  return query;
}

export function listWriteOffs(db: Executor, orgId: bigint, filters: WriteOffFilters, page: PageRequest): Promise<Page<WriteOffRow>> {
  return fetchPage(filtered(db, orgId, filters), 'write_offs.id', page);
}

export function findWriteOff(db: Executor, orgId: bigint, id: bigint): Promise<WriteOffRow | undefined> {
  return writeOffRows(db, orgId).where('write_offs.id', '=', id).executeTakeFirst();
}

/** The write-offs made from `from` to `to` that still stand (not reversed), oldest first: what the export sends to the accounting system. */
export function standingWriteOffs(db: Executor, orgId: bigint, from: IsoDate, to: IsoDate): Promise<WriteOffRow[]> {
  return filtered(db, orgId, { from, to, reversed: false }).orderBy('write_offs.id').execute();
}
