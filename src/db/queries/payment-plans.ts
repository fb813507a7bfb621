// Reads of payment plans, scoped to one organisation: the plans with their customer, and for
// one plan its invoices and its instalments (each with what has been paid of it).
import type { Selectable } from 'kysely';
import type { PlanStatus } from '../../domain/arrangements/plan-standing.ts';
import type { CustomerProfile } from '../../domain/playbooks/conditions.ts';
import type { Executor } from '../executor.ts';
import type { PaymentPlanInstalmentsTable, PaymentPlansTable } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export type PlanRow = Selectable<PaymentPlansTable> & {
  customer_external_id: string;
  customer_name: string;
  /** The customer's profile, for the arrangement policy's segment it is in (policyForCustomer). */
  customer_kind: CustomerProfile['kind'];
  customer_tags: string[];
  customer_risk: CustomerProfile['risk'];
  customer_since: string | null;
};

/** The plan's customer as the arrangement policy's segments see it. */
export const planCustomerProfile = (row: PlanRow): CustomerProfile => ({ kind: row.customer_kind, tags: row.customer_tags, risk: row.customer_risk, customerSince: row.customer_since });
export type InstalmentRow = Omit<Selectable<PaymentPlanInstalmentsTable>, 'org_id'>;

export interface PlanDetail {
  plan: PlanRow;
  invoices: Array<{ id: bigint; number: string; due_date: string; balance: bigint; status: string }>;
  instalments: InstalmentRow[];
}

export interface PlanFilters {
  customerId?: bigint | undefined;
  status?: PlanStatus | undefined;
}

function planRows(db: Executor, orgId: bigint) {
  return db
    .selectFrom('payment_plans')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'payment_plans.org_id').onRef('customers.id', '=', 'payment_plans.customer_id'))
    .selectAll('payment_plans')
    .select(['customers.external_id as customer_external_id', 'customers.name as customer_name', 'customers.kind as customer_kind', 'customers.tags as customer_tags', 'customers.risk as customer_risk', 'customers.customer_since'])
    .where('payment_plans.org_id', '=', orgId);
}

export function listPlans(db: Executor, orgId: bigint, filters: PlanFilters, page: PageRequest): Promise<Page<PlanRow>> {
  let query = planRows(db, orgId);
  if (filters.customerId !== undefined) query = query.where('payment_plans.customer_id', '=', filters.customerId);
  if (filters.status) query = query.where('payment_plans.status', '=', filters.status);
  return fetchPage(query, 'payment_plans.id', page);
}

export function findPlan(db: Executor, orgId: bigint, id: bigint): Promise<PlanRow | undefined> {
  return planRows(db, orgId).where('payment_plans.id', '=', id).executeTakeFirst();
}

export async function findPlanDetail(db: Executor, orgId: bigint, id: bigint): Promise<PlanDetail | undefined> {
  const plan = await findPlan(db, orgId, id);
  if (!plan) return undefined;
  const [invoices, instalments] = await Promise.all([
    db
      .selectFrom('payment_plan_invoices as pi')
      .innerJoin('invoices as i', (join) => join.onRef('i.org_id', '=', 'pi.org_id').onRef('i.id', '=', 'pi.invoice_id'))
      .select(['i.id', 'i.number', 'i.due_date', 'i.balance', 'i.status'])
      .where('pi.org_id', '=', orgId)
      .where('pi.plan_id', '=', id)
      .orderBy('i.due_date')
      .orderBy('i.id')
      .execute(),
    db.selectFrom('payment_plan_instalments').select(['plan_id', 'seq', 'due_on', 'amount', 'paid', 'paid_on']).where('org_id', '=', orgId).where('plan_id', '=', id).orderBy('seq').execute(),
  ]);
  return { plan, invoices, instalments };
}
