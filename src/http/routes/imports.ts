// /api/v1/imports: upload a CSV export (multipart field `file`, or the raw CSV as the body) and
// get the same validation report as `arrears import`; and the log of past imports.
import { importFormats } from '../../app/import/types.ts';
import { importKinds } from '../../domain/import-kinds.ts';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { importFile } from '../../app/import/import-file.ts';
import { importStepsFor } from '../../app/import/import-steps.ts';
import { markInterruptedImports } from '../../app/import/import-lease.ts';
import { findImport, listImports } from '../../db/queries/imports.ts';
import { AppError } from '../../errors.ts';
import type { AppEnv, HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { readMultipartUpload } from '../multipart-upload.ts';
import { fieldsWithNul } from '../nul-guard.ts';
import { validationProblem } from '../problem.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, problems } from '../schemas/common.ts';
import { ImportListQuery, ImportOptions, ImportQuery, ImportReport, ImportRun, ImportRunPage, toImportRun } from '../schemas/imports.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const tags = ['Imports'];
const csvTypes = new Set(['text/csv', 'text/plain', 'application/csv', 'application/octet-stream']);

const upload = createRoute({
  method: 'post',
  path: '/imports',
  tags,
  summary: 'Import a CSV export of customers, invoices or payments',
  description:
    'Send the file as multipart/form-data (field `file`; the options may be form fields too, before the file) or as the raw body with Content-Type text/csv; either is streamed to the importer. Any problem writes nothing unless partial=true. 201 with the report when imported or checked (dryRun); 422 import_rejected with the report in `details` otherwise.',
  request: {
    query: ImportQuery,
    // Plain schemas, not Zod: the body is a file, streamed to the importer rather than validated whole.
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'string', contentMediaType: 'text/csv', description: 'the CSV file' },
              kind: { type: 'string', enum: [...importKinds] },
              format: { type: 'string', enum: [...importFormats] },
              dateFormat: { type: 'string' },
              dryRun: { type: 'boolean' },
              partial: { type: 'boolean' },
            },
          },
        },
        'text/csv': { schema: { type: 'string', description: 'the CSV file itself' } },
      },
    },
  },
  responses: {
    201: json(ImportReport, 'Imported (status completed) or checked (status dry_run); problems lists any rows left out with partial=true'),
    ...problems(400, 401, 403, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/imports',
  tags,
  summary: 'List past imports',
  request: { query: ImportListQuery },
  responses: { 200: json(ImportRunPage, 'A page of imports, oldest first'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/imports/{id}',
  tags,
  summary: 'Get one import with its counts and first problems',
  request: { params: IdParams },
  responses: { 200: json(ImportRun, 'The import'), ...problems(400, 401, 404) },
});

/** The file and the options, from a multipart form or a raw CSV body plus the query. */
async function readUpload(c: Context<AppEnv>): Promise<{ fields: Record<string, unknown>; source: Readable; fileName: string | undefined }> {
  const query = c.req.query();
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data' && c.req.raw.body) {
    // streamed like a raw body: the importer reads the file as it arrives (multipart-upload.ts)
    const { fields: formFields, file, fileName } = await readMultipartUpload(c.req.header('content-type')!, webToNode(c.req.raw.body));
    const withNul = fieldsWithNul({ ...formFields, 'file name': fileName ?? '' }, 'form');
    if (withNul.length > 0) {
      file.resume(); // the rest of the form is read and dropped, so the answer can be sent
      throw new AppError('invalid_input', `${withNul.join(', ')}: must not contain the NUL character (\\u0000); remove it`);
    }
    return { fields: { ...query, ...formFields }, source: file, fileName };
  }
  if (csvTypes.has(type) && c.req.raw.body) {
    return { fields: query, source: webToNode(c.req.raw.body), fileName: undefined };
  }
  throw new AppError('invalid_input', 'send the file as multipart/form-data (field "file") or as the body with "Content-Type: text/csv"');
}

function webToNode(stream: ReadableStream<Uint8Array>): Readable {
  return Readable.fromWeb(stream as NodeReadableStream<Uint8Array>);
}

export function importRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(upload, async (c) => {
      const { orgId } = c.get('principal');
      const { fields, source, fileName } = await readUpload(c);
      const options = ImportOptions.safeParse(fields);
      // Validated here, not by the route: with a multipart upload the options may be form fields.
      if (!options.success) {
        source.resume(); // read and drop the rest of the upload, so the answer can be sent
        throw new HTTPException(400, { res: validationProblem(c, 'query', options.error) });
      }
      const org = await requireOrg(db, orgId);
      const report = await importFile(db, {
        orgId,
        kind: options.data.kind,
        format: options.data.format,
        fileName: options.data.fileName ?? fileName ?? `upload.csv`,
        source,
        dateFormat: options.data.dateFormat,
        dryRun: options.data.dryRun,
        partial: options.data.partial,
        today: orgToday(org, deps.now),
        at: instantNow(deps.now),
        currency: org.default_currency,
        steps: importStepsFor(deps.database),
      });
      if (report.status === 'rejected') {
        const problemsText = `${report.problemCount} problem${report.problemCount === 1 ? '' : 's'}`;
        throw new AppError(
          'import_rejected',
          `${report.file}: ${problemsText}, so nothing was written; fix the file and upload it again, or send partial=true to import the valid rows`,
          report,
        );
      }
      return sendJson(c, ImportReport, report, 201);
    })
    .openapi(list, async (c) => {
      await markInterruptedImports(db, c.get('principal').orgId);
      const { order, ...query } = c.req.valid('query');
      const page = await listImports(db, c.get('principal').orgId, { ...pageRequest(query), descending: order === 'newest' });
      return sendJson(c, ImportRunPage, toPage(page, toImportRun), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      await markInterruptedImports(db, c.get('principal').orgId);
      const row = await findImport(db, c.get('principal').orgId, id);
      if (!row) throw new AppError('not_found', `there is no import ${id}`);
      return sendJson(c, ImportRun, toImportRun(row), 200);
    });
}
