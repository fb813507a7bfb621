// The template texts that ship with Arrears, read once from texts/ beside this file (dist/texts/
// in the built program: bin/build.js copies the folder) and made into templates by the domain.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessageLanguage } from '../../domain/messages/message-model.ts';
import type { MessageChannel } from '../../domain/playbooks/playbook.ts';
import { shippedTemplatesFrom, type ShippedTemplates } from '../../domain/templates/shipped-templates.ts';
import type { TemplateSource } from '../../domain/templates/template-source.ts';

const textsDir = fileURLToPath(new URL('./texts/', import.meta.url));

let loaded: ShippedTemplates | undefined;

function readShippedText(file: string): string {
  const path = `${textsDir}${file}`;
  // A missing text is a packaging error, not something to discover when a message is due.
  if (!existsSync(path)) throw new Error(`The shipped template ${file} is missing from ${textsDir}`);
  return readFileSync(path, 'utf8');
}

export function shippedTemplate(name: string, channel: MessageChannel, language: MessageLanguage): TemplateSource | undefined {
  loaded ??= shippedTemplatesFrom(readShippedText);
  return loaded.get(name, channel, language);
}

/** Every shipped template, in catalog order, en-US first. */
export function shippedTemplates(): TemplateSource[] {
  loaded ??= shippedTemplatesFrom(readShippedText);
  return loaded.all();
}
