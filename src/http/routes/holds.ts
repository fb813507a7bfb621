// /api/v1/holds: pauses on collection for a customer or one invoice, and their early release.
import { createRoute } from '@hono/zod-openapi';
import { placeHold } from '../../app/pauses/place-hold.ts';
import { releaseHold } from '../../app/pauses/release-hold.ts';
import { findHold, listHolds } from '../../db/queries/holds.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { CreateHold, Hold, HoldListQuery, HoldPage, ReleaseHold, toHold } from '../schemas/holds.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const tags = ['Holds'];

const list = createRoute({
  method: 'get',
  path: '/holds',
  tags,
  summary: 'List holds',
  request: { query: HoldListQuery },
  responses: { 200: json(HoldPage, 'A page of holds, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/holds/{id}',
  tags,
  summary: 'Get a hold',
  request: { params: IdParams },
  responses: { 200: json(Hold, 'The hold'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/holds',
  tags,
  summary: 'Put a customer, or one of its invoices, on hold',
  description:
    'While a hold is active the daily cycle chases nothing it covers: the whole customer, or just the invoice. It starts today and lasts until its end date (inclusive) or until released. The reason is required; it goes on the customer’s timeline.',
  request: { body: jsonBody(CreateHold) },
  responses: { 201: json(Hold, 'The hold placed'), ...problems(400, 401, 403, 404, 409) },
});

const release = createRoute({
  method: 'post',
  path: '/holds/{id}/release',
  tags,
  summary: 'Release a hold early',
  description: 'Collection resumes from today: the cycle of this very day may chase again. A hold already released, or past its end date, cannot be released (409).',
  request: { params: IdParams, body: { required: false, content: { 'application/json': { schema: ReleaseHold } } } },
  responses: { 200: json(Hold, 'The hold, released'), ...problems(400, 401, 403, 404, 409) },
});

export function holdRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const today = async (orgId: bigint) => orgToday(await requireOrg(db, orgId), deps.now);
  return createRouter()
    .openapi(list, async (c) => {
      const { orgId } = c.get('principal');
      const { limit, cursor, ...filters } = c.req.valid('query');
      const date = await today(orgId);
      const page = await listHolds(db, orgId, filters, date, pageRequest({ limit, cursor }));
      return sendJson(c, HoldPage, toPage(page, (row) => toHold(row, date)), 200);
    })
    .openapi(get, async (c) => {
      const { orgId } = c.get('principal');
      const { id } = c.req.valid('param');
      const hold = await findHold(db, orgId, id);
      if (!hold) throw new AppError('not_found', `there is no hold ${id}`);
      return sendJson(c, Hold, toHold(hold, await today(orgId)), 200);
    })
    .openapi(create, async (c) => {
      const principal = c.get('principal');
      const date = await today(principal.orgId);
      const hold = await placeHold(db, principal.orgId, { ...c.req.valid('json'), today: date, now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, Hold, toHold(hold, date), 201);
    })
    .openapi(release, async (c) => {
      const principal = c.get('principal');
      const date = await today(principal.orgId);
      const hold = await releaseHold(db, principal.orgId, { holdId: c.req.valid('param').id, note: c.req.valid('json').note, today: date, now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, Hold, toHold(hold, date), 200);
    });
}
