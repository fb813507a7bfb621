// /api/v1/promises: promises to pay. While one is pending the customer is not chased; the daily
// cycle marks it kept or broken from the payments received.
import { createRoute } from '@hono/zod-openapi';
import { cancelPromise } from '../../app/arrangements/cancel-promise.ts';
import { recordPromise } from '../../app/arrangements/record-promise.ts';
import { findPromise, listPromises } from '../../db/queries/promises.ts';
import { maxPromiseDays } from '../../domain/pauses.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';
import { CancelPromise, CreatePromise, PromiseListQuery, PromisePage, PromiseToPay, RecordedPromise, toPromise } from '../schemas/promises.ts';

const tags = ['Promises'];

const list = createRoute({
  method: 'get',
  path: '/promises',
  tags,
  summary: 'List promises to pay',
  request: { query: PromiseListQuery },
  responses: { 200: json(PromisePage, 'A page of promises, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/promises/{id}',
  tags,
  summary: 'Get a promise to pay',
  request: { params: IdParams },
  responses: { 200: json(PromiseToPay, 'The promise'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/promises',
  tags,
  summary: 'Record a promise to pay',
  description: `An amount (more than zero, at most what the customer owes in that currency) by a date (today to ${maxPromiseDays} days ahead). A customer has one pending promise at most: a new one cancels the pending one, returned as \`superseded\`. It is kept when the customer's payments in that currency from today to the end of the grace period add up to the amount, and broken otherwise; see docs/pauses.md.`,
  request: { body: jsonBody(CreatePromise) },
  responses: { 201: json(RecordedPromise, 'The promise recorded, and the one it superseded'), ...problems(400, 401, 403, 404, 409) },
});

const cancel = createRoute({
  method: 'post',
  path: '/promises/{id}/cancel',
  tags,
  summary: 'Cancel a pending promise to pay',
  description: 'Only a pending promise can be cancelled (409 otherwise). The customer is chased again by the next cycle; a cancelled promise is not a broken one.',
  request: { params: IdParams, body: { required: false, content: { 'application/json': { schema: CancelPromise } } } },
  responses: { 200: json(PromiseToPay, 'The promise, cancelled'), ...problems(400, 401, 403, 404, 409) },
});

export function promiseRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const today = async (orgId: bigint) => orgToday(await requireOrg(db, orgId), deps.now);
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listPromises(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      return sendJson(c, PromisePage, toPage(page, toPromise), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const promise = await findPromise(db, c.get('principal').orgId, id);
      if (!promise) throw new AppError('not_found', `there is no promise ${id}`);
      return sendJson(c, PromiseToPay, toPromise(promise), 200);
    })
    .openapi(create, async (c) => {
      const principal = c.get('principal');
      const { promise, superseded } = await recordPromise(db, principal.orgId, { ...c.req.valid('json'), today: await today(principal.orgId), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, RecordedPromise, { ...toPromise(promise), superseded: superseded && toPromise(superseded) }, 201);
    })
    .openapi(cancel, async (c) => {
      const principal = c.get('principal');
      const promise = await cancelPromise(db, principal.orgId, {
        promiseId: c.req.valid('param').id,
        reason: c.req.valid('json').reason,
        today: await today(principal.orgId), now: instantNow(deps.now),
        actor: actorOf(principal),
      });
      return sendJson(c, PromiseToPay, toPromise(promise), 200);
    });
}
