// /api/v1/customers/{id}/timeline and /api/v1/communications/{id}: everything said and sent to a
// customer, in order, and the exact copy of each message (text, HTML, the PDF or attachment bytes).
import { createRoute, z } from '@hono/zod-openapi';
import { customerExists, customerTimeline, findCommunication, findCommunicationFile } from '../../db/queries/communications.ts';
import { AppError } from '../../errors.ts';
import type { HttpDeps } from '../env.ts';
import { requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, problems } from '../schemas/common.ts';
import { Communication, FileParams, TimelinePage, toCommunication, toTimelineEntry } from '../schemas/communications.ts';
import { PageQuery, pageRequest, toPage } from '../schemas/pagination.ts';

const tags = ['Communications'];

const timeline = createRoute({
  method: 'get',
  path: '/customers/{id}/timeline',
  tags,
  summary: "A customer's timeline: every message, call, payment, promise, dispute and change, oldest first",
  description: 'Append-only. Entries for messages sent or received carry their copy (channel, recipients, Message-ID, template version, files with their SHA-256).',
  request: { params: IdParams, query: PageQuery },
  responses: { 200: json(TimelinePage, 'A page of the timeline'), ...problems(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/communications/{id}',
  tags,
  summary: 'The exact copy of a message: subject, text, HTML, recipients, files',
  request: { params: IdParams },
  responses: { 200: json(Communication, 'The copy as sent (or received)'), ...problems(400, 401, 404) },
});

const file = createRoute({
  method: 'get',
  path: '/communications/{id}/files/{fileId}',
  tags,
  summary: 'A file of a message (a letter’s PDF, an attachment) as sent, byte for byte',
  request: { params: FileParams },
  responses: {
    200: { description: 'The bytes; their SHA-256 is in the communication', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems(400, 401, 404),
  },
});

export function communicationRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(timeline, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const id = c.req.valid('param').id;
      if (!(await customerExists(db, org.id, id))) throw new AppError('not_found', `there is no customer ${id}`);
      const page = await customerTimeline(db, org.id, id, pageRequest(c.req.valid('query')));
      return sendJson(c, TimelinePage, toPage(page, toTimelineEntry), 200);
    })
    .openapi(get, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const id = c.req.valid('param').id;
      const row = await findCommunication(db, org.id, id);
      if (!row) throw new AppError('not_found', `there is no communication ${id}`);
      return sendJson(c, Communication, toCommunication(row), 200);
    })
    .openapi(file, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const { id, fileId } = c.req.valid('param');
      const row = await findCommunicationFile(db, org.id, id, fileId);
      if (!row) throw new AppError('not_found', `there is no file ${fileId} of communication ${id}`);
      const filename = row.name.replace(/[^A-Za-z0-9._-]/g, '_');
      return c.body(new Uint8Array(row.bytes), 200, { 'content-type': row.content_type, 'content-disposition': `attachment; filename="${filename}"` });
    });
}
