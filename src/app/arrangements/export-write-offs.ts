// The write-offs of a period as a credit-note import file for the accounting system (see
// domain/arrangements/write-off-export.ts for the formats). Only write-offs that still stand: a
// reversed one is left out (if it was exported before, void its credit note there).
import type { Executor } from '../../db/executor.ts';
import { standingWriteOffs } from '../../db/queries/write-offs.ts';
import { compareDates, isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { writeOffExport, type ExportAccounts, type WriteOffExportFormat } from '../../domain/arrangements/write-off-export.ts';
import { AppError } from '../../errors.ts';

export interface ExportWriteOffsInput {
  from: IsoDate;
  to: IsoDate;
  format: WriteOffExportFormat;
  /** Needed by xero and quickbooks: the bad-debt account (and Xero's tax rate name). */
  account?: string | undefined;
  taxType?: string | undefined;
}

export async function exportWriteOffs(db: Executor, orgId: bigint, input: ExportWriteOffsInput): Promise<{ text: string; count: number }> {
  for (const [name, date] of [['from', input.from], ['to', input.to]] as const) {
    if (!isIsoDate(date)) throw new AppError('invalid_input', `the ${name} date must be a real date written YYYY-MM-DD (got "${date}")`);
  }
  if (compareDates(input.from, input.to) > 0) throw new AppError('invalid_input', `the period runs from ${input.from} to ${input.to}: the from date must not be after the to date`);
  const account = input.account?.trim() ?? '';
  if (input.format !== 'csv' && account === '') {
    throw new AppError('invalid_input', `the ${input.format} file needs the account the credit notes go to (your bad-debt account's code in ${input.format === 'xero' ? 'Xero' : 'QuickBooks'}); give it with --account`);
  }
  const accounts: ExportAccounts = { account, taxType: input.taxType?.trim() || 'Tax Exempt' };
  const rows = await standingWriteOffs(db, orgId, input.from, input.to);
  const text = writeOffExport(
    rows.map((row) => ({
      id: row.id,
      writtenOffOn: row.written_off_on,
      customerExternalId: row.customer_external_id,
      customerName: row.customer_name,
      invoiceNumber: row.invoice_number,
      amount: row.amount,
      currency: row.currency,
      reasonCode: row.reason_code,
      note: row.note,
      createdBy: row.created_by,
    })),
    input.format,
    accounts,
  );
  return { text, count: rows.length };
}
