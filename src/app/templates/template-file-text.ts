// A template as the text of a template file, the form `template save --file`, the API and the web
// editor take back (read by draftParts): an email's "Subject: …" line and a blank line before the
// body; a call script's voicemail after a line "--- voicemail ---".
import type { TemplateSource } from '../../domain/templates/template-source.ts';

export function templateFileText(source: Pick<TemplateSource, 'subject' | 'body' | 'voicemail'>): string {
  const subject = source.subject === null ? '' : `Subject: ${source.subject}\n\n`;
  const voicemail = source.voicemail === null ? '' : `\n--- voicemail ---\n${source.voicemail}`;
  return `${subject}${source.body}${voicemail}\n`;
}
