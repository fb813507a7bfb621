// The parts every letter has around its body: the letterhead, the recipient's address where the
// envelope window shows it, the date and reference beside it, the title, the body paragraphs, the
// sign-off, the debt-collector disclosure and the page footer. Kinds of letter add their own
// sections between these (see render-letter.ts).
import { fixedWording } from '../../domain/templates/fixed-wording.ts';
import type { Content, DynamicContent } from 'pdfmake/interfaces.js';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { formatDate } from '../../domain/templates/format.ts';
import { letterLineHeight, lineSpacing } from './letter-fonts.ts';
import type { LetterPaper } from './paper.ts';
import { printable } from './printable-text.ts';

export const muted = '#555555';
export const ruleColour = '#9a9a9a';

/** A little air between address lines, as pdfmake's lineHeight factor. */
const addressLineSpacing = 1.05;

/**
 * FDCPA 15 U.S.C. §1692e(11) (and 12 CFR 1006.18(e)): a debt collector's communications with a
 * consumer say that they come from a debt collector; the first one also says what information
 * obtained will be used for.
 */
export const collectorDisclosure = 'This communication is from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.';

export function needsCollectorDisclosure(model: MessageModel): boolean {
  return model.agency && model.customer.kind === 'consumer';
}

/** The organisation's postal address, with its country's name when the letter goes abroad. */
export function orgAddressLines(model: MessageModel): string[] {
  const { org, contact } = model;
  const lines = org.address.lines.filter((line) => line.trim() !== '');
  const abroad = org.address.country && contact.address.country && org.address.country !== contact.address.country;
  if (abroad) lines.push(new Intl.DisplayNames(['en'], { type: 'region' }).of(org.address.country!) ?? org.address.country!);
  return lines.map(printable);
}

/** Where a debtor writes to: the reply-to address when the organisation has one. */
export function orgEmail(model: MessageModel): string | null {
  return model.org.replyTo ?? model.org.senderEmail;
}

/**
 * Who the letter is addressed to, as the envelope shows it: the person first for a business (so it
 * reaches them, not the post room), then the account's name and the postal lines (which already end
 * with the country when the letter goes abroad). A statement attached to an email is rendered for
 * customers without a postal address too, so a missing address leaves only the names; whether a
 * letter can be posted is the dispatcher's check, made before it renders one.
 */
export function recipientLines(model: MessageModel): string[] {
  const { customer, contact } = model;
  const address = contact.address.lines.filter((line) => line.trim() !== '');
  const person = contact.name?.trim();
  const names = customer.kind === 'business' && person && person !== customer.name.trim() ? [person, customer.name] : [customer.name];
  return [...names, ...address].map(printable);
}

/** Organisation name on the left, its address and how to reach it on the right, above the window. */
export function letterhead(model: MessageModel, paper: LetterPaper): Content {
  const { org } = model;
  const email = orgEmail(model);
  const phoneLabel = model.language === 'en-GB' ? 'Tel' : 'Phone';
  const details = [...orgAddressLines(model), ...(org.phone ? [`${phoneLabel} ${printable(org.phone)}`] : []), ...(email ? [printable(email)] : [])];
  const width = paper.width - paper.margins.left - paper.margins.right;
  const detailsWidth = 190;
  return {
    absolutePosition: { x: paper.margins.left, y: paper.margins.top },
    columns: [
      { width: width - detailsWidth - 12, text: printable(org.name), fontSize: 16, bold: true },
      { width: detailsWidth, stack: details, fontSize: 8.5, lineHeight: lineSpacing(1.27), alignment: 'right', color: muted },
    ],
    columnGap: 12,
  };
}

/**
 * The recipient's name and address inside the envelope window (paper.ts), in a size that fits the
 * window's height however many lines the address has.
 */
export function windowAddress(model: MessageModel, paper: LetterPaper): Content {
  const lines = recipientLines(model);
  const { window, windowInset } = paper;
  const available = window.height - 2 * windowInset.y;
  const fontSize = Math.min(10, Math.floor((available / (lines.length * letterLineHeight * addressLineSpacing)) * 10) / 10);
  return {
    absolutePosition: { x: window.x + windowInset.x, y: window.y + windowInset.y },
    stack: lines.map((line) => ({ text: line, noWrap: true })),
    fontSize,
    lineHeight: addressLineSpacing,
  };
}

/** The date and the account reference, to the right of the window and level with its top. */
export function dateAndReference(model: MessageModel, paper: LetterPaper): Content {
  const { window, windowInset } = paper;
  const x = window.x + window.width + 12;
  const width = paper.width - paper.margins.right - x;
  return {
    absolutePosition: { x, y: window.y + windowInset.y },
    columns: [
      {
        width,
        alignment: 'right',
        stack: [formatDate(model.language, model.date), { text: `${fixedWording[model.language].reference}: ${printable(model.customer.externalId)}`, color: muted, margin: [0, 3, 0, 0] }],
      },
    ],
  };
}

/** Moves the flowing text of the first page down to just below the envelope window. */
export function belowWindow(paper: LetterPaper): Content {
  const top = paper.window.y + paper.window.height + 16 - paper.margins.top;
  return { text: '', margin: [0, top, 0, 0] };
}

/** Everything above the title on the first page of a letter. */
export function firstPageHeading(model: MessageModel, paper: LetterPaper): Content[] {
  return [letterhead(model, paper), windowAddress(model, paper), dateAndReference(model, paper), belowWindow(paper)];
}

export function title(text: string): Content {
  return { text: printable(text), style: 'title' };
}

/** The body from the template: paragraphs separated by blank lines, line breaks inside one kept. */
export function bodyParagraphs(body: string): Content[] {
  return printable(body)
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\s+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => ({ text: paragraph, style: 'paragraph' }));
}

/** Shown in bold under the title, so it cannot be missed (see collectorDisclosure). */
export function disclosure(model: MessageModel): Content[] {
  return needsCollectorDisclosure(model) ? [{ text: collectorDisclosure, bold: true, style: 'paragraph' }] : [];
}

/**
 * The closing, space to sign, the sender and the organisation. British usage closes a letter that
 * opens "Dear Sir or Madam" with "Yours faithfully" and a named one with "Yours sincerely".
 */
export function signOff(model: MessageModel, body: string): Content {
  // British usage: "Yours faithfully" to a reader not named, "Yours sincerely" to one who is; a
  // French letter closes with its own sentence in the body, so no closing line is printed
  const faithfully = model.language === 'en-GB' && /^\s*(dear sirs?\b|dear madam\b|dear sir or madam\b|to whom it may concern\b)/i.test(body);
  const closing = faithfully ? 'Yours faithfully' : fixedWording[model.language].letterClosing;
  return {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    stack: [...(closing ? [closing] : []), ...signature(model).map((line, index) => (index === 0 ? { text: line, margin: [0, 30, 0, 0] as [number, number, number, number] } : line))],
  };
}

/** The sender, then the organisation when it is another name (not "My Business / My Business"). */
export function signature(model: MessageModel): string[] {
  const sender = printable(model.org.senderName).trim();
  const org = printable(model.org.name).trim();
  return sender === '' || sender.toLowerCase() === org.toLowerCase() ? [org] : [sender, org];
}

/** "Page X of Y" on every page, with whose letter it is, so a loose page finds its way back. */
export function pageFooter(model: MessageModel, paper: LetterPaper): DynamicContent {
  const wording = fixedWording[model.language];
  const owner = `${printable(model.org.name)} · ${printable(model.customer.name)} · ${wording.reference} ${printable(model.customer.externalId)}`;
  return (currentPage, pageCount) => ({
    margin: [paper.margins.left, paper.margins.bottom / 2 - 4, paper.margins.right, 0],
    columns: [
      { width: '*', text: owner, fontSize: 7.5, color: muted },
      { width: 'auto', text: wording.page(currentPage, pageCount), fontSize: 8 },
    ],
    columnGap: 12,
  });
}

/** Text styles shared by every letter. */
export const letterStyles = {
  title: { fontSize: 13, bold: true, margin: [0, 0, 0, 10] },
  heading: { fontSize: 11, bold: true, margin: [0, 10, 0, 6] },
  paragraph: { margin: [0, 0, 0, 8] },
  small: { fontSize: 8.5 },
  tableHeader: { bold: true, fontSize: 8.5, color: '#222222' },
  table: { fontSize: 8.5 },
} as const;
