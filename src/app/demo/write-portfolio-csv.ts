// Writes a generated portfolio as files in the generic import format — the same files a user
// would export from their accounting system: customers.csv, invoices.csv (with Amount Paid,
// Balance and Status as the accounting system sees them) and payments.csv (payments received
// through Arrears that the accounting system does not know of yet). Streams to disk.
import { join } from 'node:path';
import { toDecimalString } from '../../domain/money.ts';
import { CsvFileWriter } from './csv-file.ts';
import type { DemoCustomer, DemoInvoice, Portfolio } from './portfolio-generator.ts';

export interface PortfolioFiles {
  customers: string;
  invoices: string;
  payments: string;
  counts: { customers: number; invoices: number; payments: number };
}

const customerHeader = ['Customer ID', 'Name', 'Kind', 'Email', 'Phone', 'Address Line 1', 'Address Line 2', 'City', 'Region', 'Postal Code', 'Country', 'Time Zone', 'Language', 'Currency', 'Customer Since', 'Tags', 'Credit Limit'];
const invoiceHeader = ['Invoice Number', 'Customer ID', 'Customer', 'Invoice Date', 'Due Date', 'Currency', 'Total', 'Amount Paid', 'Balance', 'Paid Date', 'Status', 'Terms'];
const paymentHeader = ['Payment ID', 'Customer ID', 'Payment Date', 'Amount', 'Currency', 'Invoice Number', 'Method', 'Reference'];

const statusLabel = { draft: 'Draft', void: 'Void', open: 'Open', paid: 'Paid' } as const;

function customerRow(c: DemoCustomer): string[] {
  return [
    c.externalId,
    c.name,
    c.kind,
    c.email ?? '',
    c.phone ?? '',
    c.addressLine1,
    c.addressLine2 ?? '',
    c.city,
    c.region ?? '',
    c.postalCode,
    c.country,
    c.timeZone,
    c.language,
    c.currency,
    c.customerSince,
    c.tags.join(';'),
    c.creditLimit === null ? '' : toDecimalString(c.creditLimit, c.currency),
  ];
}

function invoiceRow(i: DemoInvoice): string[] {
  return [
    i.number,
    i.customerExternalId,
    i.customerName,
    i.issueDate,
    i.dueDate,
    i.currency,
    toDecimalString(i.total, i.currency),
    toDecimalString(i.accountingPaid, i.currency),
    toDecimalString(i.total - i.accountingPaid, i.currency),
    // the day of the last payment the accounting system knows of: the importer dates its payment so
    i.accountingPaidOn ?? '',
    statusLabel[i.accountingStatus],
    i.terms,
  ];
}

/** Writes the three files into `dir` (which must exist); returns their paths and row counts. */
export async function writePortfolioCsv(portfolio: Portfolio, dir: string): Promise<PortfolioFiles> {
  const files = { customers: join(dir, 'customers.csv'), invoices: join(dir, 'invoices.csv'), payments: join(dir, 'payments.csv') };
  const customers = new CsvFileWriter(files.customers, customerHeader);
  const invoices = new CsvFileWriter(files.invoices, invoiceHeader);
  const payments = new CsvFileWriter(files.payments, paymentHeader);
  const all = [customers, invoices, payments];
  try {
    for (const customer of portfolio.customers()) await customers.row(customerRow(customer));
    // one pass over the invoices feeds both invoices.csv and payments.csv
    for (const invoice of portfolio.invoices()) {
      await invoices.row(invoiceRow(invoice));
      for (const p of invoice.payments) {
        if (p.via !== 'arrears') continue;
        await payments.row([p.externalId, p.customerExternalId, p.receivedOn, toDecimalString(p.amount, p.currency), p.currency, p.invoiceNumber ?? '', p.method, p.reference]);
      }
    }
    for (const writer of all) await writer.close();
  } catch (error) {
    for (const writer of all) writer.destroy();
    throw error;
  }
  return { ...files, counts: { customers: customers.rows, invoices: invoices.rows, payments: payments.rows } };
}
