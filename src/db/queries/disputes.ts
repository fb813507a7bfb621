// Reads of disputes, scoped to one organisation, with the invoice each is about (its customer,
// number, currency and balance), since a dispute means little without them.
import type { Selectable } from 'kysely';
import type { Executor } from '../executor.ts';
import type { DisputesTable } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export type Dispute = Selectable<DisputesTable>;

export type DisputeRow = Dispute & {
  customer_id: bigint;
  customer_external_id: string;
  customer_name: string;
  invoice_number: string;
  currency: string;
  invoice_balance: bigint;
};

export interface DisputeFilters {
  status?: 'open' | 'resolved' | undefined;
  customerId?: bigint | undefined;
  invoiceId?: bigint | undefined;
}

function disputeRows(db: Executor, orgId: bigint) {
  return db
    .selectFrom('disputes')
    .innerJoin('invoices', (join) => join.onRef('invoices.org_id', '=', 'disputes.org_id').onRef('invoices.id', '=', 'disputes.invoice_id'))
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'invoices.org_id').onRef('customers.id', '=', 'invoices.customer_id'))
    .selectAll('disputes')
    .select([
      'invoices.customer_id',
      'customers.external_id as customer_external_id',
      'customers.name as customer_name',
      'invoices.number as invoice_number',
      'invoices.currency',
      'invoices.balance as invoice_balance',
    ])
    .where('disputes.org_id', '=', orgId);
}

export function listDisputes(db: Executor, orgId: bigint, filters: DisputeFilters, page: PageRequest): Promise<Page<DisputeRow>> {
  let query = disputeRows(db, orgId);
  if (filters.status) query = query.where('disputes.status', '=', filters.status);
  if (filters.customerId !== undefined) query = query.where('invoices.customer_id', '=', filters.customerId);
  if (filters.invoiceId !== undefined) query = query.where('disputes.invoice_id', '=', filters.invoiceId);
  return fetchPage(query, 'disputes.id', page);
}

export function findDispute(db: Executor, orgId: bigint, id: bigint): Promise<DisputeRow | undefined> {
  return disputeRows(db, orgId).where('disputes.id', '=', id).executeTakeFirst();
}

/** The open dispute of an invoice (there is at most one: open-dispute refuses a second). */
export function findOpenDisputeOfInvoice(db: Executor, orgId: bigint, invoiceId: bigint): Promise<DisputeRow | undefined> {
  return disputeRows(db, orgId).where('disputes.invoice_id', '=', invoiceId).where('disputes.status', '=', 'open').orderBy('disputes.id').executeTakeFirst();
}
