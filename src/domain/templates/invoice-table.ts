// The invoice table of an email ({{> invoice_table}}): aligned columns in the text part, a real
// table in the HTML part. Both are built from the view, so they show the same formatted amounts.
// Under it, a sentence for each invoice part of which is under review: the table asks only for
// the undisputed part, so every message that lists invoices says why, in its own language.
import type { MessageModel } from '../messages/message-model.ts';
import { fixedWording } from './fixed-wording.ts';
import { formatAmount, formatShortDate } from './format.ts';
/** Columns whose cells are right-aligned: numbers and amounts. */
const rightAligned = new Set([3, 4]);

interface TableRows {
  headers: string[];
  invoices: string[][];
  totals: string[][];
}

function rows(model: MessageModel): TableRows {
  const wording = fixedWording[model.language];
  const multipleCurrencies = model.totals.length > 1;
  return {
    headers: [...wording.tableHeaders],
    invoices: model.invoices.map((invoice) => [
      invoice.number,
      formatShortDate(model, invoice.issueDate),
      formatShortDate(model, invoice.dueDate),
      invoice.daysOverdue < 0 ? wording.notYetDue : String(invoice.daysOverdue),
      formatAmount(model, invoice.balance, invoice.currency),
    ]),
    totals: model.totals.map((total) => [wording.total(multipleCurrencies ? total.currency : null), '', '', '', formatAmount(model, total.balance, total.currency)]),
  };
}

/** "£100.00 of invoice INV-1 is under review and is not included.", one per partly disputed invoice. */
export function underReviewSentences(model: MessageModel, money: (amount: bigint, currency: string) => string = (amount, currency) => formatAmount(model, amount, currency)): string[] {
  const wording = fixedWording[model.language];
  return model.invoices.filter((invoice) => invoice.disputed > 0n).map((invoice) => wording.underReview(money(invoice.disputed, invoice.currency), invoice.number));
}

/** Monospace columns, two spaces apart; a total line per currency under the balances. */
export function invoiceTableText(model: MessageModel): string {
  const { headers, invoices, totals } = rows(model);
  const all = [headers, ...invoices, ...totals];
  const widths = headers.map((_, column) => Math.max(...all.map((row) => width(row[column]!))));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (rightAligned.has(column) ? pad(cell, widths[column]!, 'start') : pad(cell, widths[column]!, 'end')))
      .join('  ')
      .trimEnd();
  const table = all.map(line).join('\n');
  const sentences = underReviewSentences(model);
  return sentences.length === 0 ? table : `${table}\n\n${sentences.join('\n')}`;
}

const cellStyle = (column: number, row: 'header' | 'invoice' | 'total') =>
  [
    'padding:6px 12px 6px 0',
    'vertical-align:top',
    rightAligned.has(column) ? 'text-align:right;white-space:nowrap' : 'text-align:left',
    row === 'total' ? 'font-weight:600' : 'border-bottom:1px solid #d8dee4',
    row === 'header' ? 'font-weight:600' : '',
  ]
    .filter(Boolean)
    .join(';');

/** A table with a header row, right-aligned amounts and a total row per currency. */
export function invoiceTableHtml(model: MessageModel, escape: (text: string) => string): string {
  const { headers, invoices, totals } = rows(model);
  const row = (cells: readonly string[], kind: 'header' | 'invoice' | 'total') => {
    const tag = kind === 'header' ? 'th' : 'td';
    return `<tr>${cells.map((text, column) => `<${tag} style="${cellStyle(column, kind)}">${escape(text)}</${tag}>`).join('')}</tr>`;
  };
  return [
    '<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px;font-size:14px">',
    `<thead>${row(headers, 'header')}</thead>`,
    `<tbody>\n${invoices.map((cells) => row(cells, 'invoice')).join('\n')}\n</tbody>`,
    `<tfoot>\n${totals.map((cells) => row(cells, 'total')).join('\n')}\n</tfoot>`,
    '</table>',
    ...underReviewSentences(model).map((sentence) => `<p style="margin:0 0 16px">${escape(sentence)}</p>`),
  ].join('\n');
}

/** Characters as a reader counts them (a "£" is one, not two UTF-16 units). */
function width(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, to: number, side: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return side === 'start' ? fill + text : text + fill;
}
