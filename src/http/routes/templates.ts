// /api/v1/templates: the message templates — which version of each channel and language is in
// use, its text, the checks a new version must pass (rendering and the compliance lint, line by
// line), a preview with a real customer or sample data, the saved versions, and saving a new one
// (owner only). The same use cases as `arrears template`.
import { createRoute } from '@hono/zod-openapi';
import { draftParts, previewTemplate } from '../../app/templates/preview-template.ts';
import { saveTemplate } from '../../app/templates/save-template.ts';
import { templateFileText } from '../../app/templates/template-file-text.ts';
import { actorNames, nameOf } from '../../db/queries/actor-names.ts';
import { templatesInUse, templateSourceFromRow, templateVersions } from '../../db/queries/templates.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import { checkTemplate } from '../../domain/templates/check-template.ts';
import { findTemplate, templateCatalog } from '../../domain/templates/catalog.ts';
import { shippedTemplates } from '../../app/templates/shipped-templates.ts';
import type { MessageChannel } from '../../domain/playbooks/playbook.ts';
import { templateSource } from '../../domain/templates/template-source.ts';
import { AppError, isAppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { json, jsonBody, problems } from '../schemas/common.ts';
import {
  SavedTemplate,
  TemplateCheck,
  TemplateDraft,
  TemplateList,
  TemplateNameParams,
  TemplatePreview,
  TemplatePreviewRequest,
  TemplateText,
  TemplateTextQuery,
  TemplateVersionList,
} from '../schemas/templates.ts';

const tags = ['Templates'];

const list = createRoute({
  method: 'get',
  path: '/templates',
  tags,
  summary: 'The templates, with the version of each channel and language in use',
  responses: { 200: json(TemplateList, 'Every template Arrears has (a few dozen: not paginated)'), ...problems(401) },
});

const text = createRoute({
  method: 'get',
  path: '/templates/{name}/text',
  tags,
  summary: 'The text in use for a channel and language, as a template file',
  request: { params: TemplateNameParams, query: TemplateTextQuery },
  responses: { 200: json(TemplateText, 'The text'), ...problems(400, 401, 404) },
});

const check = createRoute({
  method: 'post',
  path: '/templates/{name}/check',
  tags,
  summary: 'Run the checks a new version must pass, without saving',
  description: 'The same checks as saving: it parses, renders for every kind of debtor, fits its channel, and the compliance lint finds nothing. Each problem says its part, line and column.',
  request: { params: TemplateNameParams, body: jsonBody(TemplateDraft) },
  responses: { 200: json(TemplateCheck, 'The problems; none means it can be saved'), ...problems(400, 401, 404) },
});

const preview = createRoute({
  method: 'post',
  path: '/templates/{name}/preview',
  tags,
  summary: 'A template rendered as it would be sent: to a real customer today, or with sample data',
  description: 'With customerId: what the dispatcher would send them today (409 when nothing would be). With text: that unsaved draft instead of the version in use. Nothing is written.',
  request: { params: TemplateNameParams, body: jsonBody(TemplatePreviewRequest) },
  responses: { 200: json(TemplatePreview, 'The message'), ...problems(400, 401, 404, 409) },
});

const versions = createRoute({
  method: 'get',
  path: '/templates/{name}/versions',
  tags,
  summary: "The organisation's saved versions of a template, newest first",
  request: { params: TemplateNameParams },
  responses: { 200: json(TemplateVersionList, 'The versions with their text'), ...problems(400, 401, 404) },
});

const save = createRoute({
  method: 'post',
  path: '/templates/{name}/versions',
  tags,
  summary: 'Save a new version (owner only), in use from the next send',
  description: 'Refused (400, `details.problems` as the check lists them) unless it passes every check.',
  request: { params: TemplateNameParams, body: jsonBody(TemplateDraft) },
  responses: { 201: json(SavedTemplate, 'Saved and in use'), ...problems(400, 401, 403, 404) },
});

function requireTemplate(name: string) {
  const entry = findTemplate(name);
  if (!entry) throw new AppError('not_found', `there is no template "${name}"; the templates are ${templateCatalog.map((t) => t.name).join(', ')}`);
  return entry;
}

export function templateRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(list, async (c) => {
      const own = (await templatesInUse(db, c.get('principal').orgId, templateCatalog.map((t) => t.name))).map(templateSourceFromRow);
      const shipped = shippedTemplates();
      const data = templateCatalog.map((entry) => {
        const inUse = shipped
          .filter((source) => source.name === entry.name)
          .map((source) => own.find((mine) => mine.channel === source.channel && mine.language === source.language) ?? source)
          .map((source) => ({ channel: source.channel, language: source.language, version: source.version, origin: source.version === 0 ? ('shipped' as const) : ('organisation' as const), hash: source.hash }));
        return { name: entry.name, tone: entry.tone, purpose: entry.purpose, channels: entry.channels.filter((channel): channel is MessageChannel => channel !== 'review'), inUse };
      });
      return sendJson(c, TemplateList, { data }, 200);
    })
    .openapi(text, async (c) => {
      const entry = requireTemplate(c.req.valid('param').name);
      const { channel, language } = c.req.valid('query');
      const own = (await templatesInUse(db, c.get('principal').orgId, [entry.name])).map(templateSourceFromRow).find((t) => t.channel === channel && t.language === language);
      const source = own ?? shippedTemplates().find((t) => t.name === entry.name && t.channel === channel && t.language === language);
      if (!source) throw new AppError('not_found', `there is no "${entry.name}" template for ${channel} in ${language}`);
      return sendJson(c, TemplateText, { name: entry.name, channel, language, version: source.version, origin: own ? 'organisation' : 'shipped', hash: source.hash, text: templateFileText(source) }, 200);
    })
    .openapi(check, async (c) => {
      const entry = requireTemplate(c.req.valid('param').name);
      const draft = c.req.valid('json');
      if (!(entry.channels as readonly string[]).includes(draft.channel)) throw new AppError('invalid_input', `"${entry.name}" exists for ${entry.channels.join(', ')}; got "${draft.channel}"`);
      const org = await requireOrg(db, c.get('principal').orgId);
      let parts;
      try {
        parts = draftParts(draft.text, draft.channel);
      } catch (error) {
        // A file that does not even split into its parts (an email without its Subject line) is its first problem.
        if (!isAppError(error)) throw error;
        return sendJson(c, TemplateCheck, { problems: [{ part: 'subject' as const, kind: 'missing', message: error.message, line: 1, column: 1 }] }, 200);
      }
      const source = templateSource({ name: entry.name, channel: draft.channel, language: draft.language, version: 0, ...parts });
      return sendJson(c, TemplateCheck, { problems: checkTemplate(source, { legalEnabled: collectionSettings(org.settings).legalEnabled }) }, 200);
    })
    .openapi(preview, async (c) => {
      const name = c.req.valid('param').name;
      const body = c.req.valid('json');
      const org = await requireOrg(db, c.get('principal').orgId);
      let customer: string | undefined;
      if (body.customerId !== undefined) {
        const row = await db.selectFrom('customers').select('external_id').where('org_id', '=', org.id).where('id', '=', body.customerId).executeTakeFirst();
        if (!row) throw new AppError('not_found', `there is no customer ${body.customerId}`);
        customer = row.external_id;
      }
      const shown = await previewTemplate(db, org, { name, channel: body.channel, language: body.language, customer, draft: body.text, now: instantNow(deps.now) });
      const { rendered } = shown;
      return sendJson(c, TemplatePreview, { template: shown.template, basis: shown.basis, subject: rendered.subject, text: rendered.text, html: rendered.html, voicemail: rendered.voicemail, deadlineOn: rendered.deadlineOn }, 200);
    })
    .openapi(versions, async (c) => {
      const entry = requireTemplate(c.req.valid('param').name);
      const rows = await templateVersions(db, c.get('principal').orgId, entry.name);
      const names = await actorNames(db, c.get('principal').orgId, rows.map((row) => row.created_by));
      const data = rows.map((row) => ({ id: String(row.id), channel: row.channel as MessageChannel, language: row.language, version: row.version, hash: row.source_hash, createdBy: row.created_by, createdByName: nameOf(names, row.created_by), createdAt: row.created_at, text: templateFileText(row) }));
      return sendJson(c, TemplateVersionList, { data }, 200);
    })
    .openapi(save, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'saving a template');
      const name = requireTemplate(c.req.valid('param').name).name;
      const draft = c.req.valid('json');
      const row = await saveTemplate(db, await requireOrg(db, principal.orgId), { name, ...draft, actor: actorOf(principal), now: instantNow(deps.now) });
      return sendJson(c, SavedTemplate, { name: row.name, channel: row.channel as MessageChannel, language: row.language, version: row.version, hash: row.source_hash }, 201);
    });
}
