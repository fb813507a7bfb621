// The letter of claim pack of the Pre-Action Protocol for Debt Claims (England and Wales, for debts
// owed by individuals and sole traders): the letter itself (whose words come from the template:
// the amount, interest, how to pay, the period to reply and what happens otherwise), then an
// up-to-date statement of account, the Reply Form and a Financial Statement form — each starting on
// a page of its own, so each can be read, copied and returned by itself.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { amountLines, blankLines, checkbox, checkboxWithLine, labelledLine } from './form-fields.ts';
import { letterAmount } from './letter-format.ts';
import { muted, orgAddressLines, recipientLines } from './letter-frame.ts';
import { printable } from './printable-text.ts';
import { statementOfAccount } from './statement.ts';

/** The pages after the letter: statement of account, Reply Form, Financial Statement. */
export function claimEnclosures(model: MessageModel): Content[] {
  return [
    { text: 'Statement of account', style: 'title', pageBreak: 'before' },
    ...statementOfAccount(model),
    ...replyForm(model),
    ...financialStatement(model),
  ];
}

/** The currency sign forms print before an amount to fill in: "£", or the code when there is no printable sign. */
function currencySign(model: MessageModel): string {
  const currency = model.totals[0]?.currency ?? (model.language === 'en-GB' ? 'GBP' : 'USD');
  return letterAmount(model.language, 0n, currency).replace(/[\d.,\s]/g, '');
}

function sectionHeading(text: string): Content {
  return { text, style: 'formSection' };
}

/** The debtor's answer: whether the debt is owed, how it will be paid, and what they need first. */
function replyForm(model: MessageModel): Content[] {
  const sign = currencySign(model);
  const claimed = model.totals.map((total) => letterAmount(model.language, total.balance, total.currency)).join(' and ');
  const parties: TableCell[][] = [
    [{ text: 'To', color: muted }, { stack: [printable(model.org.name), ...orgAddressLines(model)] }],
    [{ text: 'From', color: muted }, { stack: recipientLines(model) }],
    [{ text: 'Reference', color: muted }, printable(model.customer.externalId)],
    [{ text: 'Amount claimed', color: muted }, { text: claimed, bold: true }],
  ];
  return [
    { text: 'Reply Form', style: 'title', pageBreak: 'before', margin: [0, 0, 0, 2] },
    { text: 'Pre-Action Protocol for Debt Claims', color: muted, margin: [0, 0, 0, 8] },
    {
      text: 'Please read the letter of claim and the statement of account that came with it, tick the boxes that apply to you, and return this form to us at the address below. If you want to pay by instalments or need time to pay, please fill in the Financial Statement too and send it with this form.',
      style: 'paragraph',
    },
    { table: { widths: ['auto', '*'], body: parties }, layout: 'noBorders', margin: [0, 0, 0, 4] },
    sectionHeading('1. The debt'),
    checkbox('I agree I owe the debt.'),
    checkboxWithLine('I agree I owe part of the debt. The amount I agree I owe is', 90, undefined),
    checkbox('I dispute the debt because:'),
    blankLines(3, 14),
    sectionHeading('2. Paying the debt'),
    checkboxWithLine('I will pay the debt in full by (date)', 110),
    checkboxWithLine(`I want to pay by instalments of ${sign}`, 70, 'per month. My Financial Statement is enclosed.'),
    checkbox('I need more time before I can reply, because (for example, I am getting debt advice):'),
    blankLines(2, 14),
    sectionHeading('3. Advice and documents'),
    checkboxWithLine('I am getting debt advice from', '*'),
    checkbox('I have enclosed documents that support what I say. They are:'),
    blankLines(2, 14),
    checkbox('I would like copies of these documents before I reply:'),
    blankLines(2, 14),
    {
      margin: [0, 10, 0, 0],
      columns: [
        { width: '*', stack: [labelledLine('Signed')] },
        { width: 150, stack: [labelledLine('Date')] },
      ],
      columnGap: 18,
    },
    {
      columns: [
        { width: '*', stack: [labelledLine('Name (in capitals)')] },
        { width: 150, stack: [labelledLine('Phone')] },
      ],
      columnGap: 18,
    },
  ];
}

/** Income and outgoings per month, other debts, and what is left to offer: lines to fill in. */
function financialStatement(model: MessageModel): Content[] {
  const sign = currencySign(model);
  const income = ['Wages or salary (after tax)', "Partner's wages or salary (after tax)", 'Benefits and tax credits', 'Pensions', 'Child maintenance received', 'Other income'];
  const outgoings = [
    'Mortgage or rent',
    model.language === 'en-GB' ? 'Council tax' : 'Property tax',
    'Gas and electricity',
    'Water',
    'Phone, TV and internet',
    'Food and housekeeping',
    'Travel and transport',
    'Childcare',
    'Insurance',
    'Clothing',
    'Child maintenance paid',
    'Other essential spending',
  ];
  const debtRow = (): TableCell[] => [' ', ' ', ' '].map((text) => ({ text, border: [false, false, false, true] }) satisfies TableCell);
  return [
    { text: 'Financial Statement', style: 'title', pageBreak: 'before', margin: [0, 0, 0, 2] },
    { text: `${printable(model.customer.name)} · Reference ${printable(model.customer.externalId)}`, color: muted, margin: [0, 0, 0, 8] },
    {
      text: 'Please fill this in if you want to pay by instalments or need time to pay, and send it with the Reply Form. Write every amount as a monthly figure. It helps us agree an arrangement you can keep to.',
      style: 'paragraph',
    },
    sectionHeading('About you'),
    {
      columns: [
        { width: '*', stack: [labelledLine('Full name'), labelledLine('Employment (job, or not working)')] },
        { width: 170, stack: [labelledLine('Children who live with you'), labelledLine('Other adults who live with you')] },
      ],
      columnGap: 18,
    },
    {
      margin: [0, 10, 0, 0],
      columns: [
        { width: '*', stack: [sectionHeading('Income per month'), amountLines(income, sign, { total: 'Total income' })] },
        { width: '*', stack: [sectionHeading('Outgoings per month'), amountLines(outgoings, sign, { total: 'Total outgoings' })] },
      ],
      columnGap: 24,
    },
    sectionHeading('Other debts'),
    {
      table: {
        headerRows: 1,
        widths: ['*', 110, 110],
        body: [
          [
            { text: 'Owed to', style: 'tableHeader', border: [false, false, false, false] },
            { text: `Amount owed (${sign})`, style: 'tableHeader', border: [false, false, false, false] },
            { text: `Paying per month (${sign})`, style: 'tableHeader', border: [false, false, false, false] },
          ],
          debtRow(),
          debtRow(),
          debtRow(),
          debtRow(),
        ],
      },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 8, paddingTop: () => 6, paddingBottom: () => 1 },
    },
    {
      margin: [0, 10, 0, 0],
      columns: [
        { width: '*', stack: [amountLines(['Income minus outgoings and debt payments, per month'], sign)] },
        { width: '*', stack: [amountLines(['I can offer to pay per month'], sign)] },
      ],
      columnGap: 24,
    },
    { text: 'I confirm that the information on this form is true to the best of my knowledge.', margin: [0, 12, 0, 0] },
    {
      columns: [
        { width: '*', stack: [labelledLine('Signed')] },
        { width: 150, stack: [labelledLine('Date')] },
      ],
      columnGap: 18,
    },
  ];
}

/** Styles of the forms, added to the letter's shared styles. */
export const claimFormStyles = {
  formSection: { fontSize: 10.5, bold: true, margin: [0, 10, 0, 2] },
} as const;
