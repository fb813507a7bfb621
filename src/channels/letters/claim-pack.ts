// The small-claims pack as a PDF: on the first page, plainly, that it is not legal advice; then the
// court with its limit and fee (from the dated table, with its source), the claim amount line by
// line, the dates, the letter before action and its date of service, the statement of account
// (the letters' own layout) and a summary of the timeline. A working file for the person who
// fills in the court's form, not a form itself.
import type { Content, StyleDictionary, TableCell } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../domain/calendar.ts';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { formatDate } from '../../domain/templates/format.ts';
import { letterAmount } from './letter-format.ts';
import { lineSpacing } from './letter-fonts.ts';
import { letterStyles, muted, pageFooter } from './letter-frame.ts';
import { paperFor, type PaperSize } from './paper.ts';
import { letterFont, printPdf } from './pdf-document.ts';
import { printable } from './printable-text.ts';
import { statementOfAccount } from './statement.ts';

export interface ClaimPackInput {
  /** The statement's model: the organisation, the debtor, the claimed invoices, the date. */
  model: MessageModel;
  paperSize: PaperSize;
  court: { name: string; limit: bigint; limitNote: string; fee: bigint; feeNote: string; source: string; asOf: IsoDate; currency: string };
  /** The claim, line by line, and its total. */
  lines: ReadonlyArray<{ label: string; amount: bigint }>;
  total: bigint;
  currency: string;
  dates: ReadonlyArray<{ label: string; date: IsoDate | null; note?: string }>;
  letterBeforeAction: { postedOn: IsoDate; servedOn: IsoDate; replyBy: IsoDate | null; template: string } | null;
  limitation: { years: number; citation: string; earliestBarred: IsoDate } | null;
  timeline: ReadonlyArray<{ on: IsoDate; summary: string }>;
}

export const notLegalAdvice =
  'This pack is not legal advice. Arrears assembled it from your records to help you prepare a small claim; check every figure, the court’s current limit and fee (at its source), and the rules of the court before you file, and take advice from a lawyer or an advice service if you are unsure.';

export async function renderClaimPack(input: ClaimPackInput): Promise<Uint8Array> {
  const { model } = input;
  const paper = paperFor(input.paperSize);
  const { margins } = paper;
  const money = (amount: bigint) => letterAmount(model.language, amount, input.currency);
  const date = (day: IsoDate) => formatDate(model.language, day);
  const row = (label: string, value: string, bold = false): TableCell[] => [{ text: label, color: muted }, { text: value, bold }];
  const table = (rows: TableCell[][]): Content => ({ table: { widths: ['auto', '*'], body: rows }, layout: 'noBorders', margin: [0, 0, 0, 8] });
  const amounts: TableCell[][] = [
    ...input.lines.map((line): TableCell[] => [line.label, { text: money(line.amount), alignment: 'right', noWrap: true }]),
    [{ text: 'Amount claimed', bold: true }, { text: money(input.total), alignment: 'right', bold: true, noWrap: true }],
    [{ text: `Court fee (${input.court.feeNote})`, color: muted }, { text: money(input.court.fee), alignment: 'right', noWrap: true }],
  ];
  const content: Content[] = [
    { text: 'Small-claims pack', style: 'title' },
    { text: 'Not legal advice', bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
    { text: notLegalAdvice, margin: [0, 0, 0, 12] },
    table([
      row('Claimant', printable(model.org.name)),
      row('Defendant', `${printable(model.customer.name)} (${printable(model.customer.externalId)})`),
      row('Prepared on', date(model.date)),
    ]),
    { text: 'The court', style: 'heading' },
    table([
      row('Court', input.court.name),
      row('Small-claims limit', `${letterAmount(model.language, input.court.limit, input.court.currency)}: ${input.court.limitNote}`),
      row('Fee for this claim', money(input.court.fee)),
      row('Source', `${input.court.source}, as of ${date(input.court.asOf)}: fees change, check the source before filing`),
    ]),
    { text: 'The claim', style: 'heading' },
    { table: { widths: ['*', 'auto'], body: amounts }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 8] },
    { text: 'Dates', style: 'heading' },
    table(input.dates.map((d) => row(d.label, `${d.date ? date(d.date) : '—'}${d.note ? ` (${d.note})` : ''}`))),
    { text: 'Letter before action', style: 'heading' },
    input.letterBeforeAction
      ? table([
          row('Letter', input.letterBeforeAction.template),
          row('Posted', date(input.letterBeforeAction.postedOn)),
          row('Served (first class post: the second business day after posting)', date(input.letterBeforeAction.servedOn)),
          ...(input.letterBeforeAction.replyBy ? [row('Time to reply ended', date(input.letterBeforeAction.replyBy))] : []),
        ])
      : { text: 'No letter before action was sent from Arrears.', margin: [0, 0, 0, 8] },
    ...(input.limitation
      ? [{ text: `Limitation: ${input.limitation.years} years (${input.limitation.citation}); the oldest invoice claimed is time-barred from ${date(input.limitation.earliestBarred)}.`, style: 'small', margin: [0, 0, 0, 8] } satisfies Content]
      : []),
    { text: 'Statement of account', style: 'heading', pageBreak: 'before' },
    ...statementOfAccount(model),
    { text: 'Timeline summary', style: 'heading' },
    {
      style: 'table',
      table: { widths: ['auto', '*'], body: input.timeline.length === 0 ? [['—', 'Nothing recorded.']] : input.timeline.map((entry): TableCell[] => [{ text: date(entry.on), noWrap: true }, printable(entry.summary)]) },
      layout: 'lightHorizontalLines',
    },
  ];
  return printPdf(
    {
      pageSize: paper.size,
      pageMargins: [margins.left, margins.top, margins.right, margins.bottom],
      defaultStyle: { font: letterFont, fontSize: 10, lineHeight: lineSpacing(1.39) },
      styles: letterStyles as unknown as StyleDictionary,
      footer: pageFooter(model, paper),
      content,
      info: { title: `Small-claims pack: ${model.customer.name}`, author: model.org.name, subject: `Reference ${model.customer.externalId}` },
      language: model.language,
    },
    model.date,
  );
}
