// The invoices an arrangement (a plan or a settlement) is made over: named by id, all of one
// customer, open with a balance, in one currency, and not already under another arrangement.
// Read under the customer's lock, so two arrangements made at once cannot take the same invoice.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { arrangedInvoicesSql } from '../../db/queries/chaseable.ts';
import { AppError } from '../../errors.ts';

export interface ArrangedInvoice {
  id: bigint;
  number: string;
  currency: string;
  due_date: string;
  balance: bigint;
}

export interface ArrangedCustomer {
  id: bigint;
  name: string;
  currency: string;
}

/**
 * Locks the customer and reads the invoices. With no ids, every open invoice of the customer with
 * a balance (in `currency`, or the customer's) that is under no arrangement yet.
 */
export async function lockArrangedInvoices(
  tx: Executor,
  orgId: bigint,
  customerId: bigint,
  invoiceIds: readonly bigint[] | null,
  currency: string | null,
  what: string,
): Promise<{ customer: ArrangedCustomer; invoices: ArrangedInvoice[] }> {
  const customer = await tx.selectFrom('customers').select(['id', 'name', 'currency']).where('org_id', '=', orgId).where('id', '=', customerId).forUpdate().executeTakeFirst();
  if (!customer) throw new AppError('not_found', `there is no customer ${customerId}`);
  // a proposed plan also takes its invoices: two proposals cannot both be accepted over them
  const taken = sql<{ invoice_id: bigint }>`${arrangedInvoicesSql(orgId)}
             union all
             select pi.invoice_id from payment_plan_invoices pi join payment_plans p on p.org_id = pi.org_id and p.id = pi.plan_id
              where pi.org_id = ${orgId} and p.status = 'proposed'`;
  const rows = await tx
    .selectFrom('invoices')
    .select(['id', 'number', 'currency', 'due_date', 'balance', 'status', sql<boolean>`id in (${taken})`.as('taken')])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customer.id)
    .$if(invoiceIds !== null, (q) => q.where('id', 'in', invoiceIds!.length > 0 ? [...invoiceIds!] : [-1n]))
    .$if(invoiceIds === null, (q) => q.where('status', '=', 'open').where('balance', '>', 0n))
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  if (invoiceIds !== null) {
    const found = new Set(rows.map((row) => row.id));
    const missing = invoiceIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw new AppError('not_found', `${customer.name} has no invoice ${missing.join(', ')}; ${what} covers invoices of one customer`);
  }
  const invoices = invoiceIds === null ? rows.filter((row) => !row.taken && row.currency === (currency ?? customer.currency)) : rows;
  if (invoices.length === 0) throw new AppError('conflict', `${customer.name} has no open invoice with a balance that is not already under an arrangement; ${what} needs one`);
  for (const invoice of invoices) {
    if (invoice.status !== 'open' || invoice.balance <= 0n) throw new AppError('conflict', `invoice ${invoice.number} is ${invoice.status === 'open' ? 'paid up' : invoice.status}; ${what} covers open invoices with a balance`);
    if (invoice.taken) throw new AppError('conflict', `invoice ${invoice.number} is already under a payment plan or a settlement; cancel that first`);
  }
  const currencies = new Set(invoices.map((invoice) => invoice.currency));
  if (currencies.size > 1) throw new AppError('invalid_input', `the invoices are in ${[...currencies].join(' and ')}; ${what} is in one currency, so make one for each`);
  return { customer, invoices: invoices.map(({ id, number, currency: c, due_date, balance }) => ({ id, number, currency: c, due_date, balance })) };
}
