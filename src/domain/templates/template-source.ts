// The text of one message template, as shipped with Arrears or as an organisation's own version:
// what is rendered, and the hash that a sent communication records so it can be traced back to
// the exact wording that produced it.
import { createHash } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { MessageLanguage } from '../messages/message-model.ts';
import type { MessageChannel } from '../playbooks/playbook.ts';


export interface TemplateSource {
  name: string;
  channel: MessageChannel;
  language: MessageLanguage;
  /** 0 = shipped with Arrears; n > 0 = the organisation's version n. */
  version: number;
  /** Email only. */
  subject: string | null;
  body: string;
  /** Call only: the limited-content voicemail script. */
  voicemail: string | null;
  /** templateHash(subject, body, voicemail). */
  hash: string;
}

/**
 * SHA-256 (hex, first 16 characters) of subject, body and voicemail. The parts are joined with a
 * NUL, which no template contains, so moving words from the subject into the body is a change.
 */
export function templateHash(subject: string | null, body: string, voicemail: string | null): string {
  return createHash('sha256')
    .update([subject ?? '', body, voicemail ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}

/** A source with its hash computed, so the two can never disagree. */
export function templateSource(fields: Omit<TemplateSource, 'hash'>): TemplateSource {
  return { ...fields, hash: templateHash(fields.subject, fields.body, fields.voicemail) };
}

export interface TemplateFile {
  subject: string | null;
  body: string;
}

/**
 * Splits a template file into subject and body. An email file starts with a line
 * `Subject: …`, then a blank line, then the body; other channels are all body. Line endings
 * become \n and the trailing newline of the file is not part of the body.
 */
export function parseTemplateFile(text: string, channel: MessageChannel): TemplateFile {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  if (channel !== 'email') return { subject: null, body: normalised };
  const match = /^Subject:[ \t]*([^\n]*)(?:\n|$)(?:[ \t]*(?:\n|$))?/.exec(normalised);
  if (!match) {
    throw new AppError('invalid_input', 'An email template starts with a line "Subject: …", then a blank line, then the body of the email.');
  }
  const subject = match[1]!.trim();
  if (subject === '') throw new AppError('invalid_input', 'The "Subject:" line of the email template is empty: write the subject after "Subject:".');
  return { subject, body: normalised.slice(match[0].length) };
}
