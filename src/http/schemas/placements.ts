// The placement contract: accounts handed to a collection agency with the file made for it, the
// recall, and the payments the agency reports with its commission (docs/hand-over.md).
import { z } from '@hono/zod-openapi';
import type { PlacementDetail, PlacementRow } from '../../db/queries/placements.ts';
import { agencyPaymentView, placementView } from '../../app/placements/placement-view.ts';
import { placementStatuses } from '../../domain/placements/placement-status.ts';
import { nameOf, type ActorNames } from '../../db/queries/actor-names.ts';
import { ActorName, Amount, AmountInput, Id, IdInput, IsoDate, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const Placement = z
  .object({
    id: Id,
    agency: z.string(),
    commissionPercent: z.string().openapi({ description: 'the agency’s commission on what it collects, e.g. "25" or "12.5"', example: '25' }),
    status: z.enum(placementStatuses).openapi({ description: 'placed: the agency holds the accounts and Arrears does not chase the invoices; recalled: chased again' }),
    accounts: z.number().int(),
    placedOn: IsoDate,
    placedBy: z.string(),
    placedByName: ActorName,
    recalledOn: IsoDate.nullable(),
    recalledBy: z.string().nullable(),
    recalledByName: ActorName,
    recallReason: z.string().nullable(),
    archiveSha256: z.string().openapi({ description: 'SHA-256 (hex) of the ZIP handed to the agency (GET …/archive)' }),
    archiveSize: z.number().int(),
    createdAt: Timestamp,
  })
  .openapi('Placement');

export const PlacementWithDetail = Placement.extend({
  invoices: z.array(z.object({ id: Id, number: z.string(), customerId: Id, customerExternalId: z.string(), currency: z.string(), balancePlaced: Amount, balance: Amount, status: z.string() })),
  payments: z.array(z.object({ id: Id, paymentId: Id, customerId: Id, amount: Amount, commission: Amount.openapi({ description: 'what the agency keeps of it, minor units' }), currency: z.string(), receivedOn: IsoDate, recordedBy: z.string() })),
}).openapi('PlacementWithDetail');

export const CreatePlacement = z
  .strictObject({
    agency: z.string().max(200),
    commissionPercent: z.number().min(0).max(100).openapi({ description: 'the agency’s commission, a percentage with up to 2 decimals', example: 25 }),
    customerIds: z.array(IdInput).min(1).max(500),
  })
  .openapi('CreatePlacement');

export const RecallPlacement = z.strictObject({ reason: z.string().max(500).optional() }).openapi('RecallPlacement');

export const AgencyPayment = z
  .strictObject({
    customerId: IdInput.optional().openapi({ description: 'which account paid; may be left out when the placement holds one' }),
    amount: AmountInput,
    receivedOn: IsoDate,
  })
  .openapi('AgencyPayment');

export const AgencyPaymentResult = z
  .object({ paymentId: Id, commission: Amount, currency: z.string(), placement: PlacementWithDetail })
  .openapi('AgencyPaymentResult');

export const PlacementListQuery = PageQuery.extend({
  customerId: IdInput.optional(),
  status: z.enum(placementStatuses).optional(),
});

export const PlacementPage = pageOf(Placement, 'PlacementPage');

/** The actors a placement names, for actorNames. */
export const placementActors = (row: PlacementRow) => [row.placed_by, row.recalled_by];

export function toPlacement(row: PlacementRow, names: ActorNames): z.input<typeof Placement> {
  return { ...placementView(row), placedByName: nameOf(names, row.placed_by), recalledByName: nameOf(names, row.recalled_by), createdAt: row.created_at };
}

export function toPlacementWithDetail(detail: PlacementDetail, names: ActorNames): z.input<typeof PlacementWithDetail> {
  return {
    ...toPlacement(detail.placement, names),
    invoices: detail.invoices.map((i) => ({ id: String(i.invoice_id), number: i.number, customerId: String(i.customer_id), customerExternalId: i.customer_external_id, currency: i.currency, balancePlaced: i.balance_placed, balance: i.balance, status: i.status })),
    payments: detail.payments.map(agencyPaymentView),
  };
}
