// A letter as the PDF that is printed, posted and kept on the customer's timeline: the template's
// body inside the letter layout of its kind, on the organisation's paper (A4 or US Letter) with
// the address where the envelope window shows it.
import type { Content, StyleDictionary } from 'pdfmake/interfaces.js';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { invoiceTable } from './invoice-table.ts';
import { claimEnclosures, claimFormStyles } from './letter-of-claim.ts';
import { bodyParagraphs, disclosure, firstPageHeading, letterStyles, pageFooter, signOff, title } from './letter-frame.ts';
import { letterTitle, type LetterKind } from './letter-kind.ts';
import { defaultPaperSize, paperFor, type LetterPaper, type PaperSize } from './paper.ts';
import { lineSpacing } from './letter-fonts.ts';
import { letterFont, printPdf } from './pdf-document.ts';
import { statementOfAccount } from './statement.ts';
import { validationNotice, validationNoticeStyles } from './validation-notice.ts';

export type { LetterKind } from './letter-kind.ts';
export { letterKindFor } from './letter-kind.ts';

export interface LetterInput {
  kind: LetterKind;
  model: MessageModel;
  /** The rendered template: plain paragraphs separated by blank lines, salutation first, no sign-off. */
  body: string;
  /**
   * Validation notice only: whom the debt is owed to, when the organisation collects it for a
   * client as an agency. The message model has no creditor of its own, so without this the notice
   * names the organisation, which is right only when it collects its own debts.
   */
  creditor?: string;
  /** The organisation's paper (orgs.paper_size); unset: the usual paper of its country. */
  paperSize?: PaperSize;
}

function paperOf(input: LetterInput): LetterPaper {
  return paperFor(input.paperSize ?? defaultPaperSize(input.model.org.country));
}

/** The letter's PDF. The same input always gives the same bytes (see printPdf). */
export async function renderLetter(input: LetterInput): Promise<Uint8Array> {
  const { kind, model } = input;
  const paper = paperOf(input);
  const { margins } = paper;
  const heading = letterTitle(kind, model.language);
  return printPdf(
    {
      pageSize: paper.size,
      pageMargins: [margins.left, margins.top, margins.right, margins.bottom],
      defaultStyle: { font: letterFont, fontSize: 10, lineHeight: lineSpacing(1.39) },
      styles: { ...letterStyles, ...validationNoticeStyles, ...claimFormStyles } as unknown as StyleDictionary,
      footer: pageFooter(model, paper),
      content: kind === 'validation-notice' ? validationNoticeContent(input, paper) : letterContent(input, paper),
      info: { title: `${heading}: ${model.customer.name}`, author: model.org.name, subject: `Reference ${model.customer.externalId}` },
      language: model.language,
    },
    model.date,
  );
}

/** Letterhead and address, title, disclosure, body, the invoices, sign-off; a claim adds its enclosures. */
function letterContent({ kind, model, body }: LetterInput, paper: LetterPaper): Content[] {
  return [
    ...firstPageHeading(model, paper),
    title(letterTitle(kind, model.language)),
    ...disclosure(model),
    ...bodyParagraphs(body),
    ...invoicesOf(kind, model),
    signOff(model, body),
    ...(kind === 'letter-of-claim' ? claimEnclosures(model) : []),
  ];
}

/** The invoices under the body: the statement's own pages, none for a payment plan's instalment (its body gives the figures), else the table. */
function invoicesOf(kind: LetterKind, model: MessageModel): Content[] {
  if (kind === 'statement-of-account') return statementOfAccount(model);
  if (kind === 'payment-plan') return [];
  return [invoiceTable(model)];
}

/** The notice page as the model form has it, then the covering letter with the invoices. */
function validationNoticeContent({ model, body, creditor }: LetterInput, paper: LetterPaper): Content[] {
  return [
    ...validationNotice(model, paper, { creditor: creditor ?? model.org.name }),
    {
      pageBreak: 'before',
      stack: [
        ...disclosure(model),
        ...bodyParagraphs(body),
        { text: 'The invoices this notice is about', style: 'heading' },
        invoiceTable(model),
        signOff(model, body),
      ],
    },
  ];
}
