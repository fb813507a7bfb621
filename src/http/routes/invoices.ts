// /api/v1/invoices: invoices with their ledger (allocations and charges).
import { createRoute } from '@hono/zod-openapi';
import { createInvoice } from '../../app/ledger/create-invoice.ts';
import { updateInvoice } from '../../app/ledger/update-invoice.ts';
import { findInvoice, findInvoiceLedger, listInvoices } from '../../db/queries/invoices.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { CreateInvoice, InvoiceDetail, InvoiceListQuery, InvoicePage, toInvoice, toInvoiceDetail, UpdateInvoice } from '../schemas/invoices.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const tags = ['Invoices'];

const list = createRoute({
  method: 'get',
  path: '/invoices',
  tags,
  summary: 'List invoices',
  request: { query: InvoiceListQuery },
  responses: { 200: json(InvoicePage, 'A page of invoices, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/invoices/{id}',
  tags,
  summary: 'Get an invoice with its allocations and charges',
  request: { params: IdParams },
  responses: { 200: json(InvoiceDetail, 'The invoice and its ledger'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/invoices',
  tags,
  summary: 'Record an invoice',
  description: 'The invoice starts open. Its number must be unique in the organisation.',
  request: { body: jsonBody(CreateInvoice) },
  responses: { 201: json(InvoiceDetail, 'The invoice recorded'), ...problems(400, 401, 403, 404, 409) },
});

const update = createRoute({
  method: 'patch',
  path: '/invoices/{id}',
  tags,
  summary: 'Void or write off an open invoice, or change its terms',
  description: 'A status change is recorded on the customer’s timeline with the API key that made it.',
  request: { params: IdParams, body: jsonBody(UpdateInvoice) },
  responses: { 200: json(InvoiceDetail, 'The invoice as changed'), ...problems(400, 401, 403, 404, 409) },
});

export function invoiceRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const detail = async (orgId: bigint, id: bigint) => {
    const row = await findInvoice(db, orgId, id);
    if (!row) throw new AppError('not_found', `there is no invoice ${id}`);
    return toInvoiceDetail(row, await findInvoiceLedger(db, orgId, id));
  };
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listInvoices(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      return sendJson(c, InvoicePage, toPage(page, toInvoice), 200);
    })
    .openapi(get, async (c) => {
      return sendJson(c, InvoiceDetail, await detail(c.get('principal').orgId, c.req.valid('param').id), 200);
    })
    .openapi(create, async (c) => {
      const row = await createInvoice(db, c.get('principal').orgId, c.req.valid('json'));
      return sendJson(c, InvoiceDetail, toInvoiceDetail(row, { allocations: [], charges: [] }), 201);
    })
    .openapi(update, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { status, terms } = c.req.valid('json');
      // the contract refuses written_off (it has its own endpoint), so a status here is void
      await updateInvoice(db, principal.orgId, id, { status: status === 'void' ? status : undefined, terms, actor: actorOf(principal), now: instantNow(deps.now) });
      return sendJson(c, InvoiceDetail, await detail(principal.orgId, id), 200);
    });
}
