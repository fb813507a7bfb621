import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportFileInput } from '../../src/app/import-file.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';
import { ledgerSnapshot } from '../support/ledger-snapshot.ts';
import { runCli, tempDataDir } from '../support/cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const november = fixture('xero/sales-invoices-2026-11-23.csv');
const december = fixture('xero/sales-invoices-2026-12-01.csv');
const badRows = fixture('xero/bad-rows.csv');

function xeroImport(orgId: bigint, file: string, options: Partial<ImportFileInput> = {}): ImportFileInput {
  return { orgId, kind: 'invoices', format: 'xero', fileName: file, source: file, today: '2026-11-23', currency: 'GBP', ...options };
}

const invoice = (number: string, customer: string, values: Record<string, unknown>) => ({
  number,
  customer,
  terms: null,
  source: 'xero',
  paid_on: null,
  status: 'open',
  opening_paid: 0n,
  opening_paid_on: null,
  ...values,
});

/** Paid in Xero before the first import (the export gives no date: the import day). */
const paidBefore = (amount: bigint) => ({ opening_paid: amount, opening_paid_on: '2026-11-23' });

/** The ledger after importing the November export on 2026-11-23. */
const novemberInvoices = [
  invoice('INV-0101', 'Harbour Bridge Cafe Pty Ltd', { issue_date: '2026-10-05', due_date: '2026-11-04', currency: 'AUD', total: 583_00n, allocated: 0n, balance: 583_00n }),
  invoice('INV-0102', 'Kiwi Outdoor Supplies Ltd', { issue_date: '2026-10-12', due_date: '2026-11-20', currency: 'NZD', total: 655_50n, allocated: 300_00n, balance: 355_50n, ...paidBefore(300_00n) }),
  invoice('INV-0103', 'Thames Valley Joinery Ltd', {
    issue_date: '2026-09-01',
    due_date: '2026-10-01',
    currency: 'GBP',
    total: 5040_00n,
    allocated: 5040_00n,
    balance: 0n,
    status: 'paid',
    paid_on: '2026-11-23',
    ...paidBefore(5040_00n),
  }),
  invoice('INV-0104', 'Thames Valley Joinery Ltd', { issue_date: '2026-11-02', due_date: '2026-12-02', currency: 'GBP', total: 1982_40n, allocated: 0n, balance: 1982_40n }),
  invoice('INV-0105', 'Brooklyn Print Co', { issue_date: '2026-09-15', due_date: '2026-10-15', currency: 'USD', total: 340_00n, allocated: 0n, balance: 340_00n, status: 'void' }),
  invoice('INV-0108', 'Kiwi Outdoor Supplies Ltd', { issue_date: '2026-08-15', due_date: '2026-09-14', currency: 'NZD', total: 856_75n, allocated: 0n, balance: 856_75n }),
  invoice('INV-0109', 'Pennine Veterinary Practice', { issue_date: '2026-09-28', due_date: '2026-10-28', currency: 'GBP', total: 1561_68n, allocated: 500_00n, balance: 1061_68n, ...paidBefore(500_00n) }),
  invoice('INV-0110', 'Brooklyn Print Co', { issue_date: '2026-11-01', due_date: '2026-12-01', currency: 'USD', total: 1180_00n, allocated: 0n, balance: 1180_00n }),
];

const payment = (number: string, paid: bigint, amount: bigint, currency: string, receivedOn: string) => ({
  external_id: `xero:${number}:paid:${paid}`,
  received_on: receivedOn,
  amount,
  currency,
  allocated: amount,
  source: 'accounting',
  reference: `paid in accounting: ${number}`,
});


describeEachEngine('import invoices --format xero', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('imports each invoice once from its lines; drafts, invoices awaiting approval and credit notes stay out', async () => {
    const { org } = await makeOrg(database);
    const report = await importFile(database.db, xeroImport(org.id, november));
    expect(report).toMatchObject({
      status: 'completed',
      format: 'xero',
      rows: 19,
      counts: {
        customersCreated: 5,
        customersUpdated: 0,
        contactsCreated: 5,
        contactsUpdated: 0,
        invoicesCreated: 8,
        invoicesUpdated: 0,
        openingPaid: 3,
        paymentsRecorded: 0,
        closedByReport: 0,
        skipped: 4,
      },
      problems: [],
      problemCount: 0,
    });
    const ledger = await ledgerSnapshot(database, org.id);
    // INV-0101 has three lines and INV-0108 three: the total is the invoice's, not three times it.
    expect(ledger.invoices).toEqual(novemberInvoices);
    // What Xero had collected before Arrears knew the invoices is their opening paid amount, not payments.
    expect(ledger.payments).toEqual([]);
    expect(ledger.allocations).toEqual([]);
    expect(ledger.customers.map((c) => [c.external_id, c.currency])).toEqual([
      ['Brooklyn Print Co', 'USD'],
      ['Harbour Bridge Cafe Pty Ltd', 'AUD'],
      ['Kiwi Outdoor Supplies Ltd', 'NZD'],
      ['Pennine Veterinary Practice', 'GBP'],
      ['Thames Valley Joinery Ltd', 'GBP'],
    ]);
    expect(ledger.contacts).toEqual([
      // No postal address in Xero: the street address.
      { customer: 'Brooklyn Print Co', email: 'billing@brooklynprint.com', address_line1: '210 Kent Avenue', address_line2: 'Suite 3B', city: 'Brooklyn', postal_code: '11249', country: 'US' },
      { customer: 'Harbour Bridge Cafe Pty Ltd', email: 'accounts@harbourbridgecafe.com.au', address_line1: 'PO Box 412', address_line2: null, city: 'Sydney', postal_code: '2001', country: 'AU' },
      { customer: 'Kiwi Outdoor Supplies Ltd', email: 'ap@kiwioutdoor.co.nz', address_line1: 'Level 2', address_line2: '45 Queen Street', city: 'Auckland', postal_code: '1010', country: 'NZ' },
      { customer: 'Pennine Veterinary Practice', email: 'accounts@penninevets.co.uk', address_line1: '14 Market Street', address_line2: null, city: 'Hebden Bridge', postal_code: 'HX7 6AA', country: 'GB' },
      {
        customer: 'Thames Valley Joinery Ltd',
        email: 'finance@tvjoinery.co.uk',
        address_line1: 'Unit 7, Kennet Business Park',
        address_line2: 'Bath Road',
        city: 'Reading',
        postal_code: 'RG30 2HF',
        country: 'GB',
      },
    ]);
  });

  it('changes nothing when the same export is imported again', async () => {
    const { org } = await makeOrg(database);
    await importFile(database.db, xeroImport(org.id, november));
    const before = await ledgerSnapshot(database, org.id);
    const again = await importFile(database.db, xeroImport(org.id, november, { today: '2026-11-24' }));
    expect(again.status).toBe('completed');
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
      skipped: 4,
    });
    expect(await ledgerSnapshot(database, org.id)).toEqual(before);
  });

  it('takes the balances of a newer export, recording what was paid since as payments', async () => {
    const { org } = await makeOrg(database);
    await importFile(database.db, xeroImport(org.id, november));
    const report = await importFile(database.db, xeroImport(org.id, december, { today: '2026-12-01' }));
    expect(report.counts).toMatchObject({ invoicesCreated: 2, invoicesUpdated: 0, paymentsRecorded: 3, customersCreated: 0 });
    const ledger = await ledgerSnapshot(database, org.id);
    const changed = {
      'INV-0101': { allocated: 583_00n, balance: 0n, status: 'paid', paid_on: '2026-12-01' },
      'INV-0102': { allocated: 655_50n, balance: 0n, status: 'paid', paid_on: '2026-12-01' },
      'INV-0104': { allocated: 1000_00n, balance: 982_40n },
    } as Record<string, object>;
    expect(ledger.invoices).toEqual(
      [
        ...novemberInvoices.map((row) => ({ ...row, ...changed[row.number] })),
        // The draft and the invoice awaiting approval have been approved since.
        invoice('INV-0106', 'Brooklyn Print Co', { issue_date: '2026-11-20', due_date: '2026-12-20', currency: 'USD', total: 525_00n, allocated: 0n, balance: 525_00n }),
        invoice('INV-0107', 'Harbour Bridge Cafe Pty Ltd', { issue_date: '2026-11-18', due_date: '2026-12-18', currency: 'AUD', total: 715_00n, allocated: 0n, balance: 715_00n }),
      ].sort((a, b) => a.number.localeCompare(b.number)),
    );
    expect(ledger.payments).toEqual(
      [
        payment('INV-0101', 583_00n, 583_00n, 'AUD', '2026-12-01'),
        // Paid 300.00 by November, 655.50 by December: the difference is the new payment.
        payment('INV-0102', 655_50n, 355_50n, 'NZD', '2026-12-01'),
        payment('INV-0104', 1000_00n, 1000_00n, 'GBP', '2026-12-01'),
      ].sort((a, b) => a.external_id.localeCompare(b.external_id)),
    );
  });

  it('rejects a file with problems, listing each with file, line, column, value and what to fix, and writes nothing', async () => {
    const { org } = await makeOrg(database);
    const report = await importFile(database.db, xeroImport(org.id, badRows));
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual([
      { file: badRows, line: 3, column: '*InvoiceDate', value: '11/31/2026', message: 'is not a real calendar date (read as DD/MM/YYYY); check day and month order' },
      { file: badRows, line: 4, column: 'Currency', value: 'NZL', message: 'is not an ISO 4217 currency code; check the spelling (e.g. USD, EUR, GBP)' },
      { file: badRows, line: 5, column: 'Total', value: '1,2O0.00', message: 'is not an amount; write digits with "." for decimals, e.g. 1250.00 or 1,250.00' },
      {
        file: badRows,
        line: 7,
        column: '*InvoiceDate',
        value: '07/11/2026',
        message:
          'differs from line 6 ("06/11/2026"), where invoice INV-0205 starts; every line of an invoice must carry the same InvoiceDate — correct the export, or give the lines their own invoice numbers',
      },
    ]);
    expect(report.problemCount).toBe(4);
    const ledger = await ledgerSnapshot(database, org.id);
    expect([ledger.customers, ledger.invoices, ledger.payments]).toEqual([[], [], []]);
  });

  it('with --partial, imports the good invoices and leaves out the bad ones (all lines of a bad invoice)', async () => {
    const { org } = await makeOrg(database);
    const report = await importFile(database.db, xeroImport(org.id, badRows, { partial: true }));
    expect(report).toMatchObject({ status: 'completed', problemCount: 4, counts: { invoicesCreated: 2 } });
    const ledger = await ledgerSnapshot(database, org.id);
    expect(ledger.invoices.map((i) => [i.number, i.currency, i.total])).toEqual([
      ['INV-0201', 'GBP', 144_00n],
      ['INV-0206', 'USD', 250_00n],
    ]);
  });

  it('says a QuickBooks report given as --format xero looks like QuickBooks, and writes nothing', async () => {
    const { org } = await makeOrg(database);
    const file = fixture('quickbooks/open-invoices-2026-11-23.csv');
    const report = await importFile(database.db, xeroImport(org.id, file, { partial: true }));
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual([
      {
        file,
        line: 1,
        column: null,
        value: 'Greenleaf Landscaping LLC',
        message: expect.stringMatching(/^the header row has no column for "ContactName", .* This looks like a quickbooks export: use --format quickbooks\.$/),
      },
    ]);
    expect((await ledgerSnapshot(database, org.id)).invoices).toEqual([]);
  });
});

describe('arrears import invoices --format xero', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the export (exit 0) and rejects a bad file (exit 3), reporting in JSON', { timeout: 240_000 }, async () => {
    const org = await runCli(['--data', dataDir, 'org', 'create', '--name', 'X', '--currency', 'GBP', '--time-zone', 'Europe/London', '--owner-email', 'a@b.co']);
    expect(org.code, org.stderr).toBe(0);
    const env = { ARREARS_NOW: '2026-11-23T12:00:00Z' };
    const ok = await runCli(['--data', dataDir, 'import', 'invoices', november, '--format', 'xero', '--json'], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      kind: 'invoices',
      format: 'xero',
      file: november,
      status: 'completed',
      rows: 19,
      counts: { invoicesCreated: 8, openingPaid: 3, paymentsRecorded: 0, skipped: 4 },
      problemCount: 0,
    });
    const bad = await runCli(['--data', dataDir, 'import', 'invoices', badRows, '--format', 'xero', '--json'], env);
    expect(bad.code).toBe(3);
    const report = JSON.parse(bad.stdout);
    expect(report).toMatchObject({ status: 'rejected', problemCount: 4 });
    expect(report.problems[0]).toEqual({ file: badRows, line: 3, column: '*InvoiceDate', value: '11/31/2026', message: 'is not a real calendar date (read as DD/MM/YYYY); check day and month order' });
  });
});
