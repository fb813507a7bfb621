// Offers to settle invoices of one customer for less than their balance, by an expiry date: an
// amount, or a percentage of the balance (rounded up to the minor unit). Under the customer's
// threshold (its segment's policy, else the organisation's: less than settlementApprovalPercent of
// the balance, or writing off more than settlementApprovalAmount) it waits for an owner's approval (decide-settlement.ts); otherwise it
// is on offer at once. Either way its invoices are not chased meanwhile (chaseable.ts).
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findSettlementDetail, type SettlementDetail } from '../../db/queries/settlements.ts';
import type { Role } from '../../db/schema.ts';
import { compareDates, isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { percentOf, percentProblem, settlementApprovalReasons } from '../../domain/arrangements/settlement-rules.ts';
import { formatMoney, parseAmount } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { arrangementPolicyForCustomer } from './arrangement-policy-of.ts';
import { lockArrangedInvoices } from './arranged-invoices.ts';

export interface OfferSettlementInput {
  customerId: bigint;
  /** The invoices it covers; null: every open invoice of the customer (in `currency`) under no other arrangement. */
  invoiceIds: readonly bigint[] | null;
  currency?: string | null | undefined;
  /** Exactly one of them: minor units, or a percentage of the balance (0–100, up to 2 decimals). */
  amount?: bigint | undefined;
  percent?: number | undefined;
  expiresOn: IsoDate;
  role: Role;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function offerSettlement(db: Executor, orgId: bigint, input: OfferSettlementInput): Promise<SettlementDetail> {
  if (input.role === 'viewer') throw new AppError('forbidden', 'a viewer cannot offer a settlement');
  if ((input.amount === undefined) === (input.percent === undefined)) throw new AppError('invalid_input', 'give the settlement as an amount or as a percentage of the balance (one of them)');
  if (!isIsoDate(input.expiresOn)) throw new AppError('invalid_input', `the expiry date must be a real date written YYYY-MM-DD (got "${input.expiresOn}")`);
  if (compareDates(input.expiresOn, input.today) < 0) throw new AppError('invalid_input', `the offer cannot expire on ${input.expiresOn}, before today (${input.today})`);
  const problem = input.percent === undefined ? null : percentProblem(input.percent);
  if (problem) throw new AppError('invalid_input', problem);
  return inTransaction(db, async (tx) => {
    const { customer, invoices } = await lockArrangedInvoices(tx, orgId, input.customerId, input.invoiceIds, input.currency ?? null, 'a settlement');
    const policy = await arrangementPolicyForCustomer(tx, orgId, customer.id, input.today);
    const currency = invoices[0]!.currency;
    const owed = invoices.reduce((sum, invoice) => sum + invoice.balance, 0n);
    const amount = input.amount ?? percentOf(owed, input.percent!);
    if (amount <= 0n) throw new AppError('invalid_input', 'the settlement amount must be more than zero');
    if (amount >= owed) throw new AppError('invalid_input', `${formatMoney(amount, currency)} is not less than the ${formatMoney(owed, currency)} owed: a settlement is for less than the balance`);
    const limitText = policy.settlementApprovalAmount[currency];
    const limit = limitText === undefined ? null : parseAmount(limitText, currency);
    const reasons = settlementApprovalReasons(owed, amount, currency, { approvalPercent: policy.settlementApprovalPercent, approvalAmount: limit?.ok ? limit.value : null });
    const status = reasons.length > 0 ? 'awaiting_approval' : 'offered';
    const created = await tx
      .insertInto('settlements')
      .values({ org_id: orgId, customer_id: customer.id, currency, owed, amount, expires_on: input.expiresOn, status, offered_by: input.actor, offered_on: input.today })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('settlement_invoices').values(invoices.map((invoice) => ({ org_id: orgId, settlement_id: created.id, invoice_id: invoice.id, balance: invoice.balance }))).execute();
    await recordActivity(tx, orgId, {
      customerId: customer.id,
      kind: 'settlement_offered',
      actor: input.actor,
      summary: `Settlement ${created.id}: ${formatMoney(amount, currency)} to settle ${formatMoney(owed, currency)} on invoice(s) ${invoices.map((i) => i.number).join(', ')}, by ${input.expiresOn}${reasons.length ? `; waits for an owner's approval (${reasons.join('; ')})` : ''}`,
      data: { settlementId: String(created.id), owed: String(owed), amount: String(amount), currency, expiresOn: input.expiresOn, status, approvalReasons: reasons, invoiceIds: invoices.map((i) => String(i.id)) },
      at: input.now,
    });
    return (await findSettlementDetail(tx, orgId, created.id))!;
  });
}
