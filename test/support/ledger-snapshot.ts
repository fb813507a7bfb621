// What an organisation's ledger holds, in a stable order and without ids or timestamps, so
// import tests can assert exact figures and compare the ledger before and after a re-import.
import type { Database } from '../../src/db/engine.ts';

export async function ledgerSnapshot(database: Database, orgId: bigint) {
  const db = database.db;
  const customers = await db
    .selectFrom('customers')
    .select(['external_id', 'name', 'currency', 'country', 'source'])
    .where('org_id', '=', orgId)
    .orderBy('external_id')
    .execute();
  const contacts = await db
    .selectFrom('contacts')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'contacts.org_id').onRef('customers.id', '=', 'contacts.customer_id'))
    .select(['customers.external_id as customer', 'contacts.email', 'contacts.address_line1', 'contacts.address_line2', 'contacts.city', 'contacts.postal_code', 'contacts.country'])
    .where('contacts.org_id', '=', orgId)
    .orderBy('customers.external_id')
    .execute();
  const invoices = await db
    .selectFrom('invoices')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'invoices.org_id').onRef('customers.id', '=', 'invoices.customer_id'))
    .select([
      'invoices.number',
      'customers.external_id as customer',
      'invoices.issue_date',
      'invoices.due_date',
      'invoices.currency',
      'invoices.total',
      'invoices.allocated',
      'invoices.opening_paid',
      'invoices.opening_paid_on',
      'invoices.balance',
      'invoices.status',
      'invoices.paid_on',
      'invoices.terms',
      'invoices.source',
    ])
    .where('invoices.org_id', '=', orgId)
    .orderBy('invoices.number')
    .execute();
  const payments = await db
    .selectFrom('payments')
    .select(['external_id', 'received_on', 'amount', 'currency', 'allocated', 'source', 'reference'])
    .where('org_id', '=', orgId)
    .orderBy('external_id')
    .execute();
  const allocations = await db
    .selectFrom('allocations')
    .innerJoin('invoices', (join) => join.onRef('invoices.org_id', '=', 'allocations.org_id').onRef('invoices.id', '=', 'allocations.invoice_id'))
    .innerJoin('payments', (join) => join.onRef('payments.org_id', '=', 'allocations.org_id').onRef('payments.id', '=', 'allocations.payment_id'))
    .select(['invoices.number as invoice', 'payments.external_id as payment', 'allocations.amount', 'allocations.allocated_on'])
    .where('allocations.org_id', '=', orgId)
    .orderBy('payments.external_id')
    .execute();
  return { customers, contacts, invoices, payments, allocations };
}
