// Reads of payments and where they were allocated, scoped to one organisation.
import type { Executor } from '../executor.ts';
import type { Payment } from '../schema.ts';
import type { Allocation } from './invoices.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export interface PaymentFilters {
  customerId?: bigint | undefined;
}

export function listPayments(db: Executor, orgId: bigint, filters: PaymentFilters, page: PageRequest): Promise<Page<Payment>> {
  let query = db.selectFrom('payments').selectAll().where('org_id', '=', orgId);
  if (filters.customerId !== undefined) query = query.where('customer_id', '=', filters.customerId);
  return fetchPage(query, 'id', page);
}

export function findPayment(db: Executor, orgId: bigint, id: bigint): Promise<Payment | undefined> {
  return db.selectFrom('payments').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listPaymentAllocations(db: Executor, orgId: bigint, paymentId: bigint): Promise<Allocation[]> {
  return db.selectFrom('allocations').selectAll().where('org_id', '=', orgId).where('payment_id', '=', paymentId).orderBy('id').execute();
}
