// The header row of a tabular export: find it, match it, and say clearly when the file is not
// what the chosen --format expects (and which format it looks like).
import { matchColumns, normaliseHeader, RowReader } from './columns.ts';
import type { CsvRecord, ImportFormat, RowProblem } from './types.ts';

export interface HeaderSpec<F extends string> {
  format: ImportFormat;
  synonyms: Record<F, readonly string[]>;
  /** Each entry is one requirement: any one of its fields satisfies it. */
  required: ReadonlyArray<readonly F[]>;
}

/** A guess at which export a file is, from its first record, for "use --format …" hints. */
export function guessFormat(firstFields: string[]): ImportFormat | undefined {
  const headers = new Set(firstFields.map(normaliseHeader));
  if (headers.has('contactname') && headers.has('invoicenumber') && (headers.has('lineamount') || headers.has('invoiceamountdue'))) return 'xero';
  const first = firstFields.filter((f) => f.trim() !== '');
  if (first.length === 1 && /open invoices|a\/r aging|accounts receivable aging|^[^,]+$/i.test(first[0]!) && !headers.has('invoicenumber')) {
    return 'quickbooks';
  }
  return undefined;
}

export function matchHeader<F extends string>(
  record: CsvRecord,
  spec: HeaderSpec<F>,
): { ok: true; columns: RowReader<F> } | { ok: false; problem: RowProblem } {
  const columns = matchColumns(record.fields, spec.synonyms);
  const missing = spec.required.filter((anyOf) => !anyOf.some((field) => columns[field] !== undefined));
  if (missing.length === 0) return { ok: true, columns: new RowReader(record.fields, columns) };
  const guess = guessFormat(record.fields);
  const hint = guess && guess !== spec.format ? ` This looks like a ${guess} export: use --format ${guess}.` : '';
  const wanted = missing.map((anyOf) => anyOf.map((field) => `"${spec.synonyms[field][0]}"`).join(' or ')).join(', ');
  return {
    ok: false,
    problem: {
      line: record.line,
      column: null,
      value: record.fields.join(',').slice(0, 200),
      message: `the header row has no column for ${wanted} (as a ${spec.format} file).${hint}`,
    },
  };
}
