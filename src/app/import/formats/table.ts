// Reading the table inside a CSV export, shared by the format readers: find and match its header
// row (after any title lines a report puts first), then hand each later record over as a
// RowParser. Records stream through one at a time; nothing here holds more than the header.
import { parseDate, type IsoDate } from '../../../domain/calendar.ts';
import type { RowReader } from '../columns.ts';
import { matchHeader, type HeaderSpec } from '../header.ts';
import { RowParser } from '../row-parser.ts';
import type { CsvRecord, ReaderEvent, RowProblem } from '../types.ts';

export type TableItem<F extends string> =
  /** A record before the header row (a report's title, date, blank-ish lines). */
  | { type: 'preamble'; record: CsvRecord }
  | { type: 'header'; line: number; columns: RowReader<F> }
  | { type: 'row'; row: RowParser<F> }
  /** The header row is missing or does not match: the last item. */
  | { type: 'fatal'; problem: RowProblem };

export interface TableOptions {
  /** Records for which this is true, before the header, are preamble; default: none (the header is the first record). */
  isPreamble?: (record: CsvRecord) => boolean;
  /** Preamble records tolerated before giving up: a file of one long column is not a report. */
  maxPreamble?: number;
}

export async function* readTableRows<F extends string>(
  records: AsyncIterable<CsvRecord>,
  spec: HeaderSpec<F>,
  options: TableOptions = {},
): AsyncIterable<TableItem<F>> {
  const maxPreamble = options.maxPreamble ?? 20;
  let columns: RowReader<F> | undefined;
  let preamble = 0;
  for await (const record of records) {
    if (columns) {
      yield { type: 'row', row: new RowParser(columns, record.line, record.fields) };
      continue;
    }
    if (options.isPreamble?.(record)) {
      preamble += 1;
      if (preamble > maxPreamble) {
        yield {
          type: 'fatal',
          problem: { line: record.line, column: null, value: null, message: `no header row in the first ${maxPreamble} lines; this is not a ${spec.format} export` },
        };
        return;
      }
      yield { type: 'preamble', record };
      continue;
    }
    const header = matchHeader(record, spec);
    if (!header.ok) {
      yield { type: 'fatal', problem: header.problem };
      return;
    }
    columns = header.columns;
    yield { type: 'header', line: record.line, columns };
  }
}

/** The events of one row: its own event when every cell could be read, else its problems. */
export function* rowEvents<T>(row: RowParser<string>, event: ReaderEvent<T>): Iterable<ReaderEvent<T>> {
  if (row.ok) yield event;
  else yield* problemEvents(row.problems);
}

export function* problemEvents<T>(problems: Iterable<RowProblem>): Iterable<ReaderEvent<T>> {
  for (const problem of problems) yield { type: 'problem', problem };
}

/** One row in, one event out: reads the header (first record), then hands every later record to `readRow`. */
export async function* readTable<F extends string, T>(
  records: AsyncIterable<CsvRecord>,
  spec: HeaderSpec<F>,
  readRow: (row: RowParser<F>) => ReaderEvent<T>,
): AsyncIterable<ReaderEvent<T>> {
  for await (const item of readTableRows(records, spec)) {
    if (item.type === 'fatal') yield item;
    else if (item.type === 'row') yield* rowEvents(item.row, readRow(item.row));
  }
}

/**
 * A date cell that may be written in any of `formats` (exports mix "05/11/2026" and
 * "5 Nov 2026"); the first format that reads it wins.
 */
export function readDate<F extends string>(row: RowParser<F>, field: F, formats: readonly string[], required: true): IsoDate;
export function readDate<F extends string>(row: RowParser<F>, field: F, formats: readonly string[], required?: false): IsoDate | undefined;
export function readDate<F extends string>(row: RowParser<F>, field: F, formats: readonly string[], required = false): IsoDate | undefined {
  const value = row.text(field, required as false);
  if (value === undefined) return required ? '' : undefined;
  const result = parseDateIn(value, formats);
  if (result.ok) return result.value;
  row.problem(field, value, result.message);
  return required ? '' : undefined;
}

export function parseDateIn(value: string, formats: readonly string[]): { ok: true; value: IsoDate } | { ok: false; message: string } {
  const failures: string[] = [];
  for (const format of formats) {
    const parsed = parseDate(value, format);
    if (parsed.ok) return parsed;
    failures.push(parsed.message);
  }
  // "Not a real calendar date" (right layout, impossible day) says more than "not in the format".
  const specific = failures.find((message) => !message.startsWith('is not a date in the format'));
  return {
    ok: false,
    message: specific ?? `is not a date in the format ${formats.join(' or ')}; use --date-format if the file uses another layout`,
  };
}
