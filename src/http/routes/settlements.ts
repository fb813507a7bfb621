// /api/v1/settlements: settling invoices for less than owed, by an expiry date (docs/arrangements.md).
import { createRoute } from '@hono/zod-openapi';
import { decideSettlement } from '../../app/arrangements/decide-settlement.ts';
import { offerSettlement } from '../../app/arrangements/offer-settlement.ts';
import { actorNames } from '../../db/queries/actor-names.ts';
import { findSettlementDetail, listSettlements } from '../../db/queries/settlements.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';
import { DecideSettlement, OfferSettlement, SettlementListQuery, SettlementPage, SettlementWithInvoices, settlementActors, toSettlement, toSettlementWithInvoices } from '../schemas/settlements.ts';

const tags = ['Settlements'];

const list = createRoute({
  method: 'get',
  path: '/settlements',
  tags,
  summary: 'List settlements',
  request: { query: SettlementListQuery },
  responses: { 200: json(SettlementPage, 'A page of settlements, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/settlements/{id}',
  tags,
  summary: 'Get a settlement with its invoices',
  request: { params: IdParams },
  responses: { 200: json(SettlementWithInvoices, 'The settlement'), ...problems(400, 401, 404) },
});

const offer = createRoute({
  method: 'post',
  path: '/settlements',
  tags,
  summary: 'Offer a settlement',
  description:
    'For less than the invoices’ balance, by `expiresOn`. Under the customer’s threshold (its segment’s arrangement policy, else the organisation’s: less than settlementApprovalPercent of the balance, default 80, or writing off more than settlementApprovalAmount) it is `awaiting_approval` until an owner approves it; otherwise `offered`. Its invoices are not chased meanwhile. Paid in full by the expiry, the rest is written off (reason settlement); otherwise it lapses.',
  request: { body: jsonBody(OfferSettlement) },
  responses: { 201: json(SettlementWithInvoices, 'The settlement'), ...problems(400, 401, 403, 404, 409) },
});

const decide = (decision: 'approve' | 'decline') =>
  createRoute({
    method: 'post',
    path: `/settlements/{id}/${decision}`,
    tags,
    summary: decision === 'approve' ? 'Approve a settlement awaiting approval' : 'Decline a settlement awaiting approval',
    description: `Owners only, with a reason; recorded with who decided. ${decision === 'approve' ? 'It is then on offer.' : 'Its invoices are chased again.'}`,
    request: { params: IdParams, body: jsonBody(DecideSettlement) },
    responses: { 200: json(SettlementWithInvoices, 'The settlement'), ...problems(400, 401, 403, 404, 409) },
  });

export function settlementRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const today = async (orgId: bigint) => orgToday(await requireOrg(db, orgId), deps.now);
  /** Who offered and decided the settlements, in words: one look-up for a whole page. */
  const named = (orgId: bigint, rows: Parameters<typeof settlementActors>[0][]) => actorNames(db, orgId, rows.flatMap(settlementActors));
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listSettlements(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      const names = await named(c.get('principal').orgId, page.rows);
      return sendJson(c, SettlementPage, toPage(page, (row) => toSettlement(row, names)), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const detail = await findSettlementDetail(db, c.get('principal').orgId, id);
      if (!detail) throw new AppError('not_found', `there is no settlement ${id}`);
      return sendJson(c, SettlementWithInvoices, toSettlementWithInvoices(detail, await named(c.get('principal').orgId, [detail.settlement])), 200);
    })
    .openapi(offer, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const detail = await offerSettlement(db, principal.orgId, { ...body, invoiceIds: body.invoiceIds ?? null, role: principal.role, today: await today(principal.orgId), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, SettlementWithInvoices, toSettlementWithInvoices(detail, await named(c.get('principal').orgId, [detail.settlement])), 201);
    })
    .openapi(decide('approve'), async (c) => {
      const principal = c.get('principal');
      const detail = await decideSettlement(db, principal.orgId, { settlementId: c.req.valid('param').id, decision: 'approve', reason: c.req.valid('json').reason, role: principal.role, today: await today(principal.orgId), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, SettlementWithInvoices, toSettlementWithInvoices(detail, await named(c.get('principal').orgId, [detail.settlement])), 200);
    })
    .openapi(decide('decline'), async (c) => {
      const principal = c.get('principal');
      const detail = await decideSettlement(db, principal.orgId, { settlementId: c.req.valid('param').id, decision: 'decline', reason: c.req.valid('json').reason, role: principal.role, today: await today(principal.orgId), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, SettlementWithInvoices, toSettlementWithInvoices(detail, await named(c.get('principal').orgId, [detail.settlement])), 200);
    });
}
