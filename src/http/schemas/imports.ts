// The import contract: the options of an upload, the validation report it returns (the same one
// the CLI prints), and the log of past imports.
import { importFormats } from '../../app/import/types.ts';
import { importKinds } from '../../domain/import-kinds.ts';
import { z } from '@hono/zod-openapi';
import type { ImportRun as ImportRunRow } from '../../db/queries/imports.ts';
import { isDateFormat } from '../../domain/calendar.ts';
import { Id, Text, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

const Kind = z.enum(importKinds);
const Format = z.enum(importFormats);
const Flag = z
  .enum(['true', 'false', '1', '0'], 'must be true or false')
  .transform((value) => value === 'true' || value === '1')
  .openapi({ type: 'boolean' });

const fields = {
  kind: Kind.openapi({ description: 'what the file holds' }),
  format: Format.openapi({ description: 'the layout of the file (default generic)' }),
  dateFormat: z
    .string()
    .refine(isDateFormat, 'must be a date layout with YYYY, MM (or MMM) and DD, such as DD/MM/YYYY')
    .openapi({ type: 'string', description: 'how dates are written; default ISO for generic, DD/MM/YYYY for xero, MM/DD/YYYY for quickbooks', example: 'DD/MM/YYYY' }),
  dryRun: Flag.openapi({ type: 'boolean', description: 'check the file and report, writing nothing' }),
  partial: Flag.openapi({ type: 'boolean', description: 'write the valid rows and report the bad ones (default: any problem writes nothing)' }),
  fileName: Text(255).openapi({ description: 'the name problems are reported against (default: the uploaded file’s name)' }),
};

/** The options as the query documents them; with a multipart upload, form fields may give them instead. */
export const ImportQuery = z.strictObject(fields).partial();

/** The options once query and form fields are merged. */
export const ImportOptions = z.strictObject({
  ...fields,
  format: fields.format.default('generic'),
  dateFormat: fields.dateFormat.optional(),
  dryRun: fields.dryRun.optional(),
  partial: fields.partial.optional(),
  fileName: fields.fileName.optional(),
});

export const ImportProblem = z
  .object({
    file: z.string(),
    line: z.int().openapi({ description: '1-based line of the file' }),
    column: z.string().nullable(),
    value: z.string().nullable(),
    message: z.string().openapi({ description: 'what is wrong and how to fix it' }),
  })
  .openapi('ImportProblem');

export const ImportReport = z
  .object({
    importId: Id.nullable().openapi({ description: 'null for a dry run (nothing is logged)' }),
    kind: Kind,
    format: Format,
    file: z.string(),
    status: z.enum(['completed', 'rejected', 'dry_run']),
    rows: z.int().openapi({ description: 'data rows read' }),
    counts: z.record(z.string(), z.int()).openapi({ description: 'e.g. invoicesCreated, customersUpdated, skipped' }),
    problems: z.array(ImportProblem).openapi({ description: 'the first problems found; problemCount has them all' }),
    problemCount: z.int(),
  })
  .openapi('ImportReport');

export const ImportProgress = z
  .object({
    phase: z.enum(['reading', 'checking', 'writing', 'done']).openapi({ description: 'reading the file, checking it, writing it to the ledger, or done' }),
    rowsRead: z.int().openapi({ description: 'data rows read from the file' }),
    rowsStaged: z.int().openapi({ description: 'rows stored for checking' }),
    chunks: z.int().openapi({ description: 'chunks of whole customers the file is written in (one on PostgreSQL)' }),
    chunksChecked: z.int(),
    chunksWritten: z.int().openapi({ description: 'chunks written, each whole, in its own transaction' }),
    rowsWritten: z.int().openapi({ description: 'file rows in the chunks written' }),
  })
  .openapi('ImportProgress');

export const ImportRun = z
  .object({
    id: Id,
    kind: Kind,
    format: z.string(),
    fileName: z.string(),
    status: z.enum(['running', 'completed', 'rejected', 'failed']),
    dryRun: z.boolean(),
    partial: z.boolean(),
    summary: z.record(z.string(), z.unknown()).openapi({ description: 'rows read and counts' }),
    problems: z.array(z.unknown()).openapi({ description: 'the first 100 problems' }),
    problemCount: z.int(),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    progress: ImportProgress.nullable().openapi({ description: 'how far it has got (null for imports logged before progress was kept)' }),
  })
  .openapi('ImportRun');

export const ImportListQuery = PageQuery.extend({
  order: z.enum(['oldest', 'newest']).default('oldest').openapi({ description: 'oldest first (the default) or newest first (a running import is the newest)' }),
});
export const ImportRunPage = pageOf(ImportRun, 'ImportRunPage');

export function toImportRun(row: ImportRunRow): z.input<typeof ImportRun> {
  return {
    id: String(row.id),
    kind: row.kind,
    format: row.format,
    fileName: row.file_name,
    status: row.status,
    dryRun: row.dry_run,
    partial: row.partial,
    summary: row.summary,
    problems: row.problems,
    problemCount: row.problem_count,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progress: row.progress,
  };
}
