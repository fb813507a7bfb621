// What goes into the file handed to a collection agency, as text: the placement CSV (one row per
// account: who the debtor is, how to reach them, what they owe per invoice, the last payment,
// the dispute history and the flags an agency must respect), each account's timeline, and the
// manifest of every file with its SHA-256 in the form `sha256sum -c` checks. Pure: facts in, text
// out; the caller adds the PDFs and the copies of the messages, and zips it.
import { toDecimalString } from '../money.ts';
import { spreadsheetLine } from '../spreadsheet-csv.ts';

export interface PlacedContact {
  name: string | null;
  role: string;
  email: string | null;
  phone: string | null;
  address: readonly string[];
}

export interface PlacedInvoice {
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  total: bigint;
  balance: bigint;
}

export interface PlacedDispute {
  invoiceNumber: string;
  openedOn: string;
  status: string;
  reason: string;
  amount: bigint | null;
  currency: string;
  resolvedOn: string | null;
  outcome: string | null;
}

export interface PlacedAccount {
  externalId: string;
  name: string;
  kind: string;
  contacts: readonly PlacedContact[];
  invoices: readonly PlacedInvoice[];
  lastPayment: { receivedOn: string; amount: bigint; currency: string } | null;
  disputes: readonly PlacedDispute[];
  flags: { ceaseRequestedOn: string | null; attorneyRepresented: boolean; bankruptcy: boolean; breathingSpaceUntil: string | null };
}

export interface TimelineLine {
  occurredAt: string;
  kind: string;
  actor: string;
  summary: string;
}

const columns = [
  'account_ref', 'debtor_name', 'debtor_kind', 'contact_names', 'addresses', 'emails', 'phones', 'currency', 'balance',
  'invoices', 'oldest_due_date', 'last_payment_date', 'last_payment_amount', 'disputes', 'flags',
] as const;

/** The placement CSV: a header, then one row per account in the order given. Amounts are decimals of the row's currency. */
export function placementCsv(accounts: readonly PlacedAccount[]): string {
  return spreadsheetLine(columns) + accounts.flatMap(accountRows).join('');
}

/** One row per currency the account owes in (nearly always one), so a balance never mixes currencies. */
function accountRows(account: PlacedAccount): string[] {
  const currencies = [...new Set(account.invoices.map((invoice) => invoice.currency))];
  const joined = (values: ReadonlyArray<string | null>) => [...new Set(values.filter((value): value is string => value !== null && value !== ''))].join('; ');
  return currencies.map((currency) => {
    const invoices = account.invoices.filter((invoice) => invoice.currency === currency);
    const balance = invoices.reduce((sum, invoice) => sum + invoice.balance, 0n);
    const payment = account.lastPayment;
    return spreadsheetLine([
      account.externalId,
      account.name,
      account.kind,
      joined(account.contacts.map((contact) => contact.name)),
      joined(account.contacts.map((contact) => contact.address.join(', '))),
      joined(account.contacts.map((contact) => contact.email)),
      joined(account.contacts.map((contact) => contact.phone)),
      currency,
      toDecimalString(balance, currency),
      invoices.map((i) => `${i.number} issued ${i.issueDate} due ${i.dueDate}: ${toDecimalString(i.balance, currency)} of ${toDecimalString(i.total, currency)}`).join('; '),
      invoices.map((invoice) => invoice.dueDate).sort()[0] ?? '',
      payment?.receivedOn ?? '',
      payment ? `${toDecimalString(payment.amount, payment.currency)} ${payment.currency}` : '',
      account.disputes.map(disputeText).join('; '),
      flagsText(account.flags).join('; '),
    ]);
  });
}

function disputeText(dispute: PlacedDispute): string {
  const amount = dispute.amount === null ? 'the whole invoice' : `${toDecimalString(dispute.amount, dispute.currency)} ${dispute.currency}`;
  const end = dispute.status === 'open' ? 'open' : `resolved ${dispute.resolvedOn ?? ''}${dispute.outcome ? ` (${dispute.outcome.replace('_', ' ')})` : ''}`;
  return `${dispute.invoiceNumber} ${dispute.openedOn} ${dispute.reason}, ${amount}: ${end}`;
}

/** The flags an agency must act on, each in words (none: an empty list). */
export function flagsText(flags: PlacedAccount['flags']): string[] {
  return [
    ...(flags.ceaseRequestedOn ? [`cease communication requested ${flags.ceaseRequestedOn}`] : []),
    ...(flags.attorneyRepresented ? ['represented by an attorney: contact the attorney only'] : []),
    ...(flags.bankruptcy ? ['bankruptcy'] : []),
    ...(flags.breathingSpaceUntil ? [`breathing space until ${flags.breathingSpaceUntil}`] : []),
  ];
}

/** An account's timeline, oldest first, one entry a line: `instant  kind  actor  summary`. */
export function timelineText(account: Pick<PlacedAccount, 'externalId' | 'name'>, lines: readonly TimelineLine[]): string {
  const header = `Timeline of ${account.name} (${account.externalId}), oldest first: when (UTC), what, who, summary\n\n`;
  return header + lines.map((line) => `${line.occurredAt}\t${line.kind}\t${line.actor}\t${line.summary.replace(/\s+/g, ' ')}\n`).join('');
}

/** The manifest: `<sha256>  <path>` per file, as `sha256sum -c manifest.sha256` checks it. */
export function manifestText(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  return files.map((file) => `${file.sha256}  ${file.path}\n`).join('');
}

/** A name safe as one path segment inside the archive (an account reference may hold / or spaces). */
export function pathSegment(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return safe === '' ? '_' : safe.slice(0, 80);
}
