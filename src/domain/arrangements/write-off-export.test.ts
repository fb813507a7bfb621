import { describe, expect, it } from 'vitest';
import { writeOffExport, type ExportedWriteOff } from './write-off-export.ts';

const rows: ExportedWriteOff[] = [
  { id: 7n, writtenOffOn: '2026-11-23', customerExternalId: 'C-1', customerName: 'Acme, Ltd', invoiceNumber: 'INV-1', amount: 123456n, currency: 'GBP', reasonCode: 'bankrupt', note: null, createdBy: 'user:1' },
  { id: 8n, writtenOffOn: '2026-11-30', customerExternalId: 'C-2', customerName: '=cmd', invoiceNumber: 'INV-2', amount: 500n, currency: 'JPY', reasonCode: 'other', note: 'said "no"', createdBy: 'user:1' },
];
const accounts = { account: '684', taxType: 'No VAT' };

describe('writeOffExport', () => {
  it('writes Xero’s credit note import: its headings, DD/MM/YYYY dates, positive amounts in the currency’s decimals', () => {
    expect(writeOffExport(rows, 'xero', accounts).split('\r\n')).toEqual([
      '*ContactName,*CreditNoteNumber,Reference,*CreditNoteDate,*Description,*Quantity,*UnitAmount,*AccountCode,*TaxType,Currency',
      '"Acme, Ltd",WO-7,INV-1,23/11/2026,Write-off of invoice INV-1: customer bankrupt or insolvent,1,1234.56,684,No VAT,GBP',
      `'=cmd,WO-8,INV-2,30/11/2026,"Write-off of invoice INV-2: other (said ""no"")",1,500,684,No VAT,JPY`,
      '',
    ]);
  });

  it('writes QuickBooks credit memos with US dates, and a plain CSV with every field', () => {
    expect(writeOffExport(rows.slice(0, 1), 'quickbooks', accounts).split('\r\n')[1]).toBe('WO-7,"Acme, Ltd",11/23/2026,684,Write-off of invoice INV-1: customer bankrupt or insolvent,1,1234.56,1234.56,GBP');
    expect(writeOffExport(rows.slice(0, 1), 'csv', accounts).split('\r\n')).toEqual([
      'credit_note_number,written_off_on,customer_id,customer_name,invoice_number,currency,amount,reason_code,note,written_off_by',
      'WO-7,2026-11-23,C-1,"Acme, Ltd",INV-1,GBP,1234.56,bankrupt,,user:1',
      '',
    ]);
  });
});
