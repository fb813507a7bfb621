// The fixed frame around an email's body, which organisations cannot edit: the signature, the
// opt-out line every email to a consumer carries, and the debt-collector disclosure an agency
// must give a consumer (FDCPA 15 U.S.C. §1692e(11)). The HTML part is the same words, escaped.
import type { MessageModel } from '../messages/message-model.ts';
import { fixedWording } from './fixed-wording.ts';
import { invoiceTableHtml } from './invoice-table.ts';
import { oneLineAddress } from './message-view.ts';

export const collectorDisclosure = 'This communication is from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.';

/** Stands in for the invoice table while the body is rendered for HTML, then becomes a <table>. */
export const tableMarker = '\u0000invoice_table\u0000';

export function emailOptOutLine(model: MessageModel): string {
  const email = model.org.replyTo ?? model.org.senderEmail;
  const where = email ?? oneLineAddress(model.org.address);
  return fixedWording[model.language].emailOptOut(where);
}

/** What follows the body, paragraph by paragraph. */
function closing(model: MessageModel): { signature: string[]; notices: string[] } {
  const { org } = model;
  const signature = [org.senderName, org.name, ...org.address.lines, ...(org.address.country ? [org.address.country] : []), ...(org.phone ? [org.phone] : [])]
    .map((line) => line.trim())
    .filter((line, index, lines) => line !== '' && lines.indexOf(line) === index);
  const consumer = model.customer.kind === 'consumer';
  const notices = [...(consumer ? [emailOptOutLine(model)] : []), ...(consumer && model.agency ? [collectorDisclosure] : [])];
  return { signature, notices };
}

export function emailText(body: string, model: MessageModel): string {
  const { signature, notices } = closing(model);
  const { main, signOff } = splitSignOff(body, model);
  return [main, [...signOff, ...signature].join('\n'), ...notices].filter((part) => part !== '').join('\n\n');
}

/**
 * A body that ends with a short line such as "Kind regards," (or a sign-off its language writes
 * without a comma: "Mit freundlichen Grüßen") has it kept on the line above the sender's name
 * rather than a paragraph apart from it.
 */
function splitSignOff(body: string, model: MessageModel): { main: string; signOff: string[] } {
  const lastBreak = body.lastIndexOf('\n\n');
  const last = body.slice(lastBreak + 2);
  const signOff = /^[^\n]{1,40},$/.test(last.trim()) || fixedWording[model.language].signOffs.includes(last.trim());
  if (lastBreak === -1 || last.includes('\n') || !signOff) return { main: body, signOff: [] };
  return { main: body.slice(0, lastBreak), signOff: [last.trim()] };
}

/**
 * A plain, inline-styled document (mail clients ignore <style> blocks): one <p> per paragraph of
 * the body, line breaks kept, links clickable, the invoice table where the body placed it.
 */
export function emailHtml(body: string, subject: string, model: MessageModel): string {
  const { signature, notices } = closing(model);
  const { main, signOff } = splitSignOff(body, model);
  const content = [
    ...bodyHtml(main, model),
    paragraph([...signOff, ...signature].join('\n'), 'margin:24px 0 16px'),
    ...notices.map((notice) => paragraph(notice, 'margin:0 0 12px;font-size:12px;color:#57606a')),
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${model.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:24px;background-color:#ffffff;color:#1f2328;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5">',
    '<div style="max-width:640px">',
    ...content,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Paragraphs are separated by blank lines; the table marker may sit inside one or alone. */
function bodyHtml(body: string, model: MessageModel): string[] {
  const html: string[] = [];
  for (const block of body.split(/\n{2,}/)) {
    block.split(tableMarker).forEach((piece, index) => {
      if (index > 0) html.push(invoiceTableHtml(model, escapeHtml));
      const text = piece.replace(/^\n+|\n+$/g, '');
      if (text.trim() !== '') html.push(paragraph(text));
    });
  }
  return html;
}

function paragraph(text: string, style = 'margin:0 0 16px'): string {
  return `<p style="${style}">${text.split('\n').map(linkedText).join('<br>\n')}</p>`;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character]!);
}

/** Escaped text with its web addresses made into links (a full stop after an address is not part of it). */
function linkedText(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(url)}" style="color:#0969da">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(text.slice(last));
}
