// The invoices a letter is about, with what was charged and paid on each and what is still owed,
// and a total row per currency. The total rows print the model's totals (the ledger's sums), not
// sums made here, so a letter can never show a total the ledger does not.
import { fixedWording } from '../../domain/templates/fixed-wording.ts';
import type { Content, CustomTableLayout, TableCell } from 'pdfmake/interfaces.js';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { formatShortDate } from '../../domain/templates/format.ts';
import { underReviewSentences } from '../../domain/templates/invoice-table.ts';
import { letterAmount } from './letter-format.ts';
import { ruleColour } from './letter-frame.ts';
import { printable } from './printable-text.ts';

/** Thin rules between rows, a firmer one under the header and above the totals; no vertical lines. */
export function ledgerLayout(totalRows: number): CustomTableLayout {
  return {
    hLineWidth: (index, node) => {
      const rows = node.table.body.length;
      if (index === 1 || index === rows - totalRows) return 0.8;
      if (index === 0 || index === rows) return 0;
      return 0.3;
    },
    vLineWidth: () => 0,
    hLineColor: (index, node) => (index === 1 || index === node.table.body.length - totalRows ? '#333333' : ruleColour),
    paddingLeft: (index) => (index === 0 ? 0 : 4),
    paddingRight: (index, node) => (index === (node.table.widths?.length ?? 0) - 1 ? 0 : 4),
    paddingTop: () => 3,
    paddingBottom: () => 3,
  };
}

const right = (text: string, bold = false): TableCell => ({ text, alignment: 'right', noWrap: true, bold });

/** Number, issue date, due date, days overdue, amount, charges, paid, balance; totals per currency; then why a partly disputed invoice asks for less. */
export function invoiceTable(model: MessageModel): Content {
  const { language } = model;
  const money = (amount: bigint, currency: string) => letterAmount(language, amount, currency);
  const wording = fixedWording[language];
  const [invoiceHeader, issuedHeader, dueHeader, overdueHeader, balanceHeader] = wording.tableHeaders;
  const header: TableCell[] = [
    { text: invoiceHeader, style: 'tableHeader' },
    { text: issuedHeader, style: 'tableHeader' },
    { text: dueHeader, style: 'tableHeader' },
    // on two lines, so the narrow column of numbers below it stays narrow
    { text: overdueHeader.replace(' ', '\n'), style: 'tableHeader', alignment: 'right' },
    ...[...wording.letterAmountHeaders, balanceHeader].map((text): TableCell => ({ text, style: 'tableHeader', alignment: 'right' })),
  ];
  const rows = model.invoices.map((invoice): TableCell[] => [
    { text: printable(invoice.number) },
    { text: formatShortDate(language, invoice.issueDate), noWrap: true },
    { text: formatShortDate(language, invoice.dueDate), noWrap: true },
    right(invoice.daysOverdue < 0 ? wording.notYetDue : String(invoice.daysOverdue)),
    right(money(invoice.total, invoice.currency)),
    right(money(invoice.charges, invoice.currency)),
    right(money(invoice.paid, invoice.currency)),
    right(money(invoice.balance, invoice.currency)),
  ]);
  const multipleCurrencies = model.totals.length > 1;
  const totals = model.totals.map((total): TableCell[] => [
    { text: wording.total(multipleCurrencies ? total.currency : null), bold: true, colSpan: 4 },
    '',
    '',
    '',
    right(money(total.total, total.currency), true),
    right(money(total.charges, total.currency), true),
    right(money(total.paid, total.currency), true),
    right(money(total.balance, total.currency), true),
  ]);
  const table: Content = {
    style: 'table',
    margin: [0, 4, 0, 8],
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
      body: [header, ...rows, ...totals],
    },
    layout: ledgerLayout(totals.length),
  };
  const underReview = underReviewSentences(model, money).map((sentence): Content => ({ text: printable(sentence), margin: [0, 0, 0, 4] }));
  return underReview.length === 0 ? table : { stack: [table, ...underReview] };
}
