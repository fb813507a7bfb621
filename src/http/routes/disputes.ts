// /api/v1/disputes: a customer contests an invoice; while open, the disputed amount is not chased.
import { createRoute } from '@hono/zod-openapi';
import { openDispute } from '../../app/pauses/open-dispute.ts';
import { resolveDispute } from '../../app/pauses/resolve-dispute.ts';
import { findDispute, listDisputes } from '../../db/queries/disputes.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { Dispute, DisputeListQuery, DisputePage, OpenDispute, ResolveDispute, ResolvedDispute, toDispute } from '../schemas/disputes.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const tags = ['Disputes'];

const list = createRoute({
  method: 'get',
  path: '/disputes',
  tags,
  summary: 'List disputes',
  request: { query: DisputeListQuery },
  responses: { 200: json(DisputePage, 'A page of disputes, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/disputes/{id}',
  tags,
  summary: 'Get a dispute',
  request: { params: IdParams },
  responses: { 200: json(Dispute, 'The dispute'), ...problems(400, 401, 404) },
});

const open = createRoute({
  method: 'post',
  path: '/disputes',
  tags,
  summary: 'Open a dispute on an invoice',
  description:
    'The invoice must be open and have no open dispute (409 otherwise). Without an amount the whole balance is disputed; with one, at most the balance, in the invoice’s currency. While open, the disputed amount is not chased and is left out of aging.',
  request: { body: jsonBody(OpenDispute) },
  responses: { 201: json(Dispute, 'The dispute opened'), ...problems(400, 401, 403, 404, 409) },
});

const resolve = createRoute({
  method: 'post',
  path: '/disputes/{id}/resolve',
  tags,
  summary: 'Resolve a dispute',
  description:
    'Records the outcome and resolution. Resolving does not change the ledger by itself: the invoice keeps its balance, and the cycle chases it again. Record a credit note (POST /api/v1/credit-notes) for what the customer is owed; `notice` says so.',
  request: { params: IdParams, body: jsonBody(ResolveDispute) },
  responses: { 200: json(ResolvedDispute, 'The dispute, resolved'), ...problems(400, 401, 403, 404, 409) },
});

export function disputeRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const today = async (orgId: bigint) => orgToday(await requireOrg(db, orgId), deps.now);
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listDisputes(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      return sendJson(c, DisputePage, toPage(page, toDispute), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const dispute = await findDispute(db, c.get('principal').orgId, id);
      if (!dispute) throw new AppError('not_found', `there is no dispute ${id}`);
      return sendJson(c, Dispute, toDispute(dispute), 200);
    })
    .openapi(open, async (c) => {
      const principal = c.get('principal');
      const dispute = await openDispute(db, principal.orgId, { ...c.req.valid('json'), today: await today(principal.orgId), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, Dispute, toDispute(dispute), 201);
    })
    .openapi(resolve, async (c) => {
      const principal = c.get('principal');
      const { dispute, notice } = await resolveDispute(db, principal.orgId, {
        ...c.req.valid('json'),
        disputeId: c.req.valid('param').id,
        today: await today(principal.orgId), now: instantNow(deps.now),
        actor: actorOf(principal),
      });
      return sendJson(c, ResolvedDispute, { ...toDispute(dispute), notice }, 200);
    });
}
