// Allocates a payment or a credit note to invoices, inside the transaction that records it. The
// rules are the ones a bookkeeper applies: same customer, same currency, an open invoice, never
// more than its balance, never more in total than the money there is. The triggers then move the
// invoices' balances and statuses.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';

export interface AllocationRequest {
  invoiceId: bigint;
  amount: bigint;
}

export interface AllocationSource {
  /** 'payment' or 'credit note', for messages. */
  label: string;
  paymentId: bigint | null;
  creditNoteId: bigint | null;
  customerId: bigint;
  currency: string;
  amount: bigint;
  /** The date the money moved: the payment's receipt or the credit note's issue date. */
  date: string;
}

export interface AllocatedInvoice {
  invoiceId: bigint;
  number: string;
  amount: bigint;
}

export async function allocateToInvoices(
  tx: Transaction<DB>,
  orgId: bigint,
  source: AllocationSource,
  requests: readonly AllocationRequest[],
): Promise<AllocatedInvoice[]> {
  if (requests.length === 0) return [];
  const seen = new Set<bigint>();
  let sum = 0n;
  for (const request of requests) {
    if (request.amount <= 0n) throw new AppError('invalid_input', `the allocation to invoice ${request.invoiceId} must be more than zero`);
    if (seen.has(request.invoiceId)) throw new AppError('invalid_input', `invoice ${request.invoiceId} appears twice in allocations; list each invoice once with the whole amount`);
    seen.add(request.invoiceId);
    sum += request.amount;
  }
  if (sum > source.amount) {
    throw new AppError(
      'invalid_input',
      `the allocations add up to ${formatMoney(sum, source.currency)} but the ${source.label} is ${formatMoney(source.amount, source.currency)}; allocate at most the ${source.label}'s amount`,
    );
  }
  // Locked until commit, so two payments cannot both take the same remaining balance.
  const invoices = await tx
    .selectFrom('invoices')
    .select(['id', 'number', 'customer_id', 'currency', 'status', 'balance'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...seen])
    .forUpdate()
    .execute();
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  for (const request of requests) {
    const invoice = byId.get(request.invoiceId);
    if (!invoice) throw new AppError('not_found', `there is no invoice ${request.invoiceId}`);
    if (invoice.customer_id !== source.customerId) {
      throw new AppError('invalid_input', `invoice ${invoice.number} belongs to another customer; a ${source.label} can only be allocated to its own customer's invoices`);
    }
    if (invoice.currency !== source.currency) {
      throw new AppError('invalid_input', `invoice ${invoice.number} is in ${invoice.currency} but the ${source.label} is in ${source.currency}; allocate only to invoices in the same currency`);
    }
    if (invoice.status !== 'open') {
      throw new AppError('conflict', `invoice ${invoice.number} is ${invoice.status.replace('_', ' ')}; only open invoices can take an allocation`);
    }
    if (request.amount > invoice.balance) {
      throw new AppError(
        'conflict',
        `${formatMoney(request.amount, invoice.currency)} is more than the balance of invoice ${invoice.number} (${formatMoney(invoice.balance, invoice.currency)}); allocate at most its balance`,
      );
    }
  }
  await tx
    .insertInto('allocations')
    .values(
      requests.map((request) => ({
        org_id: orgId,
        invoice_id: request.invoiceId,
        payment_id: source.paymentId,
        credit_note_id: source.creditNoteId,
        amount: request.amount,
        allocated_on: source.date,
      })),
    )
    .execute();
  return requests.map((request) => ({ invoiceId: request.invoiceId, number: byId.get(request.invoiceId)!.number, amount: request.amount }));
}
