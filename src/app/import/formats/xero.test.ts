import { describe, expect, it } from 'vitest';
import { problemsOf, readerEvents, recordsOf } from '../../../../test/support/reader-events.ts';
import type { CsvRecord, InvoiceRecord } from '../types.ts';
import { readXeroInvoices } from './xero.ts';

// The columns of Xero's sales-invoice export, in its order, '*' marking those Xero requires.
const xeroHeader =
  '*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,SAAddressLine1,SAAddressLine2,SAAddressLine3,SAAddressLine4,SACity,SARegion,SAPostalCode,SACountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,PlannedDate,Total,TaxTotal,InvoiceAmountPaid,InvoiceAmountDue,InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,LineAmount,*AccountCode,*TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,Type,Sent,Status'.split(',');

type Line = Record<string, string>;

/** A line of invoice INV-1 of Acme Ltd (£120 + VAT, unpaid), with `changes` applied; keys are header names without '*'. */
function line(changes: Line = {}): Line {
  return {
    ContactName: 'Acme Ltd',
    EmailAddress: 'ap@acme.example',
    POAddressLine1: '1 High Street',
    POCity: 'Leeds',
    POPostalCode: 'LS1 1AA',
    POCountry: 'United Kingdom',
    InvoiceNumber: 'INV-1',
    InvoiceDate: '05/11/2026',
    DueDate: '05/12/2026',
    Total: '144.00',
    TaxTotal: '24.00',
    InvoiceAmountPaid: '0.00',
    InvoiceAmountDue: '144.00',
    Description: 'Widgets',
    Quantity: '1',
    UnitAmount: '120.00',
    LineAmount: '120.00',
    AccountCode: '200',
    TaxType: '20% (VAT on Income)',
    TaxAmount: '24.00',
    Currency: 'GBP',
    Type: 'ACCREC',
    Sent: 'Sent',
    Status: 'AUTHORISED',
    ...changes,
  };
}

function csv(lines: Line[], header: string[] = xeroHeader): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const rows = lines.map((l) => header.map((h) => cell(l[h.replace(/^\*/, '')] ?? '')).join(','));
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

const read = (text: string | Buffer, dateFormat?: string) => readerEvents(readXeroInvoices, text, { dateFormat });

describe('the Xero sales-invoice reader', () => {
  it('reads the lines of one invoice as one invoice, taking the repeated Total once', async () => {
    const events = await read(
      csv([
        line({ Total: '262.80', TaxTotal: '43.80', InvoiceAmountPaid: '100.00', InvoiceAmountDue: '162.80', LineAmount: '120.00', TaxAmount: '24.00' }),
        line({ Total: '262.80', TaxTotal: '43.80', InvoiceAmountPaid: '100.00', InvoiceAmountDue: '162.80', Description: 'Bolts', LineAmount: '99.00', TaxAmount: '19.80' }),
        line({ InvoiceNumber: 'INV-2', Total: '60.00', InvoiceAmountDue: '60.00' }),
      ]),
    );
    expect(events.map((e) => e.type)).toEqual(['record', 'record']);
    expect(events[0]).toMatchObject({ rows: 2 });
    const [first, second] = recordsOf(events);
    expect(first).toEqual<InvoiceRecord>({
      line: 2,
      document: 'invoice',
      customer: {
        externalId: 'Acme Ltd',
        name: 'Acme Ltd',
        email: 'ap@acme.example',
        addressLine1: '1 High Street',
        addressLine2: undefined,
        addressLine3: undefined,
        city: 'Leeds',
        region: undefined,
        postalCode: 'LS1 1AA',
        country: 'GB',
      },
      number: 'INV-1',
      externalId: null,
      issueDate: '2026-11-05',
      dueDate: '2026-12-05',
      currency: 'GBP',
      total: 262_80n,
      paid: 100_00n,
      paidOn: null,
      terms: null,
      status: 'open',
      appliesTo: null,
    });
    expect(second).toMatchObject({ line: 4, number: 'INV-2', total: 60_00n, paid: 0n });
  });

  it('reads a file with a byte-order mark and headers with or without the "*" prefix', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([line()]))]);
    expect(recordsOf(await read(withBom))).toHaveLength(1);
    const plainHeaders = xeroHeader.map((h) => h.replace(/^\*/, ''));
    expect(recordsOf(await read(csv([line()], plainHeaders)))[0]).toMatchObject({ number: 'INV-1', total: 144_00n });
  });

  it('sums LineAmount and TaxAmount when the export has no Total column', async () => {
    const header = xeroHeader.filter((h) => h !== 'Total');
    const events = await read(csv([line({ InvoiceAmountDue: '262.80' }), line({ LineAmount: '99.00', TaxAmount: '19.80', InvoiceAmountDue: '262.80' })], header));
    expect(recordsOf(events)[0]).toMatchObject({ total: 262_80n, paid: 0n });
    const overdue = await read(csv([line({ InvoiceAmountDue: '300.00' }), line({ LineAmount: '99.00', TaxAmount: '19.80', InvoiceAmountDue: '300.00' })], header));
    expect(problemsOf(overdue)).toEqual([{ line: 2, column: 'InvoiceAmountDue', value: '300.00', message: 'is more than the invoice Total (262.80); correct one of the two' }]);
  });

  it('takes the amount paid from InvoiceAmountPaid when there is no InvoiceAmountDue', async () => {
    const header = xeroHeader.filter((h) => h !== 'InvoiceAmountDue');
    expect(recordsOf(await read(csv([line({ InvoiceAmountPaid: '44.00' })], header)))[0]).toMatchObject({ total: 144_00n, paid: 44_00n });
  });

  it('counts what was credited as well as paid (due = total − paid − credited)', async () => {
    expect(recordsOf(await read(csv([line({ InvoiceAmountPaid: '0.00', InvoiceAmountDue: '120.00' })])))[0]).toMatchObject({ paid: 24_00n });
  });

  it('maps Xero statuses: PAID is paid, VOIDED and DELETED are void with nothing paid', async () => {
    const events = await read(
      csv([
        line({ InvoiceNumber: 'INV-1', Status: 'PAID', InvoiceAmountPaid: '144.00', InvoiceAmountDue: '0.00' }),
        line({ InvoiceNumber: 'INV-2', Status: 'VOIDED', InvoiceAmountDue: '0.00' }),
        line({ InvoiceNumber: 'INV-3', Status: 'DELETED', InvoiceAmountDue: '0.00' }),
      ]),
    );
    expect(recordsOf(events).map((r) => [r.number, r.status, r.paid])).toEqual([
      ['INV-1', 'paid', 144_00n],
      ['INV-2', 'void', 0n],
      ['INV-3', 'void', 0n],
    ]);
  });

  it('skips drafts, invoices awaiting approval, draft or voided credit notes and bills, counting each of their rows', async () => {
    const events = await read(
      csv([
        line({ InvoiceNumber: 'INV-1', Status: 'DRAFT' }),
        line({ InvoiceNumber: 'INV-1', Status: 'DRAFT', Description: 'Bolts' }),
        line({ InvoiceNumber: 'INV-2', Status: 'SUBMITTED' }),
        line({ InvoiceNumber: 'INV-3', Status: 'Awaiting Approval', Type: 'Sales invoice' }),
        line({ InvoiceNumber: 'CN-1', Type: 'Sales credit note', Status: 'Draft' }),
        line({ InvoiceNumber: 'CN-2', Type: 'ACCRECCREDIT', Status: 'VOIDED' }),
        line({ InvoiceNumber: 'BILL-1', Type: 'ACCPAY' }),
      ]),
    );
    expect(events).toEqual([
      { type: 'skipped', line: 2, rows: 2, reason: 'INV-1: DRAFT invoice (not approved, so not owed yet)' },
      { type: 'skipped', line: 4, rows: 1, reason: 'INV-2: SUBMITTED invoice (not approved, so not owed yet)' },
      { type: 'skipped', line: 5, rows: 1, reason: 'INV-3: Awaiting Approval invoice (not approved, so not owed yet)' },
      { type: 'skipped', line: 6, rows: 1, reason: 'CN-1: Draft credit note (not approved, so not owed yet)' },
      { type: 'skipped', line: 7, rows: 1, reason: 'CN-2: VOIDED credit note (no credit left to the customer)' },
      { type: 'skipped', line: 8, rows: 1, reason: 'BILL-1: bill (money the business owes, not money owed to it)' },
    ]);
  });

  it('reads the statuses and types as Xero\'s own export writes them (its screens\' words), in any case', async () => {
    const records = recordsOf(
      await read(
        csv([
          line({ InvoiceNumber: 'INV-1', Type: 'Sales invoice', Sent: 'Sent', Status: 'Awaiting Payment' }),
          line({ InvoiceNumber: 'INV-2', Type: 'sales invoice', Sent: 'Unsent', Status: 'awaiting payment' }),
          line({ InvoiceNumber: 'INV-3', Type: 'Sales invoice', Status: 'Paid', InvoiceAmountPaid: '144.00', InvoiceAmountDue: '0.00' }),
          line({ InvoiceNumber: 'INV-4', Type: 'Sales invoice', Status: 'Voided', InvoiceAmountDue: '0.00' }),
          line({ InvoiceNumber: 'INV-5', Type: 'Sales invoice', Status: 'Deleted', InvoiceAmountDue: '0.00' }),
          line({ InvoiceNumber: 'INV-6', Type: 'ACCREC', Status: 'authorised' }),
        ]),
      ),
    );
    expect(records.map((r) => [r.number, r.document, r.status, r.paid])).toEqual([
      ['INV-1', 'invoice', 'open', 0n],
      ['INV-2', 'invoice', 'open', 0n],
      ['INV-3', 'invoice', 'paid', 144_00n],
      ['INV-4', 'invoice', 'void', 0n],
      ['INV-5', 'invoice', 'void', 0n],
      ['INV-6', 'invoice', 'open', 0n],
    ]);
  });

  it('reads amounts written with more decimals than the currency has when the extra digits are zeros, and refuses others', async () => {
    const events = await read(
      csv([
        line({ InvoiceNumber: 'INV-1', Total: '1500.6000', InvoiceAmountPaid: '0.0000', InvoiceAmountDue: '1500.6000' }),
        line({ InvoiceNumber: 'INV-2', Total: '12.345', InvoiceAmountDue: '12.345' }),
      ]),
    );
    expect(recordsOf(events).map((r) => [r.number, r.total, r.paid])).toEqual([['INV-1', 1500_60n, 0n]]);
    expect(problemsOf(events)).toEqual([
      { line: 3, column: 'Total', value: '12.345', message: 'has 3 decimals but GBP has 2; round it in the source' },
      { line: 3, column: 'InvoiceAmountDue', value: '12.345', message: 'has 3 decimals but GBP has 2; round it in the source' },
    ]);
  });

  it('reads a sales credit note as credit for the customer, with what Xero has applied of it and the invoice its Reference names', async () => {
    const records = recordsOf(
      await read(
        csv([
          line({ InvoiceNumber: 'CN-1', Reference: 'INV-1', Type: 'Sales credit note', Status: 'Awaiting Payment', Total: '60.00', InvoiceAmountPaid: '0.00', InvoiceAmountDue: '60.00' }),
          // Some exports write credit negative; its Type says it is credit.
          line({ InvoiceNumber: 'CN-2', Reference: '', Type: 'ACCRECCREDIT', Status: 'PAID', Total: '-24.00', InvoiceAmountPaid: '-24.00', InvoiceAmountDue: '0.00' }),
        ]),
      ),
    );
    expect(records.map((r) => [r.number, r.document, r.total, r.paid, r.appliesTo])).toEqual([
      ['CN-1', 'credit_note', 60_00n, 0n, 'INV-1'],
      ['CN-2', 'credit_note', 24_00n, 24_00n, null],
    ]);
  });

  it('reads a sales overpayment as a payment on account, known by contact, date and amount when it has no number', async () => {
    const events = await read(
      csv([
        line({ InvoiceNumber: '', DueDate: '', Type: 'Sales overpayment', Status: 'Awaiting Payment', Total: '75.00', InvoiceAmountPaid: '25.00', InvoiceAmountDue: '50.00' }),
        line({ InvoiceNumber: 'INV-9' }),
      ]),
    );
    expect(problemsOf(events)).toEqual([]);
    expect(recordsOf(events).map((r) => [r.number, r.document, r.total, r.paid, r.dueDate])).toEqual([
      ['overpayment Acme Ltd 05/11/2026 75.00', 'overpayment', 75_00n, 25_00n, '2026-11-05'],
      ['INV-9', 'invoice', 144_00n, 0n, '2026-12-05'],
    ]);
  });

  it('reads day-first dates, also written as "5 Nov 2026", unless --date-format says otherwise', async () => {
    expect(recordsOf(await read(csv([line({ InvoiceDate: '5 Nov 2026', DueDate: '5 December 2026' })])))[0]).toMatchObject({
      issueDate: '2026-11-05',
      dueDate: '2026-12-05',
    });
    expect(recordsOf(await read(csv([line({ InvoiceDate: '11/05/2026', DueDate: '12/05/2026' })]), 'MM/DD/YYYY'))[0]).toMatchObject({
      issueDate: '2026-11-05',
      dueDate: '2026-12-05',
    });
  });

  it('takes the postal address, else the street address, and keeps the first of several emails', async () => {
    const events = await read(
      csv([
        line({
          EmailAddress: 'ap@acme.example; boss@acme.example',
          POAddressLine1: '',
          POCity: '',
          POPostalCode: '',
          POCountry: '',
          SAAddressLine1: 'Unit 4',
          SAAddressLine2: 'Mill Lane',
          SAAddressLine3: 'Holbeck',
          SAAddressLine4: 'West Yorkshire',
          SACity: 'Leeds',
          SACountry: 'GB',
        }),
      ]),
    );
    expect(recordsOf(events)[0]!.customer).toMatchObject({
      email: 'ap@acme.example',
      addressLine1: 'Unit 4',
      addressLine2: 'Mill Lane',
      addressLine3: 'Holbeck, West Yorkshire',
      city: 'Leeds',
      country: 'GB',
    });
  });

  it('reports lines of one invoice that disagree, naming the line and field, and leaves the invoice out', async () => {
    const events = await read(
      csv([
        line(),
        line({ Description: 'Bolts', InvoiceDate: '06/11/2026', Currency: 'EUR' }),
        line({ InvoiceNumber: 'INV-2' }),
      ]),
    );
    expect(problemsOf(events)).toEqual([
      {
        line: 3,
        column: '*InvoiceDate',
        value: '06/11/2026',
        message:
          'differs from line 2 ("05/11/2026"), where invoice INV-1 starts; every line of an invoice must carry the same InvoiceDate — correct the export, or give the lines their own invoice numbers',
      },
      expect.objectContaining({ line: 3, column: 'Currency', value: 'EUR' }),
    ]);
    expect(recordsOf(events).map((r) => r.number)).toEqual(['INV-2']);
  });

  it('emits an invoice again when its number comes back after another invoice (the pipeline collapses repeats)', async () => {
    const events = await read(csv([line(), line({ InvoiceNumber: 'INV-2' }), line({ Description: 'Bolts' })]));
    expect(recordsOf(events).map((r) => [r.number, r.line])).toEqual([
      ['INV-1', 2],
      ['INV-2', 3],
      ['INV-1', 4],
    ]);
  });

  it('reports unreadable cells with the line, column, value and what to fix', async () => {
    const events = await read(
      csv([
        line({ InvoiceNumber: 'INV-1', InvoiceDate: '11/31/2026' }),
        line({ InvoiceNumber: 'INV-2', Currency: 'NZL' }),
        line({ InvoiceNumber: 'INV-3', Total: '1,2O0.00' }),
        line({ InvoiceNumber: 'INV-4', InvoiceAmountDue: '150.00' }),
        line({ InvoiceNumber: 'INV-5', Type: 'RECEIPT' }),
        line({ InvoiceNumber: '' }),
        line({ InvoiceNumber: 'INV-7', DueDate: '01/11/2026' }),
      ]),
    );
    expect(problemsOf(events)).toEqual([
      { line: 2, column: '*InvoiceDate', value: '11/31/2026', message: 'is not a real calendar date (read as DD/MM/YYYY); check day and month order' },
      { line: 3, column: 'Currency', value: 'NZL', message: 'is not an ISO 4217 currency code; check the spelling (e.g. USD, EUR, GBP)' },
      { line: 4, column: 'Total', value: '1,2O0.00', message: 'is not an amount; write digits with "." for decimals, e.g. 1250.00 or 1,250.00' },
      { line: 5, column: 'InvoiceAmountDue', value: '150.00', message: 'is more than the invoice Total (144.00); correct one of the two' },
      { line: 6, column: 'Type', value: 'RECEIPT', message: 'is not a Xero invoice type; expected Sales invoice, Sales credit note or Sales overpayment (or the codes ACCREC, ACCRECCREDIT), or a bill (ACCPAY)' },
      { line: 7, column: '*InvoiceNumber', value: '', message: 'is empty; every row needs *InvoiceNumber' },
      { line: 8, column: '*DueDate', value: '01/11/2026', message: 'is before the InvoiceDate 2026-11-05; check the two dates' },
    ]);
    expect(recordsOf(events)).toEqual([]);
  });

  it('says when the file is a QuickBooks report rather than a Xero export', async () => {
    const events = await read('Greenleaf Landscaping LLC\r\nOpen Invoices\r\n"As of November 23, 2026"\r\n\r\n,Date,Transaction Type,Num,Due Date,Amount,Open Balance\r\n');
    expect(events).toEqual([
      {
        type: 'fatal',
        problem: expect.objectContaining({ line: 1, message: expect.stringContaining('This looks like a quickbooks export: use --format quickbooks.') }),
      },
    ]);
  });

  it('emits each invoice as soon as the next one starts, without reading ahead', async () => {
    let pulled = 0;
    const text = csv([line(), line({ Description: 'Bolts' }), line({ InvoiceNumber: 'INV-2' }), line({ InvoiceNumber: 'INV-3' })]).trim().split('\r\n');
    async function* records(): AsyncIterable<CsvRecord> {
      for (const [index, row] of text.entries()) {
        pulled += 1;
        yield { line: index + 1, fields: row.split(',') };
      }
    }
    const seen: number[] = [];
    for await (const event of readXeroInvoices(records(), { fileName: 'x.csv', dateFormat: undefined, currency: 'GBP', today: '2026-11-23' })) {
      if (event.type === 'record') seen.push(pulled);
    }
    // INV-1 comes out when INV-2's first row (record 4) is read, INV-2 at INV-3's, INV-3 at the end.
    expect(seen).toEqual([4, 5, 5]);
  });
});
