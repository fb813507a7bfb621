// Reads of invoices and their ledger entries (allocations, charges), scoped to one organisation.
import type { Selectable } from 'kysely';
import type { Executor } from '../executor.ts';
import type { AllocationsTable, ChargesTable, Invoice, InvoiceStatus } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export type Allocation = Selectable<AllocationsTable>;
export type Charge = Selectable<ChargesTable>;

export interface InvoiceFilters {
  customerId?: bigint | undefined;
  status?: InvoiceStatus | undefined;
  /** Due strictly before this date. */
  dueBefore?: string | undefined;
  /** Due strictly after this date. */
  dueAfter?: string | undefined;
  currency?: string | undefined;
}

export function listInvoices(db: Executor, orgId: bigint, filters: InvoiceFilters, page: PageRequest): Promise<Page<Invoice>> {
  let query = db.selectFrom('invoices').selectAll().where('org_id', '=', orgId);
  if (filters.customerId !== undefined) query = query.where('customer_id', '=', filters.customerId);
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.dueBefore) query = query.where('due_date', '<', filters.dueBefore);
  if (filters.dueAfter) query = query.where('due_date', '>', filters.dueAfter);
  if (filters.currency) query = query.where('currency', '=', filters.currency);
  return fetchPage(query, 'id', page);
}

export function findInvoice(db: Executor, orgId: bigint, id: bigint): Promise<Invoice | undefined> {
  return db.selectFrom('invoices').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The allocations and charges of one invoice, oldest first: two queries, whatever their number. */
export async function findInvoiceLedger(db: Executor, orgId: bigint, invoiceId: bigint): Promise<{ allocations: Allocation[]; charges: Charge[] }> {
  const [allocations, charges] = await Promise.all([
    db.selectFrom('allocations').selectAll().where('org_id', '=', orgId).where('invoice_id', '=', invoiceId).orderBy('id').execute(),
    db.selectFrom('charges').selectAll().where('org_id', '=', orgId).where('invoice_id', '=', invoiceId).orderBy('id').execute(),
  ]);
  return { allocations, charges };
}
