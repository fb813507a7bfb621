// Which reader reads which kind of file in which format.
import type { ImportKind } from '../../domain/import-kinds.ts';
import { AppError } from '../../errors.ts';
import { readGenericCustomers, readGenericInvoices, readGenericPayments } from './formats/generic.ts';
import { readQuickBooksInvoices } from './formats/quickbooks.ts';
import { readXeroInvoices } from './formats/xero.ts';
import type { FormatReader, ImportFormat, RecordsByKind } from './types.ts';

type ReaderTable = { [K in ImportKind]: Partial<Record<ImportFormat, FormatReader<RecordsByKind[K]>>> };

const readers: ReaderTable = {
  customers: { generic: readGenericCustomers },
  invoices: { generic: readGenericInvoices, xero: readXeroInvoices, quickbooks: readQuickBooksInvoices },
  payments: { generic: readGenericPayments },
};

export function readerFor<K extends ImportKind>(kind: K, format: ImportFormat): FormatReader<RecordsByKind[K]> {
  const reader = (readers[kind] as Partial<Record<ImportFormat, FormatReader<RecordsByKind[K]>>>)[format];
  if (!reader) {
    const formats = Object.keys(readers[kind]).join(', ');
    throw new AppError('invalid_input', `the ${format} format has no ${kind} import; for ${kind} use --format ${formats}`);
  }
  return reader;
}
