// An organisation's own wording of a template, saved as a new version only if it passes every
// check (it renders for every kind of debtor, fits its channel, and the compliance lint finds
// nothing): "linted before activation". The new version is in use from the next send.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { insertTemplateVersion, type TemplateRow } from '../../db/queries/templates.ts';
import type { Org } from '../../db/schema.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import { messageLanguages, type MessageLanguage } from '../../domain/messages/message-model.ts';
import type { MessageChannel } from '../../domain/playbooks/playbook.ts';
import { findTemplate, templateCatalog } from '../../domain/templates/catalog.ts';
import { checkTemplate } from '../../domain/templates/check-template.ts';
import { templateSource } from '../../domain/templates/template-source.ts';
import { AppError } from '../../errors.ts';
import { draftParts } from './preview-template.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface SaveTemplateInput {
  name: string;
  channel: string;
  language: string;
  /** The template file's text (an email starts with "Subject: …"). */
  text: string;
  actor: string;
  /** When it is saved, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
}

export async function saveTemplate(db: Executor, org: Org, input: SaveTemplateInput): Promise<TemplateRow> {
  const entry = findTemplate(input.name);
  if (!entry) throw new AppError('not_found', `there is no template "${input.name}"; the templates are ${templateCatalog.map((t) => t.name).join(', ')}`);
  const channel = input.channel as MessageChannel;
  if (!(entry.channels as readonly string[]).includes(channel) || input.channel === 'review') {
    throw new AppError('invalid_input', `"${entry.name}" exists for ${entry.channels.filter((c) => c !== 'review').join(', ')}; got "${input.channel}"`);
  }
  if (!(messageLanguages as readonly string[]).includes(input.language)) throw new AppError('invalid_input', `the language must be one of ${messageLanguages.join(', ')}; got "${input.language}"`);
  const parts = draftParts(input.text, channel);
  const source = templateSource({ name: entry.name, channel, language: input.language as MessageLanguage, version: 0, ...parts });
  const problems = checkTemplate(source, { legalEnabled: collectionSettings(org.settings).legalEnabled });
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.part}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''} ${p.message}`);
    throw new AppError('invalid_input', `the template was not saved: ${problems.length} problem(s) to fix first:\n  ${lines.join('\n  ')}`, { problems });
  }
  return inTransaction(db, async (tx) => {
    const row = await insertTemplateVersion(tx, org.id, { name: entry.name, channel, language: input.language, subject: parts.subject, body: parts.body, voicemail: parts.voicemail, sourceHash: source.hash, createdBy: input.actor });
    await recordActivity(tx, org.id, {
      customerId: null,
      kind: 'template_saved',
      actor: input.actor,
      summary: `Template ${entry.name} (${channel}, ${input.language}) version ${row.version} saved and in use.`,
      data: { name: entry.name, channel, language: input.language, version: row.version, hash: source.hash },
      at: input.now,
    });
    return row;
  });
}
