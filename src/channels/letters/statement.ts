// A statement of account: the account's invoices as a ledger, one currency at a time — each
// invoice as a debit, the fees and interest charged on it as a debit, the payments and credits
// applied to it as a credit — with the running balance, and the balance due per currency. The
// model gives per-invoice sums, not dated entries, so charges and payments carry no date of their
// own; they sit under the invoice they belong to.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { MessageInvoice, MessageModel } from '../../domain/messages/message-model.ts';
import { formatDate, formatShortDate } from '../../domain/templates/format.ts';
import { ledgerLayout } from './invoice-table.ts';
import { letterAmount } from './letter-format.ts';
import { muted } from './letter-frame.ts';
import { printable } from './printable-text.ts';

/** Who the statement is for and its date, then a ledger table per currency. */
export function statementOfAccount(model: MessageModel): Content[] {
  const { language } = model;
  const facts: TableCell[][] = [
    [{ text: 'Account', color: muted }, printable(model.customer.name)],
    [{ text: 'Account reference', color: muted }, printable(model.customer.externalId)],
    [{ text: 'Statement date', color: muted }, formatDate(language, model.date)],
  ];
  const currencies = model.totals.map((total) => total.currency);
  return [
    { table: { widths: ['auto', '*'], body: facts }, layout: 'noBorders', margin: [0, 0, 0, 8] },
    ...currencies.flatMap((currency) => [
      ...(currencies.length > 1 ? [{ text: `Amounts in ${currency}`, style: 'heading' } satisfies Content] : []),
      ledger(model, currency),
    ]),
  ];
}

function ledger(model: MessageModel, currency: string): Content {
  const { language } = model;
  const money = (amount: bigint) => letterAmount(language, amount, currency);
  const amountCell = (amount: bigint | null, bold = false): TableCell => ({ text: amount === null ? '' : money(amount), alignment: 'right', noWrap: true, bold });
  const header: TableCell[] = [
    { text: 'Date', style: 'tableHeader' },
    { text: 'Details', style: 'tableHeader' },
    { text: 'Due', style: 'tableHeader' },
    ...['Debit', 'Credit', 'Balance'].map((text): TableCell => ({ text, style: 'tableHeader', alignment: 'right' })),
  ];
  const rows: TableCell[][] = [];
  let running = 0n;
  const entry = (date: string, details: string, due: string, debit: bigint | null, credit: bigint | null) => {
    running += (debit ?? 0n) - (credit ?? 0n);
    rows.push([{ text: date, noWrap: true }, details, { text: due, noWrap: true }, amountCell(debit), amountCell(credit), amountCell(running)]);
  };
  for (const invoice of model.invoices.filter((each) => each.currency === currency)) {
    entry(formatShortDate(language, invoice.issueDate), `Invoice ${printable(invoice.number)}`, formatShortDate(language, invoice.dueDate), invoice.total, null);
    if (invoice.charges !== 0n) entry('', chargesText(invoice), '', invoice.charges, null);
    if (invoice.paid !== 0n) entry('', `Payments and credits on ${printable(invoice.number)}`, '', null, invoice.paid);
  }
  // The balance due is the model's total (the ledger's sum), which the running balance reaches.
  const total = model.totals.find((each) => each.currency === currency);
  const balanceDue: TableCell[] = [{ text: `Balance due on ${formatDate(language, model.date)}`, bold: true, colSpan: 5 }, '', '', '', '', amountCell(total?.balance ?? running, true)];
  return {
    style: 'table',
    margin: [0, 4, 0, 8],
    table: { headerRows: 1, dontBreakRows: true, widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto'], body: [header, ...rows, balanceDue] },
    layout: ledgerLayout(1),
  };
}

function chargesText(invoice: MessageInvoice): string {
  return `${invoice.charges < 0n ? 'Charges reversed' : 'Fees and interest'} on ${printable(invoice.number)}`;
}
