// /api/v1/write-offs: invoices given up with a reason code (owners only), their reversal, and the
// credit-note file for the accounting system.
import { createRoute, z } from '@hono/zod-openapi';
import { exportWriteOffs } from '../../app/arrangements/export-write-offs.ts';
import { reverseWriteOff } from '../../app/arrangements/reverse-write-off.ts';
import { writeOffInvoice } from '../../app/arrangements/write-off-invoice.ts';
import { actorNames } from '../../db/queries/actor-names.ts';
import { findWriteOff, listWriteOffs } from '../../db/queries/write-offs.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';
import { CreateWriteOff, ReverseWriteOff, WriteOff, WriteOffExportQuery, WriteOffListQuery, WriteOffPage, toWriteOff, writeOffActors } from '../schemas/write-offs.ts';

const tags = ['Write-offs'];

const list = createRoute({
  method: 'get',
  path: '/write-offs',
  tags,
  summary: 'List write-offs',
  request: { query: WriteOffListQuery },
  responses: { 200: json(WriteOffPage, 'A page of write-offs, by id'), ...problems(400, 401) },
});

const exportFile = createRoute({
  method: 'get',
  path: '/write-offs/export',
  tags,
  summary: 'The write-offs of a period as a credit-note import file',
  description: 'One credit note per write-off made in the period that still stands (WO-<id>, the invoice number as its reference): for Xero’s credit note import, QuickBooks credit memo import tools, or a plain CSV. See docs/arrangements.md.',
  request: { query: WriteOffExportQuery },
  responses: { 200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } }, ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/write-offs/{id}',
  tags,
  summary: 'Get a write-off',
  request: { params: IdParams },
  responses: { 200: json(WriteOff, 'The write-off'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/write-offs',
  tags,
  summary: 'Write an invoice off',
  description: 'Owners only. The open invoice’s balance is given up with a reason code (other needs a note): the invoice’s status becomes written_off, so it is not chased and leaves every overdue figure. Not while it is under a running payment plan or a settlement on offer (409).',
  request: { body: jsonBody(CreateWriteOff) },
  responses: { 201: json(WriteOff, 'The write-off'), ...problems(400, 401, 403, 404, 409) },
});

const reverse = createRoute({
  method: 'post',
  path: '/write-offs/{id}/reverse',
  tags,
  summary: 'Reverse a write-off',
  description: 'Owners only, with a reason. The invoice is open again (paid, if payments since covered it) and chased again.',
  request: { params: IdParams, body: jsonBody(ReverseWriteOff) },
  responses: { 200: json(WriteOff, 'The write-off, reversed'), ...problems(400, 401, 403, 404, 409) },
});

export function writeOffRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const today = async (orgId: bigint) => orgToday(await requireOrg(db, orgId), deps.now);
  /** Who made and reversed the write-offs, in words: one look-up for a whole page. */
  const named = (orgId: bigint, rows: Parameters<typeof writeOffActors>[0][]) => actorNames(db, orgId, rows.flatMap(writeOffActors));
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listWriteOffs(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      const names = await named(c.get('principal').orgId, page.rows);
      return sendJson(c, WriteOffPage, toPage(page, (row) => toWriteOff(row, names)), 200);
    })
    .openapi(exportFile, async (c) => {
      const query = c.req.valid('query');
      const { text } = await exportWriteOffs(db, c.get('principal').orgId, query);
      return c.body(text, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="write-offs-${query.from}-${query.to}-${query.format}.csv"` });
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const row = await findWriteOff(db, c.get('principal').orgId, id);
      if (!row) throw new AppError('not_found', `there is no write-off ${id}`);
      return sendJson(c, WriteOff, toWriteOff(row, await named(c.get('principal').orgId, [row])), 200);
    })
    .openapi(create, async (c) => {
      const principal = c.get('principal');
      const row = await writeOffInvoice(db, principal.orgId, { ...c.req.valid('json'), role: principal.role, today: await today(principal.orgId), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, WriteOff, toWriteOff(row, await named(principal.orgId, [row])), 201);
    })
    .openapi(reverse, async (c) => {
      const principal = c.get('principal');
      const row = await reverseWriteOff(db, principal.orgId, { writeOffId: c.req.valid('param').id, reason: c.req.valid('json').reason, role: principal.role, today: await today(principal.orgId), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, WriteOff, toWriteOff(row, await named(principal.orgId, [row])), 200);
    });
}
