// The template contract: the catalogue with the version of each channel and language in use, a
// template's text as a template file (what `arrears template save --file` takes), the checks run
// before a version is saved, a preview, and the saved versions.
import { z } from '@hono/zod-openapi';
import { messageLanguages } from '../../domain/messages/message-model.ts';
import { messageChannels } from '../../domain/playbooks/playbook.ts';
import { ActorName, Id, IdInput, IsoDate, Timestamp } from './common.ts';

const Channel = z.enum(messageChannels);
const Language = z.enum(messageLanguages);
const Origin = z.enum(['shipped', 'organisation', 'draft']).openapi({ description: 'shipped with Arrears (version 0), your saved version, or the unsaved text sent' });

export const TemplateNameParams = z.object({ name: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a template name such as reminder-missed').openapi({ param: { name: 'name', in: 'path' }, example: 'reminder-missed' }) });

const Variant = z.object({
  channel: Channel,
  language: Language,
  version: z.int().openapi({ description: 'in use: 0 is the shipped text' }),
  origin: Origin,
  hash: z.string(),
});

export const TemplateSummary = z
  .object({ name: z.string(), tone: z.string(), purpose: z.string(), channels: z.array(Channel), inUse: z.array(Variant).openapi({ description: 'each channel and language with a text, and the version in use' }) })
  .openapi('TemplateSummary');
export const TemplateList = z.object({ data: z.array(TemplateSummary) }).openapi('TemplateList');

export const TemplateTextQuery = z.strictObject({ channel: Channel, language: Language });
export const TemplateText = z
  .object({
    name: z.string(),
    channel: Channel,
    language: Language,
    version: z.int(),
    origin: Origin,
    hash: z.string(),
    text: z.string().openapi({ description: 'as a template file: an email starts with "Subject: …" and a blank line; a call script may end with a line "--- voicemail ---" and the voicemail' }),
  })
  .openapi('TemplateText');

export const TemplateDraft = z
  .strictObject({ channel: Channel, language: Language, text: z.string().max(100_000) })
  .openapi('TemplateDraft');

export const TemplateProblem = z
  .object({
    part: z.enum(['subject', 'body', 'voicemail']),
    kind: z.string().openapi({ description: 'missing, syntax, variable, unsupported, render, length or wording (the compliance lint)' }),
    message: z.string(),
    line: z.int().nullable().openapi({ description: '1-based line within the part' }),
    column: z.int().nullable(),
    rule: z.object({ id: z.string(), citation: z.string(), phrase: z.string() }).optional().openapi({ description: 'wording problems: the rule, its citation and the words it refused' }),
  })
  .openapi('TemplateProblem');
export const TemplateCheck = z.object({ problems: z.array(TemplateProblem).openapi({ description: 'empty: it can be saved' }) }).openapi('TemplateCheck');

export const TemplatePreviewRequest = z
  .strictObject({
    channel: Channel,
    language: Language.optional().openapi({ description: "default: the customer's, or the organisation's for sample data" }),
    customerId: IdInput.optional().openapi({ description: 'render what would be sent to this customer today; default: sample data' }),
    text: z.string().max(100_000).optional().openapi({ description: 'an unsaved draft (as a template file) to preview instead of the version in use' }),
  })
  .openapi('TemplatePreviewRequest');

export const TemplatePreview = z
  .object({
    template: z.object({ name: z.string(), channel: Channel, language: z.string(), version: z.int(), hash: z.string(), origin: Origin }),
    basis: z.enum(['outbox', 'cycle', 'chaseable']).nullable().openapi({ description: "with a customer: the send waiting in the outbox, what today's cycle would plan, or their chaseable invoices; null for sample data" }),
    subject: z.string().nullable(),
    text: z.string(),
    html: z.string().nullable().openapi({ description: 'email only: show it in a sandboxed frame' }),
    voicemail: z.string().nullable(),
    deadlineOn: IsoDate.nullable(),
  })
  .openapi('TemplatePreview');

export const TemplateVersion = z
  .object({ id: Id, channel: Channel, language: z.string(), version: z.int(), hash: z.string(), createdBy: z.string(), createdByName: ActorName, createdAt: Timestamp, text: z.string() })
  .openapi('TemplateVersion');
export const TemplateVersionList = z.object({ data: z.array(TemplateVersion).openapi({ description: 'newest first within each channel and language' }) }).openapi('TemplateVersionList');

export const SavedTemplate = z.object({ name: z.string(), channel: Channel, language: z.string(), version: z.int(), hash: z.string() }).openapi('SavedTemplate');
