// The settlement contract: less than owed on chosen invoices, by an expiry; approved by an owner
// under the organisation's threshold; paid by the expiry (the rest written off) or lapsed.
import { z } from '@hono/zod-openapi';
import type { SettlementDetail } from '../../db/queries/settlements.ts';
import { settlementStatuses } from '../../domain/arrangements/settlement-rules.ts';
import { nameOf, type ActorNames } from '../../db/queries/actor-names.ts';
import { ActorName, Amount, AmountInput, Currency, Id, IdInput, IsoDate, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const Settlement = z
  .object({
    id: Id,
    customerId: Id,
    status: z.enum(settlementStatuses),
    owed: Amount.openapi({ description: 'the invoices’ balance when offered' }),
    amount: Amount.openapi({ description: 'what settles them' }),
    currency: z.string(),
    expiresOn: IsoDate,
    offeredBy: z.string(),
    offeredByName: ActorName,
    offeredOn: IsoDate,
    decidedBy: z.string().nullable(),
    decidedByName: ActorName,
    decidedOn: IsoDate.nullable(),
    decisionReason: z.string().nullable(),
    paidOn: IsoDate.nullable(),
    resolvedOn: IsoDate.nullable(),
    createdAt: Timestamp,
  })
  .openapi('Settlement');

export const SettlementWithInvoices = Settlement.extend({
  invoices: z.array(z.object({ id: Id, number: z.string(), balanceOffered: Amount, balance: Amount, status: z.string() })),
}).openapi('SettlementWithInvoices');

export const OfferSettlement = z
  .strictObject({
    customerId: IdInput,
    invoiceIds: z.array(IdInput).min(1).max(500).optional().openapi({ description: 'default: every open invoice of the customer (in currency) under no other arrangement' }),
    currency: Currency.optional(),
    amount: AmountInput.optional(),
    percent: z.number().gt(0).lt(100).optional().openapi({ description: 'or: a percentage of the balance (up to 2 decimals), rounded up to the minor unit' }),
    expiresOn: IsoDate,
  })
  .refine((body) => (body.amount === undefined) !== (body.percent === undefined), { message: 'give amount or percent (one of them)' })
  .openapi('OfferSettlement');

export const DecideSettlement = z.strictObject({ reason: z.string().max(500) }).openapi('DecideSettlement');

export const SettlementListQuery = PageQuery.extend({
  customerId: IdInput.optional(),
  status: z.enum(settlementStatuses).optional(),
});

export const SettlementPage = pageOf(Settlement, 'SettlementPage');

/** The actors a settlement names, for actorNames. */
export const settlementActors = (row: SettlementDetail['settlement']) => [row.offered_by, row.decided_by];

export function toSettlement(row: SettlementDetail['settlement'], names: ActorNames): z.input<typeof Settlement> {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    status: row.status,
    owed: row.owed,
    amount: row.amount,
    currency: row.currency,
    expiresOn: row.expires_on,
    offeredBy: row.offered_by,
    offeredByName: nameOf(names, row.offered_by),
    offeredOn: row.offered_on,
    decidedBy: row.decided_by,
    decidedByName: nameOf(names, row.decided_by),
    decidedOn: row.decided_on,
    decisionReason: row.decision_reason,
    paidOn: row.paid_on,
    resolvedOn: row.resolved_on,
    createdAt: row.created_at,
  };
}

export function toSettlementWithInvoices(detail: SettlementDetail, names: ActorNames): z.input<typeof SettlementWithInvoices> {
  return {
    ...toSettlement(detail.settlement, names),
    invoices: detail.invoices.map((i) => ({ id: String(i.id), number: i.number, balanceOffered: i.balance_offered, balance: i.balance, status: i.status })),
  };
}
