// /api/v1/placements: accounts handed to a collection agency, the file made for it, the recall,
// and the payments the agency reports (docs/hand-over.md).
import { createRoute, z } from '@hono/zod-openapi';
import { createPlacement } from '../../app/placements/create-placement.ts';
import { recallPlacement } from '../../app/placements/recall-placement.ts';
import { recordAgencyPayment } from '../../app/placements/record-agency-payment.ts';
import { actorNames } from '../../db/queries/actor-names.ts';
import { findPlacementDetail, listPlacements, placementArchive, type PlacementDetail } from '../../db/queries/placements.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';
import { AgencyPayment, AgencyPaymentResult, CreatePlacement, PlacementListQuery, PlacementPage, PlacementWithDetail, placementActors, RecallPlacement, toPlacement, toPlacementWithDetail } from '../schemas/placements.ts';

const tags = ['Placements'];

const list = createRoute({
  method: 'get',
  path: '/placements',
  tags,
  summary: 'List agency placements',
  request: { query: PlacementListQuery },
  responses: { 200: json(PlacementPage, 'A page of placements, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/placements/{id}',
  tags,
  summary: 'Get a placement with its invoices and the payments the agency reported',
  request: { params: IdParams },
  responses: { 200: json(PlacementWithDetail, 'The placement'), ...problems(400, 401, 404) },
});

const archive = createRoute({
  method: 'get',
  path: '/placements/{id}/archive',
  tags,
  summary: 'The ZIP handed to the agency, byte for byte',
  description:
    'placement.csv (one row per account), per account a statement of account (PDF), its timeline and a copy of every message sent, and manifest.sha256 with the SHA-256 of every file (`sha256sum -c manifest.sha256`). Its own SHA-256 is the placement’s archiveSha256.',
  request: { params: IdParams },
  responses: {
    200: { description: 'The ZIP', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems(400, 401, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/placements',
  tags,
  summary: 'Place accounts with a collection agency',
  description:
    'Owners only. Each customer’s open invoices not under a payment plan, a settlement or another placement are placed; the file for the agency is built and kept (GET …/archive); each open case goes to status agency, what it had planned and not sent is cancelled, and Arrears does not chase the placed invoices until the placement is recalled. 409 when a customer has nothing to place.',
  request: { body: jsonBody(CreatePlacement) },
  responses: { 201: json(PlacementWithDetail, 'The placement'), ...problems(400, 401, 403, 404, 409) },
});

const recall = createRoute({
  method: 'post',
  path: '/placements/{id}/recall',
  tags,
  summary: 'Recall a placement from the agency',
  description: 'Owners only. The invoices are chased again; cases in status agency are active again; on each timeline with the reason.',
  request: { params: IdParams, body: jsonBody(RecallPlacement) },
  responses: { 200: json(PlacementWithDetail, 'The placement'), ...problems(400, 401, 403, 404, 409) },
});

const payment = createRoute({
  method: 'post',
  path: '/placements/{id}/payments',
  tags,
  summary: 'Record a payment the agency reports collecting',
  description:
    'A payment in the ledger (source agency) for what the debtor paid, allocated to the account’s placed invoices oldest due first, with the agency’s commission (rounded half up to the minor unit) recorded beside it. 409 when it is more than still owed on them.',
  request: { params: IdParams, body: jsonBody(AgencyPayment) },
  responses: { 201: json(AgencyPaymentResult, 'The payment and the placement'), ...problems(400, 401, 403, 404, 409) },
});

export function placementRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  /** Who placed and recalled the placements, in words: one look-up for a whole page. */
  const named = (orgId: bigint, rows: Parameters<typeof placementActors>[0][]) => actorNames(db, orgId, rows.flatMap(placementActors));
  const placementWithNames = async (orgId: bigint, detail: PlacementDetail) => toPlacementWithDetail(detail, await named(orgId, [detail.placement]));
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listPlacements(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      const names = await named(c.get('principal').orgId, page.rows);
      return sendJson(c, PlacementPage, toPage(page, (row) => toPlacement(row, names)), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const detail = await findPlacementDetail(db, c.get('principal').orgId, id);
      if (!detail) throw new AppError('not_found', `there is no placement ${id}`);
      return sendJson(c, PlacementWithDetail, await placementWithNames(c.get('principal').orgId, detail), 200);
    })
    .openapi(archive, async (c) => {
      const { id } = c.req.valid('param');
      const found = await placementArchive(db, c.get('principal').orgId, id);
      if (!found) throw new AppError('not_found', `there is no placement ${id}`);
      return c.body(new Uint8Array(found.archive), 200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="placement-${id}-${found.placed_on}.zip"`, 'x-content-type-options': 'nosniff' });
    })
    .openapi(create, async (c) => {
      const principal = c.get('principal');
      const org = await requireOrg(db, principal.orgId);
      const body = c.req.valid('json');
      const created = await createPlacement(db, org, { agency: body.agency, commissionPercent: String(body.commissionPercent), customerIds: body.customerIds, role: principal.role, today: orgToday(org, deps.now), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, PlacementWithDetail, await placementWithNames(org.id, (await findPlacementDetail(db, org.id, created.id))!), 201);
    })
    .openapi(recall, async (c) => {
      const principal = c.get('principal');
      const org = await requireOrg(db, principal.orgId);
      const detail = await recallPlacement(db, org.id, { placementId: c.req.valid('param').id, reason: c.req.valid('json').reason, role: principal.role, today: orgToday(org, deps.now), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, PlacementWithDetail, await placementWithNames(c.get('principal').orgId, detail), 200);
    })
    .openapi(payment, async (c) => {
      const principal = c.get('principal');
      const org = await requireOrg(db, principal.orgId);
      const body = c.req.valid('json');
      const result = await recordAgencyPayment(db, org.id, { placementId: c.req.valid('param').id, customerId: body.customerId, amount: body.amount, receivedOn: body.receivedOn, today: orgToday(org, deps.now), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, AgencyPaymentResult, { paymentId: String(result.paymentId), commission: result.commission, currency: result.currency, placement: await placementWithNames(org.id, result.detail) }, 201);
    });
}
