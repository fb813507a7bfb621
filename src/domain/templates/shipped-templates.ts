// The template texts that ship with Arrears (version 0), read once from texts/<language>/:
// <name>.<channel>.hbs for each channel of each catalog entry, and for calls <name>.voicemail.hbs,
// the limited-content message left when nobody answers.
import type { MessageChannel } from '../playbooks/playbook.ts';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { messageLanguages, type MessageLanguage } from '../messages/message-model.ts';
import { templateCatalog } from './catalog.ts';
import { parseTemplateFile, templateSource, type TemplateSource } from './template-source.ts';

const textsDir = fileURLToPath(new URL('./texts/', import.meta.url));

let loaded: Map<string, TemplateSource> | undefined;

const key = (name: string, channel: string, language: string) => `${language}/${name}.${channel}`;

function load(): Map<string, TemplateSource> {
  const sources = new Map<string, TemplateSource>();
  for (const language of messageLanguages) {
    for (const entry of templateCatalog) {
      for (const channel of entry.channels) {
        if (channel === 'review') continue;
        const file = `${textsDir}${language}/${entry.name}.${channel}.hbs`;
        // A missing text is a packaging error, not something to discover when a message is due.
        if (!existsSync(file)) throw new Error(`The shipped template ${language}/${entry.name}.${channel}.hbs is missing from ${textsDir}`);
        const { subject, body } = parseTemplateFile(readFileSync(file, 'utf8'), channel);
        const voicemail = channel === 'call' ? parseTemplateFile(readFileSync(`${textsDir}${language}/${entry.name}.voicemail.hbs`, 'utf8'), 'call').body : null;
        sources.set(key(entry.name, channel, language), templateSource({ name: entry.name, channel, language, version: 0, subject, body, voicemail }));
      }
    }
  }
  return sources;
}

export function shippedTemplate(name: string, channel: MessageChannel, language: MessageLanguage): TemplateSource | undefined {
  loaded ??= load();
  return loaded.get(key(name, channel, language));
}

/** Every shipped template, in catalog order, en-US first. */
export function shippedTemplates(): TemplateSource[] {
  loaded ??= load();
  return [...loaded.values()];
}
