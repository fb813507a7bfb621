// Imports a CSV file of customers, invoices or payments. The file streams through its format's
// reader into the import's stage (import-stage.ts); checks across rows and the merge into the
// ledger are set-based SQL. The attempt and its progress are logged in `imports`.
//
// No step holds the database for long: on PGlite's single connection a long transaction froze
// every other request. So the work goes in three phases of short transactions:
//   1. read: rows are staged a batch per statement;
//   2. check: every chunk of the stage (rows that belong together) is checked against the ledger,
//      in a transaction rolled back; any problem rejects the file with nothing written (unless
//      --partial, which writes the good rows and lists the bad);
//   3. write: each chunk is merged in its own transaction (a dry run rolls each back).
// All-or-nothing therefore holds for everything a file can be wrong about: the whole file is checked
// before the first chunk is written. What phase 3 gives up is one commit for the whole file: other
// requests may see some chunks written before the rest, and an import that fails while writing (the
// process killed, the database failing, the ledger changed under it) leaves the chunks before it
// written — each whole: a customer's rows are never half-written — and says how many in its log
// entry. Importing the same file again completes it: an import is idempotent. We chose this over
// one transaction because that kept every other user waiting for as long as the import ran.
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
import { dropStagedLines, type StageTable } from './staging.ts';
import { discardAbandonedStages, ImportStage, type ImportStageOptions } from './import-stage.ts';
import { ProgressLog } from './import-progress.ts';
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
  /** Batch and chunk sizes (tests make them small). */
  stageOptions?: ImportStageOptions;
}

/** Thrown inside a chunk's transaction to roll it back (checks; a dry run's merge) while keeping what it found. */
class RollBack {
  constructor(readonly counts: Record<string, number>) {}
}

/** Ends the import early with an outcome, after the file is read. */
class Outcome {
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
  await discardAbandonedStages(db, input.orgId);
  const stage = new ImportStage(db, input.orgId, stageFor(input.kind) as StageTable<RecordsByKind[typeof input.kind]>, input.stageOptions);
  const progress = new ProgressLog(db, input.orgId, importId);

  let rows = 0;
  let counts: Record<string, number> = {};
  let status: ImportReport['status'];
  try {
    // 1. Read the file into the stage, a batch per statement.
    const context: ReaderContext = { fileName: input.fileName, dateFormat: input.dateFormat, currency: input.currency, today: input.today };
    let bytes = 0;
    const records = readCsvRecords(stream, (n) => {
      bytes += n;
      input.onProgress?.({ bytes, rows });
    });
    let skipped = 0;
    let openReportAsOf: IsoDate | null = null;
    let sawRecord = false;
    let fatal = false;
    for await (const event of reader(countingRecords(records, () => (sawRecord = true)), context)) {
      if (event.type === 'record') {
        rows += event.rows ?? 1;
        await stage.add(event.record);
        progress.reading(rows);
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
    await stage.flush();
    // A file that cannot be read at all is rejected even with --partial: there are no good rows.
    if (fatal || !sawRecord) throw new Outcome({ skipped }, 'rejected');

    // 2. Check every chunk before anything is written: all-or-nothing holds for every problem a file can have.
    const chunks = stage.chunks;
    for (const [done, chunk] of chunks.entries()) {
      await rolledBack(db, async (tx) => {
        await stage.load(tx, chunk);
        await checkChunk(tx, input, problems);
        return {};
      });
      await progress.set({ phase: 'checking', rows, chunks: chunks.length, chunksDone: done + 1 });
    }
    if (problems.count > 0 && !input.partial) throw new Outcome({ skipped }, 'rejected');

    // 3. Write chunk by chunk, each in its own short transaction (a dry run rolls each back).
    // Rows left out for problems (--partial) are missing from the stage but not from the report:
    // a report not read whole cannot show that an invoice was paid.
    const completeReport = problems.count === 0 ? openReportAsOf : null;
    const merge = async (tx: Transaction<DB>, chunk: number, done: number) => {
      await stage.load(tx, chunk);
      await dropStagedLines(tx, stage.table, problems.badLines);
      const since = new ProblemList(input.fileName);
      await checkChunk(tx, input, since);
      if (since.count > 0) {
        throw new AppError('conflict', `${input.fileName}: the ledger changed while it was being imported (${since.sorted()[0]!.message}); import the file again`);
      }
      const merged = await mergeChunk(tx, input, importId, completeReport, stage.key);
      if (input.dryRun) throw new RollBack(merged);
      // In the chunk's own transaction: the progress shown is what is written.
      await progress.set({ phase: 'writing', rows, chunks: chunks.length, chunksDone: done + 1 }, tx);
      return merged;
    };
    counts = { skipped };
    for (const [done, chunk] of chunks.entries()) {
      const merged = input.dryRun ? await rolledBack(db, (tx) => merge(tx, chunk, done)) : await db.transaction().execute((tx) => merge(tx, chunk, done));
      counts = addCounts(counts, merged);
    }
    if (input.dryRun) throw new Outcome(counts, 'dry_run');
    status = 'completed';
  } catch (error) {
    await stage.discard();
    if (!(error instanceof Outcome)) {
      releaseLease();
      if (importId !== null) {
        await db
          .updateTable('imports')
          .set({ status: 'failed', finished_at: new Date().toISOString(), summary: stringifyJson({ error: (error as Error).message, rows, ...progress.written() }) })
          .where('org_id', '=', input.orgId)
          .where('id', '=', importId)
          .execute();
      }
      throw error;
    }
    counts = error.counts;
    status = error.status;
  }
  await stage.discard();
  if (status === 'completed' && rows >= analyzeAfterRows) await refreshPlannerStatistics(db);

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
        progress: null,
      })
      .where('org_id', '=', input.orgId)
      .where('id', '=', importId)
      .execute();
  }
  return report;
}

/** Runs `work` in a transaction that is always rolled back; returns what it found. */
async function rolledBack(db: Kysely<DB>, work: (tx: Transaction<DB>) => Promise<Record<string, number>>): Promise<Record<string, number>> {
  try {
    await db.transaction().execute(async (tx) => {
      throw new RollBack(await work(tx));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.counts;
    throw error;
  }
  throw new Error('unreachable: the transaction always throws');
}

function addCounts(total: Record<string, number>, more: Record<string, number>): Record<string, number> {
  const sum = { ...total };
  for (const [key, count] of Object.entries(more)) sum[key] = (sum[key] ?? 0) + count;
  return sum;
}

/**
 * After a large import the planner's statistics describe tables a fraction of their new size, and
 * until autovacuum catches up the next set-based reads (aging, the cycle's snapshot) can pick
 * nested loops that take minutes instead of seconds. ANALYZE samples, so it is cheap.
 */
const analyzeAfterRows = 10_000;

async function refreshPlannerStatistics(db: Kysely<DB>): Promise<void> {
  // A table per statement: on PGlite each statement holds the one connection.
  for (const table of ['customers', 'contacts', 'invoices', 'payments', 'allocations']) await sql`analyze ${sql.table(table)}`.execute(db);
}

function stageFor(kind: ImportKind): StageTable<RecordsByKind[ImportKind]> {
  const stages = { customers: customerStage, invoices: invoiceStage, payments: paymentStage };
  return stages[kind] as StageTable<RecordsByKind[ImportKind]>;
}

/** The checks across rows of one chunk (loaded in the stage table); they add to `problems` and write nothing lasting. */
async function checkChunk(tx: Transaction<DB>, input: ImportFileInput, problems: ProblemList): Promise<void> {
  if (input.kind === 'invoices') {
    await checkDuplicateInvoices(tx, problems);
    await matchInvoices(tx, input.orgId, problems);
    await checkCredits(tx, input.orgId, problems);
  } else if (input.kind === 'customers') {
    await checkDuplicateCustomers(tx, problems);
  } else {
    await resolvePayments(tx, input.orgId, problems);
  }
}

/** Merges one checked chunk into the ledger (after checkChunk, in the same transaction: it reads what the checks matched). */
async function mergeChunk(
  tx: Transaction<DB>,
  input: ImportFileInput,
  importId: bigint | null,
  openReportAsOf: IsoDate | null,
  stageKey: string,
): Promise<Record<string, number>> {
  const sourceLabel = `import:${input.format}:${basename(input.fileName)}`;
  const org = { orgId: input.orgId, orgCurrency: input.currency };
  if (input.kind === 'invoices') {
    const invoices = await mergeInvoices(tx, { ...org, importId, format: input.format, sourceLabel, today: input.today, openReportAsOf, stageKey });
    // After the invoices: a credit note is applied to the invoice it names, which may be new.
    const credits = await mergeCredits(tx, { orgId: input.orgId, importId, format: input.format, today: input.today });
    return { ...invoices, ...credits };
  }
  if (input.kind === 'customers') return mergeCustomers(tx, customerStage, { ...org, source: sourceLabel, fallbackCurrency: null });
  return mergePayments(tx, { orgId: input.orgId, importId });
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
