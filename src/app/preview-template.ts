// `arrears template preview <name> [--customer <id>]`: a template rendered exactly as it would be
// sent — with a real customer's open invoices from the ledger, or with sample data — from the
// organisation's version in use, the shipped one, or a draft file not yet saved.
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../db/executor.ts';
import { templatesInUse, templateSourceFromRow } from '../db/queries/templates.ts';
import type { Org } from '../db/schema.ts';
import { collectionSettings } from '../domain/collection-settings.ts';
import type { MessageLanguage, MessageModel } from '../domain/messages/message-model.ts';
import { messageLanguages } from '../domain/messages/message-model.ts';
import { messageLanguageFor } from '../domain/messages/message-language.ts';
import { findTemplate, templateCatalog } from '../domain/templates/catalog.ts';
import { renderTemplate, type RenderedMessage } from '../domain/templates/render-template.ts';
import { sampleMessageModel } from '../domain/templates/sample-model.ts';
import { shippedTemplate } from '../domain/templates/shipped-templates.ts';
import { parseTemplateFile, templateSource, type TemplateChannel, type TemplateSource } from '../domain/templates/template-source.ts';
import { AppError } from '../errors.ts';
import { messageModelFor, readFactsFor } from './message-for-action.ts';

export interface PreviewRequest {
  name: string;
  channel?: string;
  language?: string;
  customerId?: bigint;
  /** A draft's text (as in a template file) to preview instead of the stored or shipped version. */
  draft?: string;
  now: Temporal.Instant;
}

export interface TemplatePreview {
  template: Pick<TemplateSource, 'name' | 'channel' | 'language' | 'version' | 'hash'> & { origin: 'organisation' | 'shipped' | 'draft' };
  model: MessageModel;
  rendered: RenderedMessage;
}

export async function previewTemplate(db: Executor, org: Org, request: PreviewRequest): Promise<TemplatePreview> {
  const entry = findTemplate(request.name);
  if (!entry) throw new AppError('not_found', `there is no template "${request.name}"; the templates are ${templateCatalog.map((t) => t.name).join(', ')}`);
  const channel = (request.channel ?? entry.channels.find((c) => c !== 'review')) as TemplateChannel | undefined;
  if (!channel || !(entry.channels as readonly string[]).includes(channel) || channel === ('review' as string)) {
    throw new AppError('invalid_input', `"${entry.name}" exists for ${entry.channels.filter((c) => c !== 'review').join(', ') || 'no channel with a text'}; got "${request.channel}"`);
  }
  if (request.language !== undefined && !(messageLanguages as readonly string[]).includes(request.language)) {
    throw new AppError('invalid_input', `the language must be one of ${messageLanguages.join(', ')}; got "${request.language}"`);
  }
  const orgLanguage = messageLanguageFor(null, null, org.country);
  const model = request.customerId === undefined
    ? sampleMessageModel((request.language as MessageLanguage | undefined) ?? orgLanguage.language, {
        step: { key: entry.name, name: entry.purpose, tone: entry.tone, channel },
        ...(orgLanguage.isoDates && !request.language ? { isoDates: true } : {}),
      })
    : await customerModel(db, org, request.customerId, entry.name, entry.tone, channel, request.now);
  // A language asked for is shown as its own customers read it, dates included.
  if (request.language && request.language !== model.language) {
    model.language = request.language as MessageLanguage;
    delete model.isoDates;
  }
  const { source, origin } = await sourceFor(db, org, entry.name, channel, model.language, request.draft);
  return { template: { name: source.name, channel: source.channel, language: source.language, version: source.version, hash: source.hash, origin }, model, rendered: renderTemplate(source, model) };
}

async function sourceFor(db: Executor, org: Org, name: string, channel: TemplateChannel, language: MessageLanguage, draft: string | undefined) {
  if (draft !== undefined) {
    const { subject, body, voicemail } = draftParts(draft, channel);
    return { source: templateSource({ name, channel, language, version: 0, subject, body, voicemail }), origin: 'draft' as const };
  }
  const own = (await templatesInUse(db, org.id, [name])).map(templateSourceFromRow).find((t) => t.channel === channel && t.language === language);
  if (own) return { source: own, origin: 'organisation' as const };
  const shipped = shippedTemplate(name, channel, language);
  if (!shipped) throw new AppError('not_found', `there is no "${name}" template for ${channel} in ${language}`);
  return { source: shipped, origin: 'shipped' as const };
}

/** A draft file: a call script may carry its voicemail after a line `--- voicemail ---`. */
export function draftParts(text: string, channel: TemplateChannel): { subject: string | null; body: string; voicemail: string | null } {
  if (channel === 'call') {
    const [script, voicemail] = text.split(/^--- voicemail ---[ \t]*$/m);
    return { subject: null, body: parseTemplateFile(script!, channel).body, voicemail: voicemail === undefined ? null : parseTemplateFile(voicemail.replace(/^\n/, ''), channel).body };
  }
  const { subject, body } = parseTemplateFile(text, channel);
  return { subject, body, voicemail: null };
}

/** The customer's open invoices as the message would list them today. */
async function customerModel(db: Executor, org: Org, customerId: bigint, name: string, tone: MessageModel['step']['tone'], channel: TemplateChannel, now: Temporal.Instant): Promise<MessageModel> {
  const { rows } = await sql<{ id: bigint }>`
    select id from invoices where org_id = ${org.id} and customer_id = ${customerId} and status = 'open' and balance > 0 order by due_date, id`.execute(db);
  const action = { customerId, invoiceIds: rows.map((row) => row.id), stepKey: name, stepName: name, stepIndex: 0, tone, playbookName: null, playbookVersion: null, channel };
  const date = now.toZonedDateTimeISO(org.time_zone).toPlainDate().toString();
  const facts = await readFactsFor(db, org, [action], date);
  return messageModelFor(action, org, collectionSettings(org.settings), facts, date).model;
}
