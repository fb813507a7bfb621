// Records a payment received from a customer and, optionally, where it goes: all in one
// transaction, so a rejected allocation leaves no half-recorded payment behind.
import type { Temporal } from 'temporal-polyfill';
import type { Kysely } from 'kysely';
import type { DB, Payment } from '../../db/schema.ts';
import { uniqueViolation } from '../../db/unique-violation.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { allocateToInvoices, type AllocationRequest } from './allocate-to-invoices.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface RecordPaymentInput {
  customerId: bigint;
  receivedOn: string;
  amount: bigint;
  /** Defaults to the customer's currency. */
  currency?: string | undefined;
  externalId?: string | null | undefined;
  method?: string | null | undefined;
  reference?: string | null | undefined;
  allocations?: readonly AllocationRequest[] | undefined;
  /** Who records it, for the timeline: e.g. 'api-key:12'. */
  actor: string;
  /** When it is recorded, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
}

export async function recordPayment(db: Kysely<DB>, orgId: bigint, input: RecordPaymentInput): Promise<Payment> {
  if (input.amount <= 0n) throw new AppError('invalid_input', 'amount must be more than zero; a refund is not a payment');
  return db.transaction().execute(async (tx) => {
    const customer = await tx.selectFrom('customers').select('currency').where('org_id', '=', orgId).where('id', '=', input.customerId).executeTakeFirst();
    if (!customer) throw new AppError('not_found', `there is no customer ${input.customerId}`);
    const currency = input.currency ?? customer.currency;
    let payment: Payment;
    try {
      payment = await tx
        .insertInto('payments')
        .values({
          org_id: orgId,
          customer_id: input.customerId,
          external_id: input.externalId ?? null,
          received_on: input.receivedOn,
          amount: input.amount,
          currency,
          method: input.method ?? null,
          reference: input.reference ?? null,
          source: 'api',
          import_id: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (uniqueViolation(error) !== undefined) {
        throw new AppError('conflict', `a payment with the external id "${input.externalId}" is already recorded; it is not recorded twice`);
      }
      throw error;
    }
    const allocated = await allocateToInvoices(
      tx,
      orgId,
      { label: 'payment', paymentId: payment.id, creditNoteId: null, customerId: input.customerId, currency, amount: input.amount, date: input.receivedOn },
      input.allocations ?? [],
    );
    const onto = allocated.length > 0 ? `, allocated to ${allocated.map((a) => a.number).join(', ')}` : '';
    await recordActivity(tx, orgId, {
      customerId: input.customerId,
      kind: 'payment',
      actor: input.actor,
      summary: `Payment of ${formatMoney(input.amount, currency)} received${onto}`,
      data: {
        paymentId: String(payment.id),
        amount: String(input.amount),
        currency,
        receivedOn: input.receivedOn,
        allocations: allocated.map((a) => ({ invoiceId: String(a.invoiceId), amount: String(a.amount) })),
      },
      at: input.now,
    });
    // The triggers have moved `allocated`; read it back so the caller sees the payment as it is now.
    return tx.selectFrom('payments').selectAll().where('org_id', '=', orgId).where('id', '=', payment.id).executeTakeFirstOrThrow();
  });
}
