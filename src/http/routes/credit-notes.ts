// /api/v1/credit-notes: credit issued to customers, and the invoices it settles.
import { createRoute } from '@hono/zod-openapi';
import { recordCreditNote } from '../../app/ledger/record-credit-note.ts';
import { findCreditNote, listCreditNoteAllocations, listCreditNotes } from '../../db/queries/credit-notes.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { CreateCreditNote, CreditNoteDetail, CreditNoteListQuery, CreditNotePage, toCreditNote, toCreditNoteDetail } from '../schemas/credit-notes.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const tags = ['Credit notes'];

const list = createRoute({
  method: 'get',
  path: '/credit-notes',
  tags,
  summary: 'List credit notes',
  request: { query: CreditNoteListQuery },
  responses: { 200: json(CreditNotePage, 'A page of credit notes, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/credit-notes/{id}',
  tags,
  summary: 'Get a credit note with its allocations',
  request: { params: IdParams },
  responses: { 200: json(CreditNoteDetail, 'The credit note and where it went'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/credit-notes',
  tags,
  summary: 'Record a credit note, optionally applying it to invoices',
  description: 'All or nothing, with the same allocation rules as payments. Its number must be unique in the organisation.',
  request: { body: jsonBody(CreateCreditNote) },
  responses: { 201: json(CreditNoteDetail, 'The credit note recorded'), ...problems(400, 401, 403, 404, 409) },
});

export function creditNoteRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const detail = async (orgId: bigint, id: bigint) => {
    const row = await findCreditNote(db, orgId, id);
    if (!row) throw new AppError('not_found', `there is no credit note ${id}`);
    return toCreditNoteDetail(row, await listCreditNoteAllocations(db, orgId, id));
  };
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const page = await listCreditNotes(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      return sendJson(c, CreditNotePage, toPage(page, toCreditNote), 200);
    })
    .openapi(get, async (c) => {
      return sendJson(c, CreditNoteDetail, await detail(c.get('principal').orgId, c.req.valid('param').id), 200);
    })
    .openapi(create, async (c) => {
      const principal = c.get('principal');
      const note = await recordCreditNote(db, principal.orgId, { ...c.req.valid('json'), actor: actorOf(principal), now: instantNow(deps.now) });
      return sendJson(c, CreditNoteDetail, await detail(principal.orgId, note.id), 201);
    });
}
