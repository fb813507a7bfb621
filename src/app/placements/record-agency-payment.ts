// A payment an agency reports collecting on a placement: a payment in the ledger (source
// 'agency'), allocated to the customer's placed invoices oldest due first, and beside it the
// commission the agency keeps (placement_payments), in integer minor units. The debtor's balance
// falls by the whole amount they paid; the commission is what the creditor pays the agency.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findPlacementDetail, type PlacementDetail } from '../../db/queries/placements.ts';
import { isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { amountRangeProblem, formatMoney } from '../../domain/money.ts';
import { commissionOn, commissionPercentText } from '../../domain/placements/commission.ts';
import { AppError } from '../../errors.ts';
import { allocateToInvoices } from '../ledger/allocate-to-invoices.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface AgencyPaymentInput {
  placementId: bigint;
  /** Which account paid; may be left out when the placement holds one. */
  customerId?: bigint | undefined;
  amount: bigint;
  receivedOn: IsoDate;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export interface RecordedAgencyPayment {
  detail: PlacementDetail;
  paymentId: bigint;
  commission: bigint;
  currency: string;
}

export async function recordAgencyPayment(db: Executor, orgId: bigint, input: AgencyPaymentInput): Promise<RecordedAgencyPayment> {
  if (input.amount <= 0n) throw new AppError('invalid_input', 'the amount must be more than zero');
  const range = amountRangeProblem(input.amount);
  if (range) throw new AppError('invalid_input', `the amount ${range}`);
  if (!isIsoDate(input.receivedOn)) throw new AppError('invalid_input', `the date must be a real date written YYYY-MM-DD (got "${input.receivedOn}")`);
  if (input.receivedOn > input.today) throw new AppError('invalid_input', `the payment date ${input.receivedOn} is in the future (today is ${input.today})`);
  return inTransaction(db, async (tx) => {
    const placement = await tx.selectFrom('placements').select(['id', 'agency', 'commission_bp', 'placed_on']).where('org_id', '=', orgId).where('id', '=', input.placementId).forUpdate().executeTakeFirst();
    if (!placement) throw new AppError('not_found', `there is no placement ${input.placementId}`);
    if (input.receivedOn < placement.placed_on) throw new AppError('invalid_input', `the payment date ${input.receivedOn} is before the accounts were placed (${placement.placed_on}); the agency cannot have collected it`);
    const detail = (await findPlacementDetail(tx, orgId, placement.id))!;
    const accounts = [...new Set(detail.invoices.map((invoice) => invoice.customer_id))];
    const customerId = input.customerId ?? (accounts.length === 1 ? accounts[0]! : undefined);
    if (customerId === undefined) throw new AppError('invalid_input', `placement ${placement.id} holds ${accounts.length} accounts: say which paid (--customer, API: customerId)`);
    const placed = detail.invoices.filter((invoice) => invoice.customer_id === customerId);
    if (placed.length === 0) throw new AppError('not_found', `customer ${customerId} is not in placement ${placement.id}`);
    const currencies = [...new Set(placed.map((invoice) => invoice.currency))];
    if (currencies.length > 1) throw new AppError('conflict', `the account's placed invoices are in ${currencies.join(' and ')}; record each currency's payment with \`arrears payment\` against its invoices`);
    const currency = currencies[0]!;
    const open = placed.filter((invoice) => invoice.status === 'open' && invoice.balance > 0n);
    const outstanding = open.reduce((sum, invoice) => sum + invoice.balance, 0n);
    if (input.amount > outstanding) {
      throw new AppError('conflict', `${formatMoney(input.amount, currency)} is more than the ${formatMoney(outstanding, currency)} still owed on the placed invoices of this account; check the agency's report`);
    }

    const payment = await tx
      .insertInto('payments')
      .values({ org_id: orgId, customer_id: customerId, external_id: null, received_on: input.receivedOn, amount: input.amount, currency, method: 'agency', reference: `placement ${placement.id} (${placement.agency})`, source: 'agency', import_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    // oldest due first, as the placed invoices are listed
    let left = input.amount;
    const requests = open.flatMap((invoice) => {
      const take = left < invoice.balance ? left : invoice.balance;
      left -= take;
      return take > 0n ? [{ invoiceId: invoice.invoice_id, amount: take }] : [];
    });
    const allocated = await allocateToInvoices(tx, orgId, { label: 'payment', paymentId: payment.id, creditNoteId: null, customerId, currency, amount: input.amount, date: input.receivedOn }, requests);
    const commission = commissionOn(input.amount, placement.commission_bp);
    await tx
      .insertInto('placement_payments')
      .values({ org_id: orgId, placement_id: placement.id, payment_id: payment.id, customer_id: customerId, amount: input.amount, commission, currency, received_on: input.receivedOn, recorded_by: input.actor })
      .execute();
    await recordActivity(tx, orgId, {
      customerId,
      kind: 'payment',
      actor: input.actor,
      summary: `Payment of ${formatMoney(input.amount, currency)} collected by ${placement.agency} (placement ${placement.id}), allocated to ${allocated.map((a) => a.number).join(', ')}; the agency's commission ${formatMoney(commission, currency)} (${commissionPercentText(placement.commission_bp)}%).`,
      data: {
        paymentId: payment.id.toString(),
        placementId: placement.id.toString(),
        amount: input.amount.toString(),
        commission: commission.toString(),
        currency,
        receivedOn: input.receivedOn,
        allocations: allocated.map((a) => ({ invoiceId: a.invoiceId.toString(), amount: a.amount.toString() })),
      },
      at: input.now,
    });
    return { detail: (await findPlacementDetail(tx, orgId, placement.id))!, paymentId: payment.id, commission, currency };
  });
}
