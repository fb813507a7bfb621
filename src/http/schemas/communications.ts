// The timeline and the copies of messages, as the API returns them.
import { messageChannels } from '../../domain/playbooks/playbook.ts';
import { z } from '@hono/zod-openapi';
import type { CommunicationRow, TimelineEntry } from '../../db/queries/communications.ts';
import { Id, IdInput, Timestamp } from './common.ts';
import { pageOf } from './pagination.ts';

const FileRef = z
  .object({ id: Id, name: z.string(), contentType: z.string(), size: z.int(), sha256: z.string().openapi({ description: 'SHA-256 of the bytes, hex' }) })
  .openapi('CommunicationFile');

const communicationFields = {
  id: Id,
  customerId: Id.nullable(),
  actionId: Id.nullable(),
  direction: z.enum(['outbound', 'inbound']),
  channel: z.enum(messageChannels),
  template: z
    .object({ name: z.string(), version: z.int().openapi({ description: "0: as shipped with Arrears; n: the organisation's version n" }), hash: z.string().nullable(), language: z.string().nullable() })
    .nullable(),
  subject: z.string().nullable(),
  sender: z.string().nullable(),
  recipients: z.array(z.string()),
  messageId: z.string().nullable().openapi({ description: 'the Message-ID of an email, chosen before it was sent' }),
  transport: z.string().openapi({ description: 'smtp, outbox-file (written as .eml, not delivered), letter, sms-provider' }),
  delivered: z.boolean().openapi({ description: 'false: written to the outbox folder, or a letter not yet posted' }),
  providerReference: z.string().nullable(),
  sentAt: Timestamp,
  files: z.array(FileRef),
};

export const CommunicationSummary = z.object(communicationFields).openapi('CommunicationSummary');

export const Communication = z
  .object({ ...communicationFields, text: z.string().nullable(), html: z.string().nullable() })
  .openapi('Communication');

export const TimelineEntrySchema = z
  .object({
    id: Id,
    kind: z.string().openapi({ example: 'email_sent' }),
    occurredAt: Timestamp,
    actor: z.string(),
    summary: z.string(),
    data: z.record(z.string(), z.unknown()),
    communication: CommunicationSummary.nullable().openapi({ description: 'for a message sent or received: its copy (GET /communications/{id} for the text)' }),
  })
  .openapi('TimelineEntry');

export const TimelinePage = pageOf(TimelineEntrySchema, 'TimelinePage');

export const FileParams = z.object({
  id: IdInput.openapi({ param: { name: 'id', in: 'path' } }),
  fileId: IdInput.openapi({ param: { name: 'fileId', in: 'path' } }),
});

type Summary = Omit<CommunicationRow, 'body_text' | 'body_html'>;

export function toCommunicationSummary(row: Summary): z.input<typeof CommunicationSummary> {
  return {
    id: row.id.toString(),
    customerId: row.customer_id?.toString() ?? null,
    actionId: row.action_id?.toString() ?? null,
    direction: row.direction,
    channel: row.channel,
    template: row.template_name === null ? null : { name: row.template_name, version: row.template_version ?? 0, hash: row.template_hash, language: row.language },
    subject: row.subject,
    sender: row.sender,
    recipients: row.recipients,
    messageId: row.message_id,
    transport: row.transport,
    delivered: row.delivered,
    providerReference: row.provider_reference,
    sentAt: row.sent_at,
    files: row.files,
  };
}

export function toCommunication(row: CommunicationRow): z.input<typeof Communication> {
  return { ...toCommunicationSummary(row), text: row.body_text, html: row.body_html };
}

export function toTimelineEntry(entry: TimelineEntry): z.input<typeof TimelineEntrySchema> {
  return {
    id: entry.id.toString(),
    kind: entry.kind,
    occurredAt: entry.occurredAt,
    actor: entry.actor,
    summary: entry.summary,
    data: entry.data,
    communication: entry.communication ? toCommunicationSummary(entry.communication) : null,
  };
}
