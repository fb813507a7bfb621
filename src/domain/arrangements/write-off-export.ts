// The write-offs of a period as a file the accounting system imports as credit notes, so its books
// agree with Arrears: one credit note per write-off, numbered WO-<id>, for the amount written off,
// against the invoice (its number as the reference). Pure: rows in, text out.
//
// - xero: Xero's sales credit note import (Business › Invoices › Credit notes › Import): its
//   column headings, dates DD/MM/YYYY, amounts positive (Xero credits them), one line each.
// - quickbooks: a credit memo per row in the layout QuickBooks Online import tools read
//   (Credit Memo No, Customer, Credit Memo Date, Product/Service, Description, Qty, Rate, Amount).
// - csv: every field Arrears has, for any other system or a spreadsheet.
import { toDecimalString } from '../money.ts';
import { spreadsheetLine } from '../spreadsheet-csv.ts';
import { writeOffReasonLabels, type WriteOffReasonCode } from './write-off-rules.ts';

export const writeOffExportFormats = ['xero', 'quickbooks', 'csv'] as const;
export type WriteOffExportFormat = (typeof writeOffExportFormats)[number];

export interface ExportedWriteOff {
  id: bigint;
  writtenOffOn: string;
  customerExternalId: string;
  customerName: string;
  invoiceNumber: string;
  amount: bigint;
  currency: string;
  reasonCode: WriteOffReasonCode;
  note: string | null;
  createdBy: string;
}

export interface ExportAccounts {
  /** The accounting system's account for bad debts (Xero AccountCode; the QuickBooks product/service). */
  account: string;
  /** Xero's tax rate name for the line, e.g. "No VAT" or "Tax Exempt". */
  taxType: string;
}

const ddmmyyyy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const mmddyyyy = (date: string) => `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;

function description(row: ExportedWriteOff): string {
  return `Write-off of invoice ${row.invoiceNumber}: ${writeOffReasonLabels[row.reasonCode]}${row.note ? ` (${row.note})` : ''}`;
}

export function writeOffExport(rows: readonly ExportedWriteOff[], format: WriteOffExportFormat, accounts: ExportAccounts): string {
  if (format === 'xero') {
    return (
      spreadsheetLine(['*ContactName', '*CreditNoteNumber', 'Reference', '*CreditNoteDate', '*Description', '*Quantity', '*UnitAmount', '*AccountCode', '*TaxType', 'Currency']) +
      rows.map((row) => spreadsheetLine([row.customerName, `WO-${row.id}`, row.invoiceNumber, ddmmyyyy(row.writtenOffOn), description(row), '1', toDecimalString(row.amount, row.currency), accounts.account, accounts.taxType, row.currency])).join('')
    );
  }
  if (format === 'quickbooks') {
    return (
      spreadsheetLine(['Credit Memo No', 'Customer', 'Credit Memo Date', 'Product/Service', 'Description', 'Qty', 'Rate', 'Amount', 'Currency Code']) +
      rows.map((row) => {
        const amount = toDecimalString(row.amount, row.currency);
        return spreadsheetLine([`WO-${row.id}`, row.customerName, mmddyyyy(row.writtenOffOn), accounts.account, description(row), '1', amount, amount, row.currency]);
      }).join('')
    );
  }
  return (
    spreadsheetLine(['credit_note_number', 'written_off_on', 'customer_id', 'customer_name', 'invoice_number', 'currency', 'amount', 'reason_code', 'note', 'written_off_by']) +
    rows.map((row) => spreadsheetLine([`WO-${row.id}`, row.writtenOffOn, row.customerExternalId, row.customerName, row.invoiceNumber, row.currency, toDecimalString(row.amount, row.currency), row.reasonCode, row.note ?? '', row.createdBy])).join('')
  );
}
