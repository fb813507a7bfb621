// /api/v1/payments: money received, and the invoices it settles.
import { createRoute } from '@hono/zod-openapi';
import { recordPayment } from '../../app/ledger/record-payment.ts';
import { findPayment, listPaymentAllocations, listPayments } from '../../db/queries/payments.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';
import { CreatePayment, PaymentDetail, PaymentListQuery, PaymentPage, toPayment, toPaymentDetail } from '../schemas/payments.ts';

const tags = ['Payments'];

const list = createRoute({
  method: 'get',
  path: '/payments',
  tags,
  summary: 'List payments',
  request: { query: PaymentListQuery },
  responses: { 200: json(PaymentPage, 'A page of payments, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/payments/{id}',
  tags,
  summary: 'Get a payment with its allocations',
  request: { params: IdParams },
  responses: { 200: json(PaymentDetail, 'The payment and where it went'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/payments',
  tags,
  summary: 'Record a payment, optionally allocating it to invoices',
  description:
    'All or nothing: the payment and its allocations are recorded together, or not at all. Each invoice must be open, of the same customer and currency, and have at least the amount allocated to it as its balance.',
  request: { body: jsonBody(CreatePayment) },
  responses: { 201: json(PaymentDetail, 'The payment recorded'), ...problems(400, 401, 403, 404, 409) },
});

export function paymentRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const detail = async (orgId: bigint, id: bigint) => {
    const row = await findPayment(db, orgId, id);
    if (!row) throw new AppError('not_found', `there is no payment ${id}`);
    return toPaymentDetail(row, await listPaymentAllocations(db, orgId, id));
  };
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listPayments(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      return sendJson(c, PaymentPage, toPage(page, toPayment), 200);
    })
    .openapi(get, async (c) => {
      return sendJson(c, PaymentDetail, await detail(c.get('principal').orgId, c.req.valid('param').id), 200);
    })
    .openapi(create, async (c) => {
      const principal = c.get('principal');
      const payment = await recordPayment(db, principal.orgId, { ...c.req.valid('json'), actor: actorOf(principal), now: instantNow(deps.now) });
      return sendJson(c, PaymentDetail, await detail(principal.orgId, payment.id), 201);
    });
}
