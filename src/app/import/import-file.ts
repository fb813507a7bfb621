// Imports a CSV file of customers, invoices or payments. The file streams through its format's
// reader into the import's stage table (staging.ts), a short statement per batch; checks across
// rows and the merge into the ledger are set-based SQL, each step in a short transaction of its own
// so that, on PGlite's one connection, other requests are answered while a large file is imported.
//
// What is written, and when:
//  - Nothing reaches the ledger until every row was read and checked. A problem rejects the whole
//    file (unless --partial, which writes the good rows and lists the bad); a dry run writes nothing.
//  - The rows are then written in steps, each a run of chunks — sets of whole customers (all their
//    rows) — in a transaction of its own: `steps` (PGlite: import-steps.ts) sets their size; by
//    default, and on PostgreSQL, the whole file is one chunk, one transaction.
//  - If writing fails part-way (or the process stops), the chunks already written stay, each whole,
//    and the import's row says how many (`summary.chunksWritten` of `summary.chunks`); nothing of
//    the other chunks is written. Importing the same file again finishes it: the merge matches what
//    is stored (invoices by external id or number, customers by id; payments the accounting system
//    reported get ids derived from the invoice), so what the first attempt wrote is not written twice.
// The attempt is logged in `imports`, with its progress while it runs (import-progress.ts).
import type { ImportKind } from '../../domain/import-kinds.ts';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { DB } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { isDateFormat } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import { stringifyJson } from '../../json.ts';
import { holdImportLease } from './import-lease.ts';
import { inSteps, type ImportSteps } from './import-steps.ts';
import { ProgressLog } from './import-progress.ts';
import { readCsvRecords } from './csv-records.ts';
import { checkCredits, mergeCredits } from './merge-credits.ts';
import { checkDuplicateCustomers, mergeCustomers } from './merge-customers.ts';
import { checkDuplicateInvoices, closeInvoicesMissingFromReport, matchInvoices, mergeInvoices } from './merge-invoices.ts';
import { mergePayments, resolvePayments } from './merge-payments.ts';
import { customerStage, invoiceStage, paymentStage } from './stage-tables.ts';
import { ProblemList } from './problems.ts';
import { readerFor } from './readers.ts';
import { dropStagedLines, ImportStage, StageWriter, type ChunkRun, type StageTable } from './staging.ts';
import type { FormatReader, ImportFormat, ReaderContext, RecordsByKind } from './types.ts';

export type { ImportReport } from './types.ts';
import type { ImportReport } from './types.ts';

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
  /**
   * When the import runs, on the caller's clock (the server's injected clock, ARREARS_NOW): what it
   * puts on the timeline is stamped with it, the instant the ledger learnt of it.
   */
  at: Temporal.Instant;
  /** The organisation's default currency, for rows without one. */
  currency: string;
  /** How the file is checked and written in steps (importStepsFor); default the whole file in one transaction. */
  steps?: ImportSteps;
  onProgress?: (progress: { bytes: number; rows: number }) => void;
}

/** Thrown inside a transaction to roll it back while keeping the outcome. */
class RollBack {
  constructor(
    readonly counts: Record<string, number>,
    readonly status: 'rejected' | 'dry_run',
  ) {}
}

interface Outcome {
  counts: Record<string, number>;
  status: ImportReport['status'];
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
  const stage = new ImportStage(stageFor(input.kind), importId, input.steps?.chunkRows ?? Number.POSITIVE_INFINITY, input.steps?.giveWay);
  const progress = new ProgressLog(db, input.orgId, importId);

  let rows = 0;
  let outcome: Outcome;
  try {
    await stage.create(db);
    const read = await readIntoStage(db, stage, reader, input, stream, problems, progress, (n) => (rows = n));
    // A file that cannot be read at all is rejected even with --partial: there are no good rows.
    if (read.fatal || !read.sawRecord) {
      outcome = { counts: { skipped: read.skipped }, status: 'rejected' };
    } else {
      await stage.staged(db);
      const written = await checkAndWrite(db, stage, input, importId, problems, progress, read.openReportAsOf);
      outcome = { counts: { ...written.counts, skipped: read.skipped }, status: written.status };
    }
    if (outcome.status === 'completed' && rows >= analyzeAfterRows) await refreshPlannerStatistics(db, stage.giveWay);
  } catch (error) {
    releaseLease();
    if (importId !== null) {
      await db
        .updateTable('imports')
        .set({
          status: 'failed',
          finished_at: new Date().toISOString(),
          summary: stringifyJson({ error: (error as Error).message, ...progress.written() }),
          progress: stringifyJson(progress.now),
        })
        .where('org_id', '=', input.orgId)
        .where('id', '=', importId)
        .execute();
    }
    throw error;
  } finally {
    await stage.drop(db).catch(() => {}); // a stage left behind is dropped when its import is marked interrupted
  }

  const report: ImportReport = {
    importId: importId === null ? null : importId.toString(),
    kind: input.kind,
    format: input.format,
    file: input.fileName,
    status: outcome.status,
    rows,
    counts: outcome.counts,
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
        summary: stringifyJson({ rows, counts: outcome.counts }),
        problems: stringifyJson(report.problems.slice(0, 100)),
        problem_count: problems.count,
        progress: stringifyJson({ ...progress.now, phase: 'done' }),
      })
      .where('org_id', '=', input.orgId)
      .where('id', '=', importId)
      .execute();
  }
  return report;
}

interface ReadResult {
  skipped: number;
  openReportAsOf: IsoDate | null;
  sawRecord: boolean;
  fatal: boolean;
}

/** Reads the file through its format's reader into the stage; problems of single rows go to `problems`. */
async function readIntoStage(
  db: Kysely<DB>,
  stage: ImportStage<RecordsByKind[ImportKind]>,
  reader: FormatReader<RecordsByKind[ImportKind]>,
  input: ImportFileInput,
  stream: NodeJS.ReadableStream,
  problems: ProblemList,
  progress: ProgressLog,
  onRows: (rows: number) => void,
): Promise<ReadResult> {
  const context: ReaderContext = { fileName: input.fileName, dateFormat: input.dateFormat, currency: input.currency, today: input.today };
  let rows = 0;
  let bytes = 0;
  const records = readCsvRecords(stream, (n) => {
    bytes += n;
    input.onProgress?.({ bytes, rows });
  });
  const writer = new StageWriter(db, stage, undefined, (rowsStaged) => progress.reading({ rowsStaged }));
  const result: ReadResult = { skipped: 0, openReportAsOf: null, sawRecord: false, fatal: false };
  for await (const event of reader(countingRecords(records, () => (result.sawRecord = true)), context)) {
    if (event.type === 'record') {
      rows += event.rows ?? 1;
      await writer.add(event.record);
    } else if (event.type === 'problem') {
      rows += problems.badLines.has(event.problem.line) ? 0 : 1;
      problems.add(event.problem);
    } else if (event.type === 'skipped') {
      rows += event.rows ?? 1;
      result.skipped += event.rows ?? 1;
    } else if (event.type === 'open-report') {
      result.openReportAsOf = event.asOf;
    } else {
      problems.add(event.problem);
      result.fatal = true;
    }
    onRows(rows);
    progress.reading({ rowsRead: rows });
  }
  if (!result.sawRecord) problems.add({ line: 1, column: null, value: null, message: 'the file is empty; export the report again, with its header row' });
  await writer.flush();
  await progress.set({ rowsRead: rows, chunks: stage.chunks });
  return result;
}

/**
 * After a large import the planner's statistics describe tables a fraction of their new size, and
 * until autovacuum catches up (PGlite has none) the next set-based reads (aging, the cycle's
 * snapshot) can pick nested loops that take minutes instead of seconds. ANALYZE samples, so it is
 * cheap, but it is one statement that holds the connection: only the tables that have grown by a
 * tenth since they were last analysed (as autovacuum's default threshold; an invoice file leaves
 * payments and allocations alone, a second file of the same customers their table), a table at a
 * time, giving way before each.
 */
const analyzeAfterRows = 10_000;
const ledgerTables = ['customers', 'contacts', 'invoices', 'payments', 'allocations'];

async function refreshPlannerStatistics(db: Kysely<DB>, giveWay: () => Promise<void>): Promise<void> {
  await giveWay();
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
     where c.oid = any(${ledgerTables}::regclass[])
       and pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 1.1`.execute(db);
  for (const { name } of rows) {
    await giveWay();
    await sql`analyze ${sql.table(name)}`.execute(db);
  }
}

function stageFor(kind: ImportKind): StageTable<RecordsByKind[ImportKind]> {
  const stages = { customers: customerStage, invoices: invoiceStage, payments: paymentStage };
  return stages[kind] as StageTable<RecordsByKind[ImportKind]>;
}

/** Cross-row checks, then (if they pass, or --partial) the merge, a chunk at a time. */
async function checkAndWrite(
  db: Kysely<DB>,
  stage: ImportStage<RecordsByKind[ImportKind]>,
  input: ImportFileInput,
  importId: bigint | null,
  problems: ProblemList,
  progress: ProgressLog,
  openReportAsOf: IsoDate | null,
): Promise<Outcome> {
  const sourceLabel = `import:${input.format}:${basename(input.fileName)}`;
  const org = { orgId: input.orgId, orgCurrency: input.currency };
  if (input.kind === 'payments') return checkAndMergePayments(db, stage, input, importId, problems, progress);

  await progress.set({ phase: 'checking', chunks: stage.chunks });
  // Rows sharing a key, over the whole file: only the rows whose key may be repeated are read, a slice of keys a step.
  const repeated = stage.repeatedKeys.sort();
  for (let from = 0; from < repeated.length; from += repeatedKeysPerStep) {
    const keys = repeated.slice(from, from + repeatedKeysPerStep);
    await stage.transaction(db, 'all', (tx) => (input.kind === 'invoices' ? checkDuplicateInvoices(tx, problems, keys) : checkDuplicateCustomers(tx, problems, keys)));
  }
  if (input.kind === 'invoices') {
    await inSteps(stage.chunks, input.steps?.stepMs, async (run) => {
      await stage.transaction(db, run, (tx) => checkInvoicesAgainstLedger(tx, input.orgId, problems), 'view');
      await progress.set({ chunksChecked: run.last + 1 });
      return stage.lastStepMs;
    });
  } else await progress.set({ chunksChecked: stage.chunks });
  if (problems.count > 0 && !input.partial) return { counts: {}, status: 'rejected' };
  // Rows left out for problems (--partial) are missing from the stage but not from the report:
  // a report not read whole cannot show that an invoice was paid.
  const completeReport = problems.count === 0 ? openReportAsOf : null;
  if (problems.count > 0) await stage.transaction(db, 'all', (tx) => dropStagedLines(tx, stage.table, problems.badLines));

  await progress.set({ phase: 'writing' });
  const counts: Record<string, number> = {};
  await inSteps(stage.chunks, input.steps?.stepMs, async (run) => {
    const written = await countsOfRolledBack(() =>
      stage.transaction(db, run, async (tx) => {
        let merged: Record<string, number>;
        if (input.kind === 'invoices') {
          // Checked again where it is written: the ledger may have changed since (another import, a person).
          const late = new ProblemList(input.fileName);
          await checkInvoicesAgainstLedger(tx, input.orgId, late);
          if (late.count > 0) throw new AppError('conflict', `the ledger changed while the file was checked: ${late.sorted()[0]!.message} (line ${late.sorted()[0]!.line})`);
          const invoices = await mergeInvoices(tx, { ...org, importId, format: input.format, sourceLabel, today: input.today, at: input.at });
          // After the invoices: a credit note is applied to the invoice it names, which may be new
          // (of the same customer, so in the same chunk).
          const credits = await mergeCredits(tx, { orgId: input.orgId, importId, format: input.format, today: input.today, at: input.at });
          merged = { ...invoices, ...credits };
        } else {
          merged = await mergeCustomers(tx, customerStage, { ...org, source: sourceLabel, fallbackCurrency: null });
        }
        commitUnlessDryRun(input, merged);
        await progress.set({ chunksWritten: run.last + 1, rowsWritten: progress.now.rowsWritten + rowsIn(stage, run) }, tx);
        return merged;
      }),
    );
    addCounts(counts, written);
    return stage.lastStepMs;
  });
  if (input.kind === 'invoices') {
    // Over the whole file, after its invoices: an invoice is "missing from the report" only if no row of the file names it.
    const closed = completeReport
      ? await countsOfRolledBack(() =>
          stage.transaction(db, 'all', async (tx) => {
            const closedByReport = await closeInvoicesMissingFromReport(tx, { orgId: input.orgId, importId, format: input.format, at: input.at }, completeReport);
            return commitUnlessDryRun(input, { closedByReport });
          }),
        )
      : { closedByReport: 0 };
    addCounts(counts, closed);
  }
  return { counts, status: input.dryRun ? 'dry_run' : 'completed' };
}

/** Keys read per step of the duplicate check (each a scan of the stage). */
const repeatedKeysPerStep = 5000;

function rowsIn(stage: ImportStage<RecordsByKind[ImportKind]>, run: ChunkRun): number {
  return stage.rowsPerChunk.slice(run.first, run.last + 1).reduce((sum, rows) => sum + rows, 0);
}

/** An invoice file's rows against what is stored: numbers taken, currencies changed, credit notes of others. */
async function checkInvoicesAgainstLedger(tx: Transaction<DB>, orgId: bigint, problems: ProblemList): Promise<void> {
  await matchInvoices(tx, orgId, problems);
  await checkCredits(tx, orgId, problems);
}

/** At the end of a transaction's work: a dry run rolls it back, keeping what it would have written. */
function commitUnlessDryRun(input: ImportFileInput, counts: Record<string, number>): Record<string, number> {
  if (input.dryRun) throw new RollBack(counts, 'dry_run');
  return counts;
}

/** The counts of `write`, whether it committed or was rolled back by commitUnlessDryRun. */
async function countsOfRolledBack(write: () => Promise<Record<string, number>>): Promise<Record<string, number>> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof RollBack) return error.counts;
    throw error;
  }
}

function addCounts(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [key, value] of Object.entries(counts)) into[key] = (into[key] ?? 0) + value;
}

/**
 * A payment file is resolved (customer, invoice) and merged in one transaction, as a whole: a
 * payment is allocated by the invoice it names, which may be another customer's row in the file.
 */
async function checkAndMergePayments(
  db: Kysely<DB>,
  stage: ImportStage<RecordsByKind[ImportKind]>,
  input: ImportFileInput,
  importId: bigint | null,
  problems: ProblemList,
  progress: ProgressLog,
): Promise<Outcome> {
  await progress.set({ phase: 'checking' });
  try {
    const counts = await stage.transaction(db, 'all', async (tx) => {
      await resolvePayments(tx, input.orgId, problems);
      if (problems.count > 0 && !input.partial) throw new RollBack({}, 'rejected');
      await dropStagedLines(tx, paymentStage, problems.badLines);
      await progress.set({ phase: 'writing', chunksChecked: 1 }, input.dryRun ? undefined : tx);
      const merged = await mergePayments(tx, { orgId: input.orgId, importId, at: input.at });
      if (input.dryRun) throw new RollBack(merged, 'dry_run');
      await progress.set({ chunksWritten: 1, rowsWritten: progress.now.rowsStaged }, tx);
      return merged;
    });
    return { counts, status: 'completed' };
  } catch (error) {
    if (error instanceof RollBack) return { counts: error.counts, status: error.status };
    throw error;
  }
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
