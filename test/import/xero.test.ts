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
const november = fixture('xero/sales-invoices-2026-11-23.csv');
const december = fixture('xero/sales-invoices-2026-12-01.csv');
const badRows = fixture('xero/bad-rows.csv');
/** As Xero's own export writes it: screen statuses and types, four-decimal amounts, street addresses, credit notes, an overpayment. */
const screenExport = fixture('xero/invoice-export-screen-2026-11-23.csv');

function xeroImport(orgId: bigint, file: string, options: Partial<ImportFileInput> = {}): ImportFileInput {
  const today = options.today ?? '2026-11-23';
  return { orgId, kind: 'invoices', format: 'xero', fileName: file, source: file, today, at: Temporal.Instant.from(`${today}T12:00:00Z`), currency: 'GBP', ...options };
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

/** Credit notes as stored, for comparing with what the export says of them. */
async function creditNotes(database: Database, orgId: bigint) {
  return database.db
    .selectFrom('credit_notes')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'credit_notes.org_id').onRef('customers.id', '=', 'credit_notes.customer_id'))
    .select(['credit_notes.number', 'customers.external_id as customer', 'credit_notes.total', 'credit_notes.allocated', 'credit_notes.opening_applied', 'credit_notes.source'])
    .where('credit_notes.org_id', '=', orgId)
    .orderBy('credit_notes.number')
    .execute();
}

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

  it('imports each invoice once from its lines; drafts and invoices awaiting approval stay out; a credit note is credit', async () => {
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
        creditNotesRead: 1,
        creditNotesCreated: 1,
        creditNotesApplied: 0,
        creditNotesUnallocated: 1,
        overpaymentsRead: 0,
        overpaymentsCreated: 0,
        skipped: 3,
      },
      problems: [],
      problemCount: 0,
    });
    const ledger = await ledgerSnapshot(database, org.id);
    // INV-0101 has three lines and INV-0108 three: the total is the invoice's, not three times it.
    expect(ledger.invoices).toEqual(novemberInvoices);
    // CN-0007's Reference names no invoice: its credit is left on the customer's account.
    expect(await creditNotes(database, org.id)).toEqual([{ number: 'CN-0007', customer: 'Thames Valley Joinery Ltd', total: 102_00n, allocated: 0n, opening_applied: 0n, source: 'xero' }]);
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

  it('imports Xero\'s own export: screen statuses, four-decimal amounts, street addresses, credit notes and an overpayment', async () => {
    const { org } = await makeOrg(database);
    const report = await importFile(database.db, xeroImport(org.id, screenExport));
    expect(report).toMatchObject({
      status: 'completed',
      rows: 13,
      counts: {
        customersCreated: 3,
        contactsCreated: 3,
        invoicesCreated: 6,
        openingPaid: 3,
        paymentsRecorded: 0,
        creditNotesRead: 3,
        creditNotesCreated: 3,
        creditNotesApplied: 1,
        creditNotesUnallocated: 1,
        overpaymentsRead: 1,
        overpaymentsCreated: 1,
        // INV-0304 (Draft) and INV-0305 (Awaiting Approval)
        skipped: 2,
      },
      problems: [],
    });
    const ledger = await ledgerSnapshot(database, org.id);
    const gbp = { currency: 'GBP', source: 'xero' };
    expect(ledger.invoices).toEqual([
      // 1500.6000 is £1,500.60; CN-0031 names it in its Reference and is applied to it.
      invoice('INV-0301', 'GovUK Example Ltd', { ...gbp, issue_date: '2026-10-02', due_date: '2026-11-01', total: 1500_60n, allocated: 120_00n, balance: 1380_60n }),
      invoice('INV-0302', 'Meridian Bakery Ltd', {
        ...gbp,
        issue_date: '2026-09-01',
        due_date: '2026-10-01',
        total: 240_00n,
        allocated: 240_00n,
        balance: 0n,
        status: 'paid',
        paid_on: '2026-11-23',
        ...paidBefore(240_00n),
      }),
      invoice('INV-0303', 'Meridian Bakery Ltd', { ...gbp, issue_date: '2026-10-01', due_date: '2026-10-31', total: 600_00n, allocated: 200_00n, balance: 400_00n, ...paidBefore(200_00n) }),
      invoice('INV-0306', 'Northfield Garage Ltd', { ...gbp, issue_date: '2026-09-05', due_date: '2026-10-05', total: 96_00n, allocated: 0n, balance: 96_00n, status: 'void' }),
      invoice('INV-0307', 'Northfield Garage Ltd', { ...gbp, issue_date: '2026-09-10', due_date: '2026-10-10', total: 48_00n, allocated: 0n, balance: 48_00n, status: 'void' }),
      // Xero had applied CN-0033 to it: its amount due already counts the credit.
      invoice('INV-0308', 'Northfield Garage Ltd', { ...gbp, issue_date: '2026-10-15', due_date: '2026-11-14', total: 330_00n, allocated: 30_00n, balance: 300_00n, ...paidBefore(30_00n) }),
    ]);
    expect(await creditNotes(database, org.id)).toEqual([
      { number: 'CN-0031', customer: 'GovUK Example Ltd', total: 120_00n, allocated: 120_00n, opening_applied: 0n, source: 'xero' },
      // Its Reference names no invoice: the credit stays on Meridian's account.
      { number: 'CN-0032', customer: 'Meridian Bakery Ltd', total: 60_00n, allocated: 0n, opening_applied: 0n, source: 'xero' },
      // Paid in Xero = wholly applied there (to INV-0308, whose amount due shows it): not applied again.
      { number: 'CN-0033', customer: 'Northfield Garage Ltd', total: 30_00n, allocated: 30_00n, opening_applied: 30_00n, source: 'xero' },
    ]);
    // The overpayment is a payment on account, not an invoice.
    expect(ledger.payments).toEqual([
      {
        external_id: 'xero:overpayment:overpayment Meridian Bakery Ltd 03/11/2026 75.0000',
        received_on: '2026-11-03',
        amount: 75_00n,
        currency: 'GBP',
        allocated: 0n,
        source: 'accounting',
        reference: 'overpayment in the accounting system',
      },
    ]);
    expect(ledger.allocations).toEqual([]);
    // On the timeline at the import's instant (the caller's clock), not the database's.
    const timeline = await database.db.selectFrom('activities').select(['kind', 'occurred_at']).where('org_id', '=', org.id).where('actor', '=', 'import').orderBy('id').execute();
    expect(timeline.map((row) => [row.kind, new Date(row.occurred_at).toISOString()])).toEqual([
      ...Array.from({ length: 3 }, () => ['credit_note', '2026-11-23T12:00:00.000Z']),
      ['payment', '2026-11-23T12:00:00.000Z'],
    ]);
    expect(ledger.contacts).toEqual([
      // No postal address: the street (SA) address.
      { customer: 'GovUK Example Ltd', email: 'accounts@govuk-example.co.uk', address_line1: '10 Victoria Street', address_line2: 'Westminster', city: 'London', postal_code: 'SW1H 0NB', country: 'GB' },
      { customer: 'Meridian Bakery Ltd', email: 'ap@meridianbakery.co.uk', address_line1: 'PO Box 88', address_line2: null, city: 'Bristol', postal_code: 'BS1 4DJ', country: 'GB' },
      { customer: 'Northfield Garage Ltd', email: 'office@northfieldgarage.co.uk', address_line1: 'Unit 2', address_line2: 'Northfield Trading Estate', city: 'Birmingham', postal_code: 'B31 2AB', country: 'GB' },
    ]);

    // Imported again, nothing changes: no credit applied twice, no second payment on account.
    const again = await importFile(database.db, xeroImport(org.id, screenExport, { today: '2026-11-24' }));
    expect(again.counts).toMatchObject({ invoicesCreated: 0, invoicesUpdated: 0, paymentsRecorded: 0, creditNotesRead: 3, creditNotesCreated: 0, overpaymentsRead: 1, overpaymentsCreated: 0 });
    expect(await ledgerSnapshot(database, org.id)).toEqual(ledger);
    expect((await creditNotes(database, org.id)).map((n) => n.allocated)).toEqual([120_00n, 0n, 30_00n]);
  });

  it('marks credit that Xero has applied since as applied, so it is not used twice', async () => {
    const { org } = await makeOrg(database);
    await importFile(database.db, xeroImport(org.id, screenExport));
    // Later, in Xero, CN-0032 and the overpayment went to INV-0303: its amount due fell by 60 + 75.
    const later = readFileSync(screenExport, 'utf8')
      .replace('600.0000,100.0000,200.0000,400.0000', '600.0000,100.0000,335.0000,265.0000')
      .replace('60.0000,10.0000,0.0000,60.0000', '60.0000,10.0000,60.0000,0.0000')
      .replace('75.0000,0.0000,0.0000,75.0000', '75.0000,0.0000,75.0000,0.0000');
    const report = await importFile(database.db, { ...xeroImport(org.id, 'later.csv', { today: '2026-12-01' }), source: Readable.from([later]) });
    expect(report).toMatchObject({ status: 'completed', counts: { paymentsRecorded: 1, creditNotesCreated: 0, overpaymentsCreated: 0 } });
    const ledger = await ledgerSnapshot(database, org.id);
    expect(ledger.invoices.find((i) => i.number === 'INV-0303')).toMatchObject({ allocated: 335_00n, balance: 265_00n });
    expect((await creditNotes(database, org.id)).find((n) => n.number === 'CN-0032')).toMatchObject({ total: 60_00n, allocated: 60_00n, opening_applied: 60_00n });
    expect(ledger.payments.find((p) => p.external_id?.startsWith('xero:overpayment:'))).toMatchObject({ amount: 75_00n, allocated: 75_00n });
  });

  it('refuses an amount with more decimals than its currency has, naming file, line and field', async () => {
    const { org } = await makeOrg(database);
    const text = readFileSync(screenExport, 'utf8').replace('600.0000,100.0000,200.0000,400.0000', '600.0000,100.0000,200.0000,400.0050');
    const report = await importFile(database.db, { ...xeroImport(org.id, 'rounding.csv'), source: Readable.from([text]) });
    expect(report.status).toBe('rejected');
    expect(report.problems).toEqual([
      { file: 'rounding.csv', line: 5, column: 'InvoiceAmountDue', value: '400.0050', message: 'has 3 decimals but GBP has 2; round it in the source' },
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
      creditNotesRead: 1,
      creditNotesCreated: 0,
      creditNotesApplied: 0,
      creditNotesUnallocated: 0,
      overpaymentsRead: 0,
      overpaymentsCreated: 0,
      skipped: 3,
    });
    expect(await ledgerSnapshot(database, org.id)).toEqual(before);
    expect(await creditNotes(database, org.id)).toEqual([{ number: 'CN-0007', customer: 'Thames Valley Joinery Ltd', total: 102_00n, allocated: 0n, opening_applied: 0n, source: 'xero' }]);
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
      counts: { invoicesCreated: 8, openingPaid: 3, paymentsRecorded: 0, creditNotesRead: 1, overpaymentsRead: 0, skipped: 3 },
      problemCount: 0,
    });
    const bad = await runCli(['--data', dataDir, 'import', 'invoices', badRows, '--format', 'xero', '--json'], env);
    expect(bad.code).toBe(3);
    const report = JSON.parse(bad.stdout);
    expect(report).toMatchObject({ status: 'rejected', problemCount: 4 });
    expect(report.problems[0]).toEqual({ file: badRows, line: 3, column: '*InvoiceDate', value: '11/31/2026', message: 'is not a real calendar date (read as DD/MM/YYYY); check day and month order' });
  });
});
