// Imports a CSV file of customers, invoices or payments. The file streams through its format's
// reader into a staging table inside one transaction; checks across rows and the merge into the
// ledger are set-based SQL. Any problem rolls everything back (unless --partial, which writes the
// good rows and lists the bad); a dry run always rolls back. The attempt is logged in `imports`.
import type { ImportKind } from '../../domain/import-kinds.ts';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { isDateFormat } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import { stringifyJson } from '../../json.ts';
import { holdImportLease } from './import-lease.ts';
import { readCsvRecords } from './csv-records.ts';
import { checkCredits, mergeCredits } from './merge-credits.ts';
import { checkDuplicateCustomers, mergeCustomers } from './merge-customers.ts';
import { checkDuplicateInvoices, matchInvoices, mergeInvoices } from './merge-invoices.ts';
import { mergePayments, resolvePayments } from './merge-payments.ts';
import { customerStage, invoiceStage, paymentStage } from './stage-tables.ts';
import { ProblemList } from './problems.ts';
import { readerFor } from './readers.ts';
import { createStageTable, dropStagedLines, StageWriter, type StageTable } from './staging.ts';
import type { ImportFormat, ImportReport, ReaderContext, RecordsByKind } from './types.ts';

export type { ImportReport } from './types.ts';

export interface ImportFileInput {
  orgId: bigint;
  kind: ImportKind;
  format: ImportFormat;
  /** The name problems are reported against. */
  fileName: string;
  /** A file path, or a stream of the file's bytes. */
  source: NodeJS.ReadableStream | string;
  dateFormat?: string;
  dryRun?: boolean;
  partial?: boolean;
  /** The organisation's local date: the date of payments whose date the file does not give. */
  today: IsoDate;
  /** The organisation's default currency, for rows without one. */
  currency: string;
  onProgress?: (progress: { bytes: number; rows: number }) => void;
}

/** Thrown inside the transaction to roll it back while keeping the outcome. */
class RollBack {
  constructor(
    readonly counts: Record<string, number>,
    readonly status: 'rejected' | 'dry_run',
  ) {}
}

export async function importFile(db: Kysely<DB>, input: ImportFileInput): Promise<ImportReport> {
  if (input.dateFormat !== undefined && !isDateFormat(input.dateFormat)) {
    throw new AppError('invalid_input', `--date-format "${input.dateFormat}" needs YYYY, MM (or MMM) and DD, e.g. DD/MM/YYYY`);
  }
  const reader = readerFor(input.kind, input.format);
  const stream = typeof input.source === 'string' ? await openFile(input.source) : input.source;
  const problems = new ProblemList(input.fileName);
  const importId = input.dryRun
    ? null
    : (
        await db
          .insertInto('imports')
          .values({ org_id: input.orgId, kind: input.kind, format: input.format, file_name: input.fileName, status: 'running', partial: input.partial ?? false })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  // Released just before the outcome is written: a process killed before then leaves a stale lease.
  const releaseLease = importId === null ? () => {} : holdImportLease(db, input.orgId, importId);

  let rows = 0;
  let counts: Record<string, number> = {};
  let status: ImportReport['status'];
  try {
    counts = await db.transaction().execute(async (tx) => {
      const context: ReaderContext = { fileName: input.fileName, dateFormat: input.dateFormat, currency: input.currency, today: input.today };
      let bytes = 0;
      const records = readCsvRecords(stream, (n) => {
        bytes += n;
        input.onProgress?.({ bytes, rows });
      });
      const stage = stageFor(input.kind) as StageTable<RecordsByKind[typeof input.kind]>;
      await createStageTable(tx, stage);
      const writer = new StageWriter(tx, stage);
      let skipped = 0;
      let openReportAsOf: IsoDate | null = null;
      let sawRecord = false;
      let fatal = false;
      for await (const event of reader(countingRecords(records, () => (sawRecord = true)), context)) {
        if (event.type === 'record') {
          rows += event.rows ?? 1;
          await writer.add(event.record);
        } else if (event.type === 'problem') {
          rows += problems.badLines.has(event.problem.line) ? 0 : 1;
          problems.add(event.problem);
        } else if (event.type === 'skipped') {
          rows += event.rows ?? 1;
          skipped += event.rows ?? 1;
        } else if (event.type === 'open-report') {
          openReportAsOf = event.asOf;
        } else {
          problems.add(event.problem);
          fatal = true;
        }
      }
      if (!sawRecord) problems.add({ line: 1, column: null, value: null, message: 'the file is empty; export the report again, with its header row' });
      await writer.flush();
      // A file that cannot be read at all is rejected even with --partial: there are no good rows.
      if (fatal || !sawRecord) throw new RollBack({ skipped }, 'rejected');

      const merged = await checkAndMerge(tx, input, importId, problems, openReportAsOf);
      const outcome = { ...merged, skipped };
      if (problems.count > 0 && !input.partial) throw new RollBack(outcome, 'rejected');
      if (input.dryRun) throw new RollBack(outcome, 'dry_run');
      return outcome;
    });
    status = 'completed';
    if (rows >= analyzeAfterRows) await refreshPlannerStatistics(db);
  } catch (error) {
    if (!(error instanceof RollBack)) {
      releaseLease();
      if (importId !== null) {
        await db
          .updateTable('imports')
          .set({ status: 'failed', finished_at: new Date().toISOString(), summary: stringifyJson({ error: (error as Error).message }) })
          .where('org_id', '=', input.orgId)
          .where('id', '=', importId)
          .execute();
      }
      throw error;
    }
    counts = error.counts;
    status = error.status;
  }

  const report: ImportReport = {
    importId: importId === null ? null : importId.toString(),
    kind: input.kind,
    format: input.format,
    file: input.fileName,
    status,
    rows,
    counts,
    problems: problems.sorted(),
    problemCount: problems.count,
  };
  releaseLease();
  if (importId !== null) {
    await db
      .updateTable('imports')
      .set({
        status: report.status === 'dry_run' ? 'completed' : report.status,
        finished_at: new Date().toISOString(),
        summary: stringifyJson({ rows, counts }),
        problems: stringifyJson(report.problems.slice(0, 100)),
        problem_count: problems.count,
      })
      .where('org_id', '=', input.orgId)
      .where('id', '=', importId)
      .execute();
  }
  return report;
}

/**
 * After a large import the planner's statistics describe tables a fraction of their new size, and
 * until autovacuum catches up the next set-based reads (aging, the cycle's snapshot) can pick
 * nested loops that take minutes instead of seconds. ANALYZE samples, so it is cheap.
 */
const analyzeAfterRows = 10_000;

async function refreshPlannerStatistics(db: Kysely<DB>): Promise<void> {
  await sql`analyze customers, contacts, invoices, payments, allocations`.execute(db);
}

function stageFor(kind: ImportKind): StageTable<RecordsByKind[ImportKind]> {
  const stages = { customers: customerStage, invoices: invoiceStage, payments: paymentStage };
  return stages[kind] as StageTable<RecordsByKind[ImportKind]>;
}

/** Cross-row checks, then (if they pass, or --partial) the merge. */
async function checkAndMerge(
  tx: Transaction<DB>,
  input: ImportFileInput,
  importId: bigint | null,
  problems: ProblemList,
  openReportAsOf: IsoDate | null,
): Promise<Record<string, number>> {
  const sourceLabel = `import:${input.format}:${basename(input.fileName)}`;
  const org = { orgId: input.orgId, orgCurrency: input.currency };
  if (input.kind === 'invoices') {
    await checkDuplicateInvoices(tx, problems);
    await matchInvoices(tx, input.orgId, problems);
    await checkCredits(tx, input.orgId, problems);
    if (!(await readyToMerge(tx, invoiceStage, problems, input))) return {};
    // Rows left out for problems (--partial) are missing from the stage but not from the report:
    // a report not read whole cannot show that an invoice was paid.
    const completeReport = problems.count === 0 ? openReportAsOf : null;
    const invoices = await mergeInvoices(tx, { ...org, importId, format: input.format, sourceLabel, today: input.today, openReportAsOf: completeReport });
    // After the invoices: a credit note is applied to the invoice it names, which may be new.
    const credits = await mergeCredits(tx, { orgId: input.orgId, importId, format: input.format, today: input.today });
    return { ...invoices, ...credits };
  }
  if (input.kind === 'customers') {
    await checkDuplicateCustomers(tx, problems);
    if (!(await readyToMerge(tx, customerStage, problems, input))) return {};
    return mergeCustomers(tx, customerStage, { ...org, source: sourceLabel, fallbackCurrency: null });
  }
  await resolvePayments(tx, input.orgId, problems);
  if (!(await readyToMerge(tx, paymentStage, problems, input))) return {};
  return mergePayments(tx, { orgId: input.orgId, importId });
}

/** With problems, only --partial goes on, without the bad lines. */
async function readyToMerge<Row>(tx: Transaction<DB>, stage: StageTable<Row>, problems: ProblemList, input: ImportFileInput): Promise<boolean> {
  if (problems.count === 0) return true;
  if (!input.partial) return false;
  await dropStagedLines(tx, stage, problems.badLines);
  return true;
}

async function* countingRecords<T>(records: AsyncIterable<T>, onRecord: () => void): AsyncIterable<T> {
  for await (const record of records) {
    onRecord();
    yield record;
  }
}

async function openFile(path: string): Promise<NodeJS.ReadableStream> {
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => reject(new AppError('invalid_input', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error.message}`)));
  });
  return stream;
}
