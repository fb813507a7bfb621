// /api/v1/customers: debtor accounts.
import { createRoute } from '@hono/zod-openapi';
import { changeCustomer } from '../../app/customers/change-customer.ts';
import { createCustomer } from '../../app/customers/create-customer.ts';
import { balancesOfCustomers, findCustomer, listCustomers } from '../../db/queries/customers.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { CreateCustomer, Customer, CustomerListQuery, CustomerPage, toCustomer, toCustomerListItem, UpdateCustomer } from '../schemas/customers.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const tags = ['Customers'];

const list = createRoute({
  method: 'get',
  path: '/customers',
  tags,
  summary: 'List and search customers',
  description: 'Search (q) over name, external id and contact emails (any part) and invoice numbers (their start); filter by kind, tag, aging bucket (of the most overdue invoice, or of any invoice: invoiceBucket), case status, playbook, currency owed and overdue; sort by id (keyset pages) or name. Each row carries its open balance and overdue part per currency.',
  request: { query: CustomerListQuery },
  responses: { 200: json(CustomerPage, 'A page of customers, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/customers/{id}',
  tags,
  summary: 'Get a customer',
  request: { params: IdParams },
  responses: { 200: json(Customer, 'The customer'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/customers',
  tags,
  summary: 'Create a customer',
  request: { body: jsonBody(CreateCustomer) },
  responses: { 201: json(Customer, 'The customer created'), ...problems(400, 401, 403, 409) },
});

const update = createRoute({
  method: 'patch',
  path: '/customers/{id}',
  tags,
  summary: 'Change a customer',
  description:
    'Fields left out keep their value; null clears an optional field. playbookOverride and excludedReason (null: include again) are recorded on the customer’s timeline.',
  request: { params: IdParams, body: jsonBody(UpdateCustomer) },
  responses: { 200: json(Customer, 'The customer as changed'), ...problems(400, 401, 403, 404, 409) },
});

export function customerRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, sort, bucket, invoiceBucket, overdue, ...filters } = c.req.valid('query');
      const org = await requireOrg(db, c.get('principal').orgId);
      const today = orgToday(org, deps.now);
      const page = await listCustomers(db, org.id, { ...filters, bucket: bucket && { bucket, today }, invoiceBucket: invoiceBucket && { bucket: invoiceBucket, today }, overdueOn: overdue ? today : undefined }, pageRequest({ limit, cursor }), sort);
      const balances = await balancesOfCustomers(db, org.id, page.rows.map((row) => row.id), today);
      return sendJson(c, CustomerPage, toPage(page, (row) => toCustomerListItem(row, balances.filter((b) => b.customer_id === row.id), today)), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const row = await findCustomer(db, c.get('principal').orgId, id);
      if (!row) throw new AppError('not_found', `there is no customer ${id}`);
      return sendJson(c, Customer, toCustomer(row), 200);
    })
    .openapi(create, async (c) => {
      const row = await createCustomer(db, c.get('principal').orgId, c.req.valid('json'));
      return sendJson(c, Customer, toCustomer(row), 201);
    })
    .openapi(update, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const row = await changeCustomer(db, principal.orgId, id, c.req.valid('json'), actorOf(principal), instantNow(deps.now));
      return sendJson(c, Customer, toCustomer(row), 200);
    });
}
