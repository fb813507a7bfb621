// The Regulation F validation notice (12 CFR 1006.34), laid out after the CFPB's Model Form B-1 so
// that it keeps the model form's safe harbour as far as the data allows: who the collector and the
// consumer are, what is owed and how it got there (the itemization), how and by when to dispute,
// what else the consumer can do, and the tear-off response form. The template's body, the invoice
// table and the sign-off follow on a page of their own, so the notice itself holds only what the
// model form holds.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../domain/calendar.ts';
import type { MessageModel, MessageTotal } from '../../domain/messages/message-model.ts';
import { formatDate } from '../../domain/templates/format.ts';
import { validationEndDate } from '../../domain/templates/message-view.ts';
import { checkbox, writingLine } from './form-fields.ts';
import { letterAmount } from './letter-format.ts';
import { lineSpacing } from './letter-fonts.ts';
import { firstPageHeading, muted, orgAddressLines, orgEmail, recipientLines } from './letter-frame.ts';
import { contentWidth, type LetterPaper } from './paper.ts';
import { printable } from './printable-text.ts';

/**
 * The itemization (1006.34(c)(2)(vi)–(viii)), from what the model holds: per-invoice sums, not dated
 * ledger entries. The itemization date is an invoice date (the transaction date, one of the five
 * reference dates of 1006.34(b)(3)); the amount owed then is the invoices' totals as issued, what
 * was charged on them since is the interest and fees, and what was paid or credited on them since
 * is the payments and credits. With several invoices it is the latest invoice date, not the
 * earliest: "as of" the earliest, the later invoices did not exist yet, so their totals were not
 * owed then. The model does not tell interest from fees, so they share one line; itemizing them
 * apart, as the model form does, needs the charges split by kind in the message model.
 */
export interface Itemization {
  date: IsoDate;
  currency: string;
  owedThen: bigint;
  interestAndFees: bigint;
  paymentsAndCredits: bigint;
  owedNow: bigint;
}

export function itemizations(model: MessageModel): Itemization[] {
  const date = model.invoices.map((invoice) => invoice.issueDate).sort().at(-1) ?? model.date;
  return model.totals.map((total: MessageTotal) => ({
    date,
    currency: total.currency,
    owedThen: total.total,
    interestAndFees: total.charges,
    paymentsAndCredits: total.paid,
    owedNow: total.balance,
  }));
}

export interface ValidationNoticeParties {
  /** Whom the debt is owed to: the organisation's client when it collects as an agency. */
  creditor: string;
}

/** The notice page (Model Form B-1), from the letterhead to the tear-off response form. */
export function validationNotice(model: MessageModel, paper: LetterPaper, parties: ValidationNoticeParties): Content[] {
  const { language } = model;
  const collector = printable(model.org.name);
  const creditor = printable(parties.creditor);
  const endDate = formatDate(language, validationEndDate(model.date));
  const email = orgEmail(model);
  return [
    ...firstPageHeading(model, paper),
    {
      text: `${collector} is a debt collector. We are trying to collect a debt that you owe to ${creditor}. We will use any information you give us to help collect the debt.`,
      fontSize: 10,
      bold: true,
      margin: [0, 0, 0, 8],
    },
    {
      columns: [
        { width: '48%', stack: [{ text: 'Our information shows:', style: 'formHeading' }, { text: `You have an account with ${creditor} with account number ${printable(model.customer.externalId)}.`, margin: [0, 0, 0, 6] }, ...itemizations(model).map((each) => itemizationTable(model, each))] },
        {
          width: '*',
          stack: [
            { text: 'How can you dispute the debt?', style: 'formHeading' },
            {
              ul: [
                { text: [{ text: `Call or write to us by ${endDate}, to dispute all or part of the debt.`, bold: true }, ' If you do not, we will assume that our information is correct.'] },
                {
                  text: [
                    { text: `If you write to us by ${endDate}`, bold: true },
                    ', we must stop collection on any amount you dispute until we send you information that shows you owe the debt. You may use the form below or write to us without the form. You may also include supporting documents.',
                    ...(email ? [` We accept disputes electronically at ${printable(email)}.`] : []),
                  ],
                },
              ],
              style: 'formList',
            },
            { text: 'What else can you do?', style: 'formHeading' },
            {
              ul: [
                {
                  text: [
                    { text: 'Write to ask for the name and address of the original creditor, if different from the current creditor.', bold: true },
                    ` If you write by ${endDate}, we must stop collection until we send you that information. You may use the form below or write to us without the form.`,
                    ...(email ? [` We accept such requests electronically at ${printable(email)}.`] : []),
                  ],
                },
                { text: [{ text: 'Go to www.cfpb.gov/debt-collection', bold: true }, ' to learn more about your rights under federal law. For instance, you have the right to stop or limit how we contact you.'] },
                { text: [{ text: 'Contact us about your payment options.', bold: true }] },
              ],
              style: 'formList',
            },
          ],
        },
      ],
      columnGap: 18,
      fontSize: 8,
      lineHeight: lineSpacing(1.2),
    },
    responseForm(model, contentWidth(paper)),
  ];
}

/** "As of [date], you owed … Total amount of the debt now", one table per currency. */
function itemizationTable(model: MessageModel, itemization: Itemization): Content {
  const { language } = model;
  const money = (amount: bigint) => letterAmount(language, amount, itemization.currency);
  const since = formatDate(language, itemization.date);
  const amount = (text: string, bold = false): TableCell => ({ text, alignment: 'right', noWrap: true, bold });
  const body: TableCell[][] = [
    [{ text: `As of ${since}, you owed:`, bold: true }, amount(money(itemization.owedThen), true)],
    [{ text: `Between ${since} and today:`, colSpan: 2 }, ''],
    [{ text: 'You were charged this amount in interest and fees:', margin: [10, 0, 0, 0] }, amount(`+ ${money(itemization.interestAndFees)}`)],
    [{ text: 'You paid or were credited this amount toward the debt:', margin: [10, 0, 0, 0] }, amount(`– ${money(itemization.paymentsAndCredits)}`)],
    [{ text: 'Total amount of the debt now:', bold: true }, amount(money(itemization.owedNow), true)],
  ];
  return {
    margin: [0, 0, 0, 8],
    table: { widths: ['*', 'auto'], body },
    layout: {
      hLineWidth: (index, node) => (index === node.table.body.length - 1 ? 0.8 : 0),
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
  };
}

/** The tear-off form: where to mail it, who sends it, and the boxes to tick. */
function responseForm(model: MessageModel, width: number): Content {
  const collector = printable(model.org.name);
  const currency = model.totals[0]?.currency ?? 'USD';
  const symbol = letterAmount(model.language, 0n, currency).replace(/[\d.,\s]/g, '');
  return {
    unbreakable: true,
    margin: [0, 4, 0, 0],
    fontSize: 8,
    lineHeight: lineSpacing(1.2),
    stack: [
      { text: 'Detach along the dotted line and return this part', fontSize: 6.5, color: muted, alignment: 'center', margin: [0, 0, 0, 1] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, dash: { length: 4, space: 3 }, lineWidth: 0.8 }], margin: [0, 0, 0, 8] },
      {
        columns: [
          {
            width: '40%',
            stack: [
              { text: 'Mail this form to:', bold: true },
              { stack: [collector, ...orgAddressLines(model)], margin: [0, 2, 0, 10] },
              { stack: recipientLines(model), color: '#222222' },
              { text: `Reference: ${printable(model.customer.externalId)}`, margin: [0, 6, 0, 0], color: muted },
            ],
          },
          {
            width: '*',
            stack: [
              { text: 'How do you want to respond?', style: 'formHeading', margin: [0, 0, 0, 2] },
              { text: 'Check all that apply:', margin: [0, 0, 0, 4] },
              { text: 'I want to dispute the debt because I think:', bold: true },
              checkbox('This is not my debt.', 8),
              checkbox('The amount is wrong.', 8),
              checkbox('Other (please describe on reverse or attach additional information).', 8),
              { text: ' ', fontSize: 4 },
              checkbox({ text: 'I want you to send me the name and address of the original creditor.', bold: true }),
              { text: ' ', fontSize: 4 },
              {
                columns: [
                  { width: 'auto', stack: [checkbox({ text: `I enclosed this amount: ${symbol}`, bold: true })] },
                  writingLine(80),
                ],
                columnGap: 4,
              },
              { text: `Make your ${model.language === 'en-GB' ? 'cheque' : 'check'} payable to ${collector}. Include the reference number ${printable(model.customer.externalId)}.`, margin: [14, 0, 0, 0] },
            ],
          },
        ],
        columnGap: 18,
      },
    ],
  };
}

/** Lines of the form styles the notice uses, added to the letter's shared styles. */
export const validationNoticeStyles = {
  formHeading: { fontSize: 10, bold: true, margin: [0, 0, 0, 3] },
  formList: { margin: [0, 0, 0, 6] },
} as const;
