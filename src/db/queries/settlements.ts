// Reads of settlements, scoped to one organisation: with their customer, and for one its invoices.
import type { Selectable } from 'kysely';
import type { SettlementStatus } from '../../domain/arrangements/settlement-rules.ts';
import type { Executor } from '../executor.ts';
import type { SettlementsTable } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export type SettlementRow = Selectable<SettlementsTable> & { customer_external_id: string; customer_name: string };

export interface SettlementDetail {
  settlement: SettlementRow;
  /** Each invoice with its balance when offered and now. */
  invoices: Array<{ id: bigint; number: string; balance_offered: bigint; balance: bigint; status: string }>;
}

export interface SettlementFilters {
  customerId?: bigint | undefined;
  status?: SettlementStatus | undefined;
}

function settlementRows(db: Executor, orgId: bigint) {
  return db
    .selectFrom('settlements')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'settlements.org_id').onRef('customers.id', '=', 'settlements.customer_id'))
    .selectAll('settlements')
    .select(['customers.external_id as customer_external_id', 'customers.name as customer_name'])
    .where('settlements.org_id', '=', orgId);
}

export function listSettlements(db: Executor, orgId: bigint, filters: SettlementFilters, page: PageRequest): Promise<Page<SettlementRow>> {
  let query = settlementRows(db, orgId);
  if (filters.customerId !== undefined) query = query.where('settlements.customer_id', '=', filters.customerId);
  if (filters.status) query = query.where('settlements.status', '=', filters.status);
  return fetchPage(query, 'settlements.id', page);
}

export async function findSettlementDetail(db: Executor, orgId: bigint, id: bigint): Promise<SettlementDetail | undefined> {
  const settlement = await settlementRows(db, orgId).where('settlements.id', '=', id).executeTakeFirst();
  if (!settlement) return undefined;
  const invoices = await db
    .selectFrom('settlement_invoices')
    .innerJoin('invoices', (join) => join.onRef('invoices.org_id', '=', 'settlement_invoices.org_id').onRef('invoices.id', '=', 'settlement_invoices.invoice_id'))
    .select(['invoices.id', 'invoices.number', 'settlement_invoices.balance as balance_offered', 'invoices.balance', 'invoices.status'])
    .where('settlement_invoices.org_id', '=', orgId)
    .where('settlement_invoices.settlement_id', '=', id)
    .orderBy('invoices.due_date')
    .orderBy('invoices.id')
    .execute();
  return { settlement, invoices };
}
