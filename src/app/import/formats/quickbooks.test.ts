import { describe, expect, it } from 'vitest';
import { problemsOf, readerEvents, recordsOf } from '../../../../test/support/reader-events.ts';
import { readQuickBooksInvoices } from './quickbooks.ts';

const read = (text: string, context: { dateFormat?: string; currency?: string } = {}) =>
  readerEvents(readQuickBooksInvoices, text, { currency: 'USD', ...context });

/** A QuickBooks Online CSV report: company, title and date lines, a blank line, then the table. */
function report(title: string, date: string | null, table: string): string {
  return ['Greenleaf Landscaping LLC', title, ...(date === null ? [] : [`"${date}"`]), '', table.trim(), '', '', '"Accrual Basis Monday, November 23, 2026 10:47 AM GMT-05:00"', ''].join('\n');
}

const openInvoices = `
,Date,Transaction Type,Num,Terms,Due Date,Amount,Open Balance
Amy's Bird Sanctuary,,,,,,,
,09/23/2026,Invoice,1021,Net 30,10/23/2026,"1,000.00","1,000.00"
,10/30/2026,Invoice,1037,Net 30,11/29/2026,$459.00,$239.00
Total for Amy's Bird Sanctuary,,,,,,"$1,459.00","$1,239.00"
Cool Cars,,,,,,,
,11/10/2026,Payment,,,,-50.00,-50.00
,10/05/2026,Credit Memo,1033,,10/05/2026,-120.00,-120.00
,08/15/2026,Invoice,1015,Net 15,08/30/2026,"2,694.00","2,694.00"
Total for Cool Cars,,,,,,"$2,524.00","$2,524.00"
TOTAL,,,,,,"$3,983.00","$3,763.00"
`;

describe('the QuickBooks Online report reader', () => {
  it('reads an Open Invoices report: customers from the group lines, subtotals and other transactions skipped', async () => {
    const events = await read(report('Open Invoices', 'As of November 23, 2026', openInvoices));
    expect(events).toEqual([
      { type: 'open-report', asOf: '2026-11-23' },
      {
        type: 'record',
        record: {
          line: 7,
          customer: { externalId: "Amy's Bird Sanctuary", name: "Amy's Bird Sanctuary" },
          number: '1021',
          externalId: null,
          issueDate: '2026-09-23',
          dueDate: '2026-10-23',
          currency: 'USD',
          total: 1000_00n,
          paid: 0n,
          paidOn: '2026-11-23',
          terms: 'Net 30',
          status: 'open',
        },
      },
      { type: 'record', record: expect.objectContaining({ line: 8, number: '1037', total: 459_00n, paid: 220_00n, paidOn: '2026-11-23' }) },
      { type: 'skipped', line: 9, reason: "subtotal for Amy's Bird Sanctuary" },
      { type: 'skipped', line: 11, reason: 'Payment, not an invoice' },
      { type: 'skipped', line: 12, reason: 'Credit Memo, not an invoice' },
      { type: 'record', record: expect.objectContaining({ line: 13, number: '1015', customer: { externalId: 'Cool Cars', name: 'Cool Cars' }, total: 2694_00n }) },
      { type: 'skipped', line: 14, reason: 'subtotal for Cool Cars' },
      { type: 'skipped', line: 15, reason: 'grand total' },
    ]);
  });

  it('reads an A/R Aging Detail report: customers from the Customer column, never from the aging buckets', async () => {
    const events = await read(
      report(
        'A/R Aging Detail',
        'As of November 23, 2026',
        `
,Date,Transaction Type,Num,Customer,Due Date,Past Due,Amount,Open Balance
Current,,,,,,,,
,10/30/2026,Invoice,1037,Amy's Bird Sanctuary,11/29/2026,-6,459.00,239.00
Total for Current,,,,,,,$459.00,$239.00
91 or more days past due,,,,,,,,
,07/20/2026,Invoice,1008,Jeff's Jalopies,08/19/2026,96,"12,480.00","12,480.00"
Total for 91 or more days past due,,,,,,,"$12,480.00","$12,480.00"
TOTAL,,,,,,,"$12,939.00","$12,719.00"`,
      ),
    );
    expect(events[0]).toEqual({ type: 'open-report', asOf: '2026-11-23' });
    expect(recordsOf(events).map((r) => [r.customer.name, r.number, r.total, r.paid])).toEqual([
      ["Amy's Bird Sanctuary", '1037', 459_00n, 220_00n],
      ["Jeff's Jalopies", '1008', 12480_00n, 0n],
    ]);
    expect(events.filter((e) => e.type === 'skipped')).toHaveLength(3);
  });

  it('takes today as the report date when the report covers all dates or has no date line', async () => {
    const allDates = await read(report('Open Invoices', 'All Dates', openInvoices));
    expect(allDates[0]).toEqual({ type: 'open-report', asOf: '2026-11-23' });
    expect(recordsOf(allDates)[1]).toMatchObject({ paidOn: '2026-11-23' });
    const undated = await read(report('Open Invoices', null, openInvoices));
    expect(undated[0]).toEqual({ type: 'open-report', asOf: '2026-11-23' });
  });

  it('does not treat other reports (which may be filtered by date) as a list of every open invoice', async () => {
    const events = await read(report('Invoice List', 'January 1 - November 23, 2026', openInvoices));
    expect(events.some((e) => e.type === 'open-report')).toBe(false);
    expect(recordsOf(events)).toHaveLength(3);
    expect(recordsOf(events)[0]).toMatchObject({ paidOn: null });
  });

  it('reads a table without title lines, and the UK "Aged Receivables Detail" title', async () => {
    expect(recordsOf(await read(openInvoices))).toHaveLength(3);
    const uk = await read(report('Aged Receivables Detail', 'As of 23 November 2026', openInvoices.replace('Terms,', 'Customer,').replace(/Net (30|15),/g, 'Cool Cars,')));
    expect(uk[0]).toEqual({ type: 'open-report', asOf: '2026-11-23' });
  });

  it('stops with a clear message when the report date cannot be read', async () => {
    const events = await read(report('Open Invoices', 'As of the end of the month', openInvoices));
    expect(events).toEqual([
      {
        type: 'fatal',
        problem: {
          line: 3,
          column: null,
          value: 'As of the end of the month',
          message: 'is not a report date; export the report again with its date line, e.g. "As of November 23, 2026"',
        },
      },
    ]);
  });

  it('keeps sub-customers apart from their parent: a "Total for" line closes its own group', async () => {
    const events = await read(
      report(
        'Open Invoices',
        'As of November 23, 2026',
        `
,Date,Transaction Type,Num,Terms,Due Date,Amount,Open Balance
Freeman Sporting Goods,,,,,,,
Freeman Sporting Goods:0969 Ocean View Road,,,,,,,
,10/01/2026,Invoice,1030,Net 30,10/31/2026,100.00,100.00
Total for Freeman Sporting Goods:0969 Ocean View Road,,,,,,$100.00,$100.00
,10/02/2026,Invoice,1031,Net 30,11/01/2026,200.00,200.00
Total for Freeman Sporting Goods,,,,,,$300.00,$300.00`,
      ),
    );
    expect(recordsOf(events).map((r) => [r.number, r.customer.name])).toEqual([
      ['1030', 'Freeman Sporting Goods:0969 Ocean View Road'],
      ['1031', 'Freeman Sporting Goods'],
    ]);
  });

  it("reads a multicurrency company's report in each invoice's own currency", async () => {
    const table = `
,Date,Transaction Type,Num,Customer,Due Date,Currency,Amount,Open Balance,Foreign Amount,Foreign Open Balance
,11/01/2026,Invoice,2001,Maple Leaf Foods,12/01/2026,CAD,$735.00,$735.00,"1,000.00","1,000.00"
,11/02/2026,Invoice,2002,Cool Cars,12/02/2026,USD,$500.00,$400.00,,`;
    const records = recordsOf(await read(report('Open Invoices', 'As of November 23, 2026', table)));
    expect(records.map((r) => [r.number, r.currency, r.total, r.paid])).toEqual([
      ['2001', 'CAD', 1000_00n, 0n],
      ['2002', 'USD', 500_00n, 100_00n],
    ]);
    const homeOnly = await read(report('Open Invoices', 'As of November 23, 2026', table.replace(',Foreign Amount,Foreign Open Balance', '').replace(',"1,000.00","1,000.00"', '').replace(/,,$/, '')));
    expect(problemsOf(homeOnly)).toEqual([
      {
        line: 6,
        column: 'Amount',
        value: '$735.00',
        message: 'is in the home currency USD, but the invoice is in CAD; add the Foreign Amount and Foreign Open Balance columns to the report and export again',
      },
    ]);
  });

  it('reports unreadable rows with the line, column, value and what to fix', async () => {
    const events = await read(
      report(
        'Open Invoices',
        'As of November 23, 2026',
        `
,Date,Transaction Type,Num,Customer,Terms,Due Date,Currency,Amount,Open Balance
,13/11/2026,Invoice,1102,Cool Cars,Net 30,12/13/2026,USD,400.00,400.00
,11/05/2026,Invoice,1103,Cool Cars,Net 30,12/05/2026,DOL,300.00,300.00
,11/06/2026,Invoice,1104,Cool Cars,Net 30,12/06/2026,USD,"1.234,50","1,234.50"
,11/07/2026,Invoice,1105,Cool Cars,Net 30,12/07/2026,USD,100.00,150.00
,11/08/2026,Invoice,,Cool Cars,Net 30,12/08/2026,USD,100.00,100.00
,11/09/2026,,1107,Cool Cars,Net 30,12/09/2026,USD,100.00,100.00`,
      ),
    );
    expect(problemsOf(events)).toEqual([
      { line: 6, column: 'Date', value: '13/11/2026', message: 'is not a real calendar date (read as MM/DD/YYYY); check day and month order' },
      { line: 7, column: 'Currency', value: 'DOL', message: 'is not an ISO 4217 currency code; check the spelling (e.g. USD, EUR, GBP)' },
      { line: 8, column: 'Amount', value: '1.234,50', message: 'is not an amount; write digits with "." for decimals, e.g. 1250.00 or 1,250.00' },
      { line: 9, column: 'Open Balance', value: '150.00', message: "is more than the invoice's Amount (100.00); correct one of the two" },
      { line: 10, column: 'Num', value: '', message: 'is empty; every row needs Num' },
      { line: 11, column: 'Transaction Type', value: '', message: 'is empty; each transaction row needs its Transaction Type (export the report again)' },
    ]);
  });

  it('stops when an A/R Aging Detail report cannot give customers', async () => {
    const agingWithoutCustomer = await read(report('A/R Aging Detail', 'As of November 23, 2026', ',Date,Transaction Type,Num,Due Date,Amount,Open Balance\n'));
    expect(problemsOf(agingWithoutCustomer)[0]!.message).toContain('the A/R Aging Detail report has no Customer column');
  });

  it('reads a report with its default columns (no Amount): the open balance is owed, the total unknown, nothing paid', async () => {
    for (const terms of ['Term(s)', 'Terms', 'Term']) {
      const events = await read(
        report(
          'Open Invoices',
          'As of November 23, 2026',
          `,Date,Transaction Type,Num,${terms},Due Date,Open Balance
Amy's Bird Sanctuary,,,,,,
,10/30/2026,Invoice,1037,Net 30,11/29/2026,$239.00
,11/01/2026,Invoice,1038,Net 30,12/01/2026,0.00
Total for Amy's Bird Sanctuary,,,,,,$239.00`,
        ),
      );
      expect(problemsOf(events)).toEqual([]);
      expect(recordsOf(events)).toEqual([
        expect.objectContaining({ number: '1037', total: 239_00n, totalKnown: false, paid: 0n, terms: 'Net 30', customer: { externalId: "Amy's Bird Sanctuary", name: "Amy's Bird Sanctuary" } }),
      ]);
      expect(events.filter((e) => e.type === 'skipped').map((e) => e.type === 'skipped' && e.reason)).toContain('1038: nothing open, and no Amount column to give its total');
    }
  });

  it('says when the file is a Xero export rather than a QuickBooks report', async () => {
    const events = await read('*ContactName,EmailAddress,*InvoiceNumber,*InvoiceDate,*DueDate,Total,InvoiceAmountDue,LineAmount\nAcme,,INV-1,05/11/2026,05/12/2026,1.00,1.00,1.00\n');
    expect(events).toEqual([
      { type: 'fatal', problem: expect.objectContaining({ line: 1, message: expect.stringContaining('This looks like a xero export: use --format xero.') }) },
    ]);
  });
});
