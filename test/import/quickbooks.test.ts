import { Temporal } from 'temporal-polyfill';
import { readFileSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportFileInput } from '../../src/app/import/import-file.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';
import { ledgerSnapshot } from '../support/ledger-snapshot.ts';
import { runCli, tempDataDir } from '../support/cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const november = fixture('quickbooks/open-invoices-2026-11-23.csv');
const december = fixture('quickbooks/open-invoices-2026-12-07.csv');
const aging = fixture('quickbooks/ar-aging-detail-2026-11-23.csv');
const badRows = fixture('quickbooks/bad-rows.csv');
/** The same reports exported with QuickBooks' default columns: no Amount, "Term(s)". */
const novemberDefault = fixture('quickbooks/open-invoices-default-columns-2026-11-23.csv');
const decemberDefault = fixture('quickbooks/open-invoices-default-columns-2026-12-07.csv');

function quickbooksImport(orgId: bigint, file: string, options: Partial<ImportFileInput> = {}): ImportFileInput {
  const today = options.today ?? '2026-11-23';
  return { orgId, kind: 'invoices', format: 'quickbooks', fileName: file, source: file, today, at: Temporal.Instant.from(`${today}T12:00:00Z`), currency: 'USD', ...options };
}

const invoice = (number: string, customer: string, values: Record<string, unknown>) => ({
  number,
  customer,
  currency: 'USD',
  source: 'quickbooks',
  paid_on: null,
  status: 'open',
  opening_paid: 0n,
  opening_paid_on: null,
  ...values,
});

// Paid before the report's date: the invoice's opening paid amount, dated the report's date (the
// latest it can have been paid); Arrears records no payment for it.
const paidBefore = (amount: bigint) => ({ allocated: amount, opening_paid: amount, opening_paid_on: '2026-11-23' });

/** The ledger after importing the Open Invoices report of November 23. */
const novemberInvoices = [
  invoice('1008', "Jeff's Jalopies", { issue_date: '2026-07-20', due_date: '2026-08-19', total: 12480_00n, allocated: 0n, balance: 12480_00n, terms: 'Net 30' }),
  invoice('1015', 'Cool Cars', { issue_date: '2026-08-15', due_date: '2026-08-30', total: 2694_00n, allocated: 0n, balance: 2694_00n, terms: 'Net 15' }),
  invoice('1021', "Amy's Bird Sanctuary", { issue_date: '2026-09-23', due_date: '2026-10-23', total: 1000_00n, allocated: 0n, balance: 1000_00n, terms: 'Net 30' }),
  invoice('1030', 'Freeman Sporting Goods', { issue_date: '2026-10-01', due_date: '2026-10-01', total: 3250_00n, ...paidBefore(2000_00n), balance: 1250_00n, terms: 'Due on receipt' }),
  invoice('1037', "Amy's Bird Sanctuary", { issue_date: '2026-10-30', due_date: '2026-11-29', total: 459_00n, ...paidBefore(220_00n), balance: 239_00n, terms: 'Net 30' }),
  invoice('1040', 'Cool Cars', { issue_date: '2026-11-02', due_date: '2026-12-02', total: 1875_50n, allocated: 0n, balance: 1875_50n, terms: 'Net 30' }),
];

const payment = (externalId: string, receivedOn: string, amount: bigint, reference: string) => ({
  external_id: externalId,
  received_on: receivedOn,
  amount,
  currency: 'USD',
  allocated: amount,
  source: 'accounting',
  reference,
});


describeEachEngine('import invoices --format quickbooks', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  const totalsKnown = async (orgId: bigint) =>
    (await database.db.selectFrom('invoices').select('total_known').where('org_id', '=', orgId).orderBy('number').execute()).map((i) => i.total_known);

  it('imports the invoices of an Open Invoices report; subtotals, the TOTAL, payments and credit memos are not invoices', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    const report = await importFile(database.db, quickbooksImport(org.id, november));
    expect(report).toMatchObject({
      status: 'completed',
      rows: 13,
      counts: {
        customersCreated: 4,
        customersUpdated: 0,
        contactsCreated: 0,
        contactsUpdated: 0,
        invoicesCreated: 6,
        invoicesUpdated: 0,
        openingPaid: 2,
        paymentsRecorded: 0,
        closedByReport: 0,
        // four "Total for …", the TOTAL, one payment, one credit memo
        skipped: 7,
      },
      problemCount: 0,
    });
    const ledger = await ledgerSnapshot(database, org.id);
    expect(ledger.invoices).toEqual(novemberInvoices);
    expect(ledger.payments).toEqual([]);
    expect(ledger.customers.map((c) => [c.external_id, c.name, c.currency])).toEqual([
      ["Amy's Bird Sanctuary", "Amy's Bird Sanctuary", 'USD'],
      ['Cool Cars', 'Cool Cars', 'USD'],
      ['Freeman Sporting Goods', 'Freeman Sporting Goods', 'USD'],
      ["Jeff's Jalopies", "Jeff's Jalopies", 'USD'],
    ]);
  });

  it('changes nothing when the same report is imported again', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    await importFile(database.db, quickbooksImport(org.id, november));
    const before = await ledgerSnapshot(database, org.id);
    const again = await importFile(database.db, quickbooksImport(org.id, november, { today: '2026-11-24' }));
    expect(again.counts).toEqual({
      customersCreated: 0,
      customersUpdated: 0,
      contactsCreated: 0,
      contactsUpdated: 0,
      invoicesCreated: 0,
      invoicesUpdated: 0,
      openingPaid: 0,
      paymentsRecorded: 0,
      closedByReport: 0,
      skipped: 7,
    });
    expect(await ledgerSnapshot(database, org.id)).toEqual(before);
  });

  it('reads the A/R Aging Detail report to the same ledger, customers from its Customer column', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    const report = await importFile(database.db, quickbooksImport(org.id, aging));
    // five bucket subtotals, the TOTAL, one payment, one credit memo
    expect(report).toMatchObject({ status: 'completed', rows: 14, counts: { customersCreated: 4, invoicesCreated: 6, openingPaid: 2, paymentsRecorded: 0, skipped: 8 } });
    const ledger = await ledgerSnapshot(database, org.id);
    // The aging report has no Terms column.
    expect(ledger.invoices).toEqual(novemberInvoices.map((row) => ({ ...row, terms: null })));
    expect(ledger.payments).toEqual([]);
    // The Open Invoices report of the same day agrees with it: only the terms are new.
    const openInvoices = await importFile(database.db, quickbooksImport(org.id, november));
    expect(openInvoices.counts).toMatchObject({ customersCreated: 0, invoicesCreated: 0, invoicesUpdated: 6, paymentsRecorded: 0, closedByReport: 0 });
    expect((await ledgerSnapshot(database, org.id)).invoices).toEqual(novemberInvoices);
  });

  it('records as paid, on the report date, an invoice a later report no longer lists, and payments made against the others', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    await importFile(database.db, quickbooksImport(org.id, november));
    const at = Temporal.Instant.from('2031-03-10T09:15:00Z'); // far from the real date: the database's clock cannot pass for it
    const report = await importFile(database.db, quickbooksImport(org.id, december, { today: '2026-12-07', at }));
    expect(report.counts).toMatchObject({ invoicesCreated: 1, invoicesUpdated: 0, paymentsRecorded: 1, closedByReport: 1 });
    const timeline = await database.db.selectFrom('activities').select(['summary', 'occurred_at']).where('org_id', '=', org.id).where('kind', '=', 'payment').orderBy('id').execute();
    expect(timeline.map((row) => [row.summary, new Date(row.occurred_at).toISOString()])).toEqual([
      ['Payment recorded in the accounting system: 1015', '2031-03-10T09:15:00.000Z'],
      ['Invoice 1021 is no longer open in the accounting report of 2026-12-07: recorded as paid', '2031-03-10T09:15:00.000Z'],
    ]);
    const ledger = await ledgerSnapshot(database, org.id);
    const changed: Record<string, object> = {
      // Gone from the report of December 7: paid by then.
      '1021': { allocated: 1000_00n, balance: 0n, status: 'paid', paid_on: '2026-12-07' },
      // Open balance 2,694.00 → 1,694.00.
      '1015': { allocated: 1000_00n, balance: 1694_00n },
    };
    expect(ledger.invoices).toEqual([
      ...novemberInvoices.map((row) => ({ ...row, ...changed[row.number] })),
      invoice('1046', "Amy's Bird Sanctuary", { issue_date: '2026-12-01', due_date: '2026-12-31', total: 780_00n, allocated: 0n, balance: 780_00n, terms: 'Net 30' }),
    ]);
    expect(ledger.payments).toEqual([
      payment('quickbooks:1015:paid:100000', '2026-12-07', 1000_00n, 'paid in accounting: 1015'),
      payment('quickbooks:1021:closed:2026-12-07', '2026-12-07', 1000_00n, 'no longer open in the report of 2026-12-07: 1021'),
    ]);
    // And importing the later report again changes nothing.
    const again = await importFile(database.db, quickbooksImport(org.id, december, { today: '2026-12-08' }));
    expect(again.counts).toMatchObject({ invoicesCreated: 0, invoicesUpdated: 0, paymentsRecorded: 0, closedByReport: 0 });
    expect(await ledgerSnapshot(database, org.id)).toEqual(ledger);
  });

  it('imports a report without an Amount column for its open balances, original totals unknown, nothing invented as paid', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    const report = await importFile(database.db, quickbooksImport(org.id, novemberDefault));
    expect(report).toMatchObject({ status: 'completed', problemCount: 0, counts: { invoicesCreated: 6, invoicesTotalUnknown: 6, openingPaid: 0, paymentsRecorded: 0 } });
    const ledger = await ledgerSnapshot(database, org.id);
    // What each invoice was for is unknown: its total is what is open, and nothing is paid on it.
    const openOnly = (row: Record<string, unknown>) => ({ ...row, total: row.balance, allocated: 0n, opening_paid: 0n, opening_paid_on: null });
    expect(ledger.invoices).toEqual(novemberInvoices.map(openOnly));
    expect(ledger.payments).toEqual([]);
    expect(await totalsKnown(org.id)).toEqual([false, false, false, false, false, false]);

    // A later report of the same kind: what fell is paid since (1015), what is gone was paid (1021).
    const later = await importFile(database.db, quickbooksImport(org.id, decemberDefault, { today: '2026-12-07' }));
    expect(later.counts).toMatchObject({ invoicesCreated: 1, invoicesUpdated: 0, paymentsRecorded: 1, closedByReport: 1, invoicesTotalUnknown: 6 });
    const afterLater = await ledgerSnapshot(database, org.id);
    expect(afterLater.invoices.map((i) => [i.number, i.total, i.allocated, i.balance, i.status])).toEqual([
      ['1008', 12480_00n, 0n, 12480_00n, 'open'],
      ['1015', 2694_00n, 1000_00n, 1694_00n, 'open'],
      ['1021', 1000_00n, 1000_00n, 0n, 'paid'],
      ['1030', 1250_00n, 0n, 1250_00n, 'open'],
      ['1037', 239_00n, 0n, 239_00n, 'open'],
      ['1040', 1875_50n, 0n, 1875_50n, 'open'],
      ['1046', 780_00n, 0n, 780_00n, 'open'],
    ]);
    expect(afterLater.payments).toEqual([
      payment('quickbooks:1015:paid:100000', '2026-12-07', 1000_00n, 'paid in accounting: 1015'),
      payment('quickbooks:1021:closed:2026-12-07', '2026-12-07', 1000_00n, 'no longer open in the report of 2026-12-07: 1021'),
    ]);

    // The full report, with Amount, gives the totals: what was paid before Arrears knew an invoice
    // becomes its opening paid amount; no balance moves and no payment is made up.
    const full = await importFile(database.db, quickbooksImport(org.id, december, { today: '2026-12-08' }));
    expect(full.counts).toMatchObject({ paymentsRecorded: 0, closedByReport: 0 });
    expect(full.counts.invoicesTotalUnknown).toBeUndefined();
    const known = await ledgerSnapshot(database, org.id);
    expect(known.invoices.map((i) => [i.number, i.total, i.opening_paid, i.allocated, i.balance])).toEqual([
      ['1008', 12480_00n, 0n, 0n, 12480_00n],
      ['1015', 2694_00n, 0n, 1000_00n, 1694_00n],
      ['1021', 1000_00n, 0n, 1000_00n, 0n],
      ['1030', 3250_00n, 2000_00n, 2000_00n, 1250_00n],
      ['1037', 459_00n, 220_00n, 220_00n, 239_00n],
      ['1040', 1875_50n, 0n, 0n, 1875_50n],
      ['1046', 780_00n, 0n, 0n, 780_00n],
    ]);
    expect(known.payments).toEqual(afterLater.payments);
    // 1021 is no longer in the report: its total stays unknown.
    expect(await totalsKnown(org.id)).toEqual([true, true, false, true, true, true, true]);
  });

  it('rejects a report with problems, listing each with file, line, column, value and what to fix, and writes nothing', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    const report = await importFile(database.db, quickbooksImport(org.id, badRows));
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual([
      { file: badRows, line: 8, column: 'Date', value: '13/11/2026', message: 'is not a real calendar date (read as MM/DD/YYYY); check day and month order' },
      { file: badRows, line: 11, column: 'Currency', value: 'DOL', message: 'is not an ISO 4217 currency code; check the spelling (e.g. USD, EUR, GBP)' },
      { file: badRows, line: 12, column: 'Amount', value: '1.234,50', message: 'is not an amount; write digits with "." for decimals, e.g. 1250.00 or 1,250.00' },
    ]);
    const ledger = await ledgerSnapshot(database, org.id);
    expect([ledger.customers, ledger.invoices, ledger.payments]).toEqual([[], [], []]);
  });

  it('with --partial, imports the good rows, and closes nothing on the strength of a report it could not read whole', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    const partial = await importFile(database.db, quickbooksImport(org.id, badRows, { partial: true }));
    expect(partial).toMatchObject({ status: 'completed', problemCount: 3, counts: { invoicesCreated: 2 } });
    expect((await ledgerSnapshot(database, org.id)).invoices.map((i) => [i.number, i.customer, i.total])).toEqual([
      ['1101', "Amy's Bird Sanctuary", 250_00n],
      ['1105', 'Cool Cars', 1980_00n],
    ]);

    // A later report whose row for 1037 cannot be read: 1037 is missing from what was read, not from the report.
    const other = await makeOrg(database, { currency: 'USD' });
    await importFile(database.db, quickbooksImport(other.org.id, november));
    const text = readFileSync(december, 'utf8').replace(',10/30/2026,Invoice,1037,', ',30/10/2026,Invoice,1037,');
    const report = await importFile(database.db, quickbooksImport(other.org.id, 'december.csv', { source: Readable.from([text]), partial: true, today: '2026-12-07' }));
    expect(report).toMatchObject({ status: 'completed', problemCount: 1, counts: { closedByReport: 0, paymentsRecorded: 1 } });
    const ledger = await ledgerSnapshot(database, other.org.id);
    expect(ledger.invoices.find((i) => i.number === '1037')).toMatchObject({ status: 'open', balance: 239_00n });
    expect(ledger.invoices.find((i) => i.number === '1021')).toMatchObject({ status: 'open', balance: 1000_00n });
  });

  it('says a Xero export given as --format quickbooks looks like Xero, and writes nothing', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    const file = fixture('xero/sales-invoices-2026-11-23.csv');
    const report = await importFile(database.db, quickbooksImport(org.id, file));
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual([
      expect.objectContaining({ file, line: 1, column: null, message: 'the header row has no column for "Open Balance" (as a quickbooks file). This looks like a xero export: use --format xero.' }),
    ]);
    expect((await ledgerSnapshot(database, org.id)).invoices).toEqual([]);
  });
});

describe('arrears import invoices --format quickbooks', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the report (exit 0) and rejects a bad one (exit 3), reporting in JSON', { timeout: 240_000 }, async () => {
    const org = await runCli(['--data', dataDir, 'org', 'create', '--name', 'X', '--currency', 'USD', '--time-zone', 'Europe/London', '--owner-email', 'a@b.co']);
    expect(org.code, org.stderr).toBe(0);
    const env = { ARREARS_NOW: '2026-11-23T12:00:00Z' };
    const ok = await runCli(['--data', dataDir, 'import', 'invoices', november, '--format', 'quickbooks', '--json'], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      kind: 'invoices',
      format: 'quickbooks',
      file: november,
      status: 'completed',
      rows: 13,
      counts: { customersCreated: 4, invoicesCreated: 6, openingPaid: 2, paymentsRecorded: 0, skipped: 7 },
      problemCount: 0,
    });
    const bad = await runCli(['--data', dataDir, 'import', 'invoices', badRows, '--format', 'quickbooks', '--json'], env);
    expect(bad.code).toBe(3);
    const report = JSON.parse(bad.stdout);
    expect(report).toMatchObject({ status: 'rejected', problemCount: 3 });
    expect(report.problems[2]).toEqual({ file: badRows, line: 12, column: 'Amount', value: '1.234,50', message: 'is not an amount; write digits with "." for decimals, e.g. 1250.00 or 1,250.00' });
  });
});
