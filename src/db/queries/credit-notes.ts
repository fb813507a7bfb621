// Reads of credit notes and where they were allocated, scoped to one organisation.
import type { Executor } from '../executor.ts';
import type { CreditNote } from '../schema.ts';
import type { Allocation } from './invoices.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export interface CreditNoteFilters {
  customerId?: bigint | undefined;
}

export function listCreditNotes(db: Executor, orgId: bigint, filters: CreditNoteFilters, page: PageRequest): Promise<Page<CreditNote>> {
  let query = db.selectFrom('credit_notes').selectAll().where('org_id', '=', orgId);
  if (filters.customerId !== undefined) query = query.where('customer_id', '=', filters.customerId);
  return fetchPage(query, 'id', page);
}

export function findCreditNote(db: Executor, orgId: bigint, id: bigint): Promise<CreditNote | undefined> {
  return db.selectFrom('credit_notes').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listCreditNoteAllocations(db: Executor, orgId: bigint, creditNoteId: bigint): Promise<Allocation[]> {
  return db
    .selectFrom('allocations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('credit_note_id', '=', creditNoteId)
    .orderBy('id')
    .execute();
}
