// The shapes an import passes along: raw CSV records, the normalised records a format reader
// makes of them, the problems it finds, and the report the user gets.
import type { IsoDate } from '../../domain/calendar.ts';
import type { ImportKind } from '../../domain/import-kinds.ts';

/** The layouts a file may have: ours, and the accounting systems' exports we read. */
export const importFormats = ['generic', 'xero', 'quickbooks'] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

/** One thing wrong with the input, precise enough to find and fix it in the file. */
export interface ImportProblem {
  file: string;
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

export type RowProblem = Omit<ImportProblem, 'file'>;

/** What an import knows about a customer; undefined = the file does not say (keep what we have). */
export interface CustomerFields {
  externalId: string;
  /** Undefined keeps the stored name; a new customer without one is named by its externalId. */
  name?: string;
  kind?: 'business' | 'consumer';
  email?: string;
  phone?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  timeZone?: string;
  language?: string;
  currency?: string;
  customerSince?: IsoDate;
  tags?: string[];
  creditLimit?: bigint;
}

/**
 * What an invoice-file row is. Xero's invoice export also lists sales credit notes and
 * overpayments: credit the customer holds, imported as a credit note or a payment on account.
 */
export type InvoiceDocument = 'invoice' | 'credit_note' | 'overpayment';

export interface InvoiceRecord {
  line: number;
  /** Default 'invoice'. */
  document?: InvoiceDocument;
  customer: CustomerFields;
  number: string;
  externalId: string | null;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  /** The invoice total; with totalKnown false, what is open on it (the original total is unknown). */
  total: bigint;
  /** Default true; false when the file gives only the open balance (nothing is then known to be paid). */
  totalKnown?: boolean;
  /**
   * How much the accounting system says has been paid (or credited) against it; on a credit note
   * or overpayment, how much of it the accounting system has applied to invoices.
   */
  paid: bigint;
  paidOn: IsoDate | null;
  terms: string | null;
  status: 'open' | 'paid' | 'void' | 'written_off';
  /** On a credit note: the invoice it is for, when the file names one. */
  appliesTo?: string | null;
}

export interface CustomerRecord {
  line: number;
  customer: CustomerFields;
}

export interface PaymentRecord {
  line: number;
  customer: { externalId: string; name: string } | null;
  externalId: string;
  receivedOn: IsoDate;
  amount: bigint;
  currency: string;
  invoiceNumber: string | null;
  method: string | null;
  reference: string | null;
}

export interface RecordsByKind {
  customers: CustomerRecord;
  invoices: InvoiceRecord;
  payments: PaymentRecord;
}

/** What a format reader emits while it reads. */
export type ReaderEvent<T> =
  /** `rows`: how many data rows of the file it was made of (default 1; a Xero invoice has one per line item). */
  | { type: 'record'; record: T; rows?: number }
  | { type: 'problem'; problem: RowProblem }
  /** A row that is fine but not for us (a draft, a subtotal, a bill): counted, not imported. */
  | { type: 'skipped'; line: number; reason: string; rows?: number }
  /** The file is a report of all open invoices as of this date: invoices it no longer lists are paid. */
  | { type: 'open-report'; asOf: IsoDate }
  /** The file cannot be read at all (wrong format, no header): stop here. */
  | { type: 'fatal'; problem: RowProblem };

export interface ReaderContext {
  fileName: string;
  /** From --date-format; undefined means the format's own default. */
  dateFormat: string | undefined;
  /** The organisation's default currency, for files that have no currency column. */
  currency: string;
  today: IsoDate;
}

export type FormatReader<T> = (records: AsyncIterable<CsvRecord>, context: ReaderContext) => AsyncIterable<ReaderEvent<T>>;

export interface ImportReport {
  importId: string | null;
  kind: ImportKind;
  format: ImportFormat;
  file: string;
  status: 'completed' | 'rejected' | 'dry_run';
  /** Data rows read (not counting headers, titles and blank lines). */
  rows: number;
  counts: Record<string, number>;
  /** The first problems found (at most maxReportedProblems); problemCount has them all. */
  problems: ImportProblem[];
  problemCount: number;
}

export const maxReportedProblems = 1000;
