// An organisation's own template versions: the highest version of each (name, channel, language)
// is the one in use; every version stays, so a sent message can always be traced to its text.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { Selectable } from 'kysely';
import type { MessageLanguage } from '../../domain/messages/message-model.ts';
import { templateSource, type TemplateSource } from '../../domain/templates/template-source.ts';
import type { MessageChannel, TemplatesTable } from '../schema.ts';

export type TemplateRow = Selectable<TemplatesTable>;

/** The versions in use for these template names (every channel and language). */
export async function templatesInUse(db: Executor, orgId: bigint, names: readonly string[]): Promise<TemplateRow[]> {
  if (names.length === 0) return [];
  const { rows } = await sql<TemplateRow>`
    select distinct on (name, channel, language) *
      from templates
     where org_id = ${orgId} and name = any(${names}::text[])
     order by name, channel, language, version desc`.execute(db);
  return rows;
}

export async function insertTemplateVersion(
  db: Executor,
  orgId: bigint,
  template: { name: string; channel: MessageChannel; language: string; subject: string | null; body: string; voicemail: string | null; sourceHash: string; createdBy: string },
): Promise<TemplateRow> {
  // The next version number, taken under the unique constraint: two saves at once cannot share one.
  return db
    .insertInto('templates')
    .values({
      org_id: orgId,
      name: template.name,
      channel: template.channel,
      language: template.language,
      version: sql<number>`(select coalesce(max(version), 0) + 1 from templates where org_id = ${orgId} and name = ${template.name} and channel = ${template.channel} and language = ${template.language})`,
      subject: template.subject,
      body: template.body,
      voicemail: template.voicemail,
      source_hash: template.sourceHash,
      created_by: template.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function templateVersions(db: Executor, orgId: bigint, name: string): Promise<TemplateRow[]> {
  return db.selectFrom('templates').selectAll().where('org_id', '=', orgId).where('name', '=', name).orderBy('channel').orderBy('language').orderBy('version', 'desc').execute();
}

/** A stored version as the renderer takes it (its hash recomputed from the text, so they agree). */
export function templateSourceFromRow(row: TemplateRow): TemplateSource {
  return templateSource({ name: row.name, channel: row.channel, language: row.language as MessageLanguage, version: row.version, subject: row.subject, body: row.body, voicemail: row.voicemail });
}
