// The template texts that ship with Arrears (version 0), made from their files: for each channel of
// each catalog entry, in every language, <language>/<name>.<channel>.hbs, and for calls <language>/<name>.voicemail.hbs,
// the limited-content message left when nobody answers. The caller reads the files
// (app/templates/shipped-templates.ts): the domain does no I/O.
import { messageLanguages, type MessageLanguage } from '../messages/message-model.ts';
import type { MessageChannel } from '../playbooks/playbook.ts';
import { templateCatalog } from './catalog.ts';
import { parseTemplateFile, templateSource, type TemplateSource } from './template-source.ts';

/** The text of a file of the shipped texts, by its path inside them (e.g. "en-US/follow-up.email.hbs"). */
export type ReadShippedText = (file: string) => string;

export interface ShippedTemplates {
  get(name: string, channel: MessageChannel, language: MessageLanguage): TemplateSource | undefined;
  /** Every shipped template, in catalog order, en-US first. */
  all(): TemplateSource[];
}

const key = (name: string, channel: string, language: string) => `${language}/${name}.${channel}`;

/** Every shipped template, read through `read` (which throws for a missing file: a packaging error). */
export function shippedTemplatesFrom(read: ReadShippedText): ShippedTemplates {
  const sources = new Map<string, TemplateSource>();
  for (const language of messageLanguages) {
    for (const entry of templateCatalog) {
      for (const channel of entry.channels) {
        if (channel === 'review') continue;
        const { subject, body } = parseTemplateFile(read(`${language}/${entry.name}.${channel}.hbs`), channel);
        const voicemail = channel === 'call' ? parseTemplateFile(read(`${language}/${entry.name}.voicemail.hbs`), 'call').body : null;
        sources.set(key(entry.name, channel, language), templateSource({ name: entry.name, channel, language, version: 0, subject, body, voicemail }));
      }
    }
  }
  return {
    get: (name, channel, language) => sources.get(key(name, channel, language)),
    all: () => [...sources.values()],
  };
}
