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

const TimelineQuery = PageQuery.extend({
  order: z.enum(['oldest', 'newest']).default('oldest').openapi({ description: 'oldest first (the default) or newest first' }),
});

const tags = ['Communications'];

const timeline = createRoute({
  method: 'get',
  path: '/customers/{id}/timeline',
  tags,
  summary: "A customer's timeline: every message, call, payment, promise, dispute and change, oldest first (or newest first)",
  description: 'Append-only. Each entry says who acted (actorName) and when. Entries for messages sent or received carry their copy (channel, recipients, Message-ID, template version, files with their SHA-256) and links to it: the JSON copy, an email’s HTML, a letter’s PDF.',
  request: { params: IdParams, query: TimelineQuery },
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

const html = createRoute({
  method: 'get',
  path: '/communications/{id}/html',
  tags,
  summary: 'An email’s HTML as it was sent, as a document of its own',
  description: 'Served sandboxed (Content-Security-Policy: sandbox; no scripts, no requests elsewhere), to be shown in an iframe. 404 when the message has no HTML part.',
  request: { params: IdParams },
  responses: {
    200: { description: 'The HTML as sent', content: { 'text/html': { schema: z.string() } } },
    ...problems(400, 401, 404),
  },
});

const file = createRoute({
  method: 'get',
  path: '/communications/{id}/files/{fileId}',
  tags,
  summary: 'A file of a message (a letter’s PDF, an attachment) as sent, byte for byte',
  description: '`?inline=true` asks the browser to show it (a letter’s PDF) instead of saving it.',
  request: { params: FileParams, query: z.strictObject({ inline: z.enum(['true', 'false']).optional() }) },
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
      const { order, ...query } = c.req.valid('query');
      const page = await customerTimeline(db, org.id, id, { ...pageRequest(query), descending: order === 'newest' });
      return sendJson(c, TimelinePage, toPage(page, toTimelineEntry), 200);
    })
    .openapi(get, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const id = c.req.valid('param').id;
      const row = await findCommunication(db, org.id, id);
      if (!row) throw new AppError('not_found', `there is no communication ${id}`);
      return sendJson(c, Communication, toCommunication(row), 200);
    })
    .openapi(html, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const id = c.req.valid('param').id;
      const row = await findCommunication(db, org.id, id);
      if (!row) throw new AppError('not_found', `there is no communication ${id}`);
      if (row.body_html === null) throw new AppError('not_found', `communication ${id} has no HTML part (a ${row.channel}); its text is in GET /api/v1/communications/${id}`);
      // The copy is shown as it was sent, but never runs anything or fetches anything (tracking pixels included).
      return c.body(row.body_html, 200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
        'x-content-type-options': 'nosniff',
      });
    })
    .openapi(file, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const { id, fileId } = c.req.valid('param');
      const row = await findCommunicationFile(db, org.id, id, fileId);
      if (!row) throw new AppError('not_found', `there is no file ${fileId} of communication ${id}`);
      const filename = row.name.replace(/[^A-Za-z0-9._-]/g, '_');
      const disposition = c.req.valid('query').inline === 'true' ? 'inline' : 'attachment';
      return c.body(new Uint8Array(row.bytes), 200, { 'content-type': row.content_type, 'content-disposition': `${disposition}; filename="${filename}"`, 'x-content-type-options': 'nosniff' });
    });
}
