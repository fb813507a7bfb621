// `arrears template preview <name> [--customer <external id>]`: a template rendered exactly as it
// would be sent — to a real customer, what the dispatcher would send them today (the same
// invoices, amounts and deadline, by the dispatcher's own code), or with sample data — from the
// organisation's version in use, the shipped one, or a draft file not yet saved.
import type { MessageChannel } from '../../domain/playbooks/playbook.ts';
import { sql, type Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { templatesInUse, templateSourceFromRow } from '../../db/queries/templates.ts';
import { toClaimedSend, type ClaimedSend } from '../../db/queries/outbox.ts';
import type { DB, Org } from '../../db/schema.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import type { MessageLanguage, MessageModel } from '../../domain/messages/message-model.ts';
import { messageLanguages } from '../../domain/messages/message-model.ts';
import { messageLanguageFor } from '../../domain/messages/message-language.ts';
import { findTemplate, templateCatalog, type TemplateEntry } from '../../domain/templates/catalog.ts';
import { renderTemplate, type RenderedMessage } from '../../domain/templates/render-template.ts';
import { sampleMessageModel } from '../../domain/templates/sample-model.ts';
import { shippedTemplate } from './shipped-templates.ts';
import { parseTemplateFile, templateSource, type TemplateSource } from '../../domain/templates/template-source.ts';
import { AppError } from '../../errors.ts';
import { customerByExternalId } from '../shared/customer-by-external-id.ts';
import { prepareSends, type PreparedSend } from '../dispatch/prepare-sends.ts';
import { messageModelFor, readFactsFor, templateFor } from '../shared/message-for-action.ts';
import { runCycleIn } from '../cycle/run-cycle.ts';

export interface PreviewRequest {
  name: string;
  channel?: string;
  language?: string;
  /** The customer's external id (as in the accounting export), like every other command. */
  customer?: string;
  /** A draft's text (as in a template file) to preview instead of the stored or shipped version. */
  draft?: string;
  now: Temporal.Instant;
}

export interface TemplatePreview {
  template: Pick<TemplateSource, 'name' | 'channel' | 'language' | 'version' | 'hash'> & { origin: 'organisation' | 'shipped' | 'draft' };
  model: MessageModel;
  rendered: RenderedMessage;
  /** With a customer: where its invoices come from; null for sample data. */
  basis: PreviewBasis | null;
}

export async function previewTemplate(db: Kysely<DB>, org: Org, request: PreviewRequest): Promise<TemplatePreview> {
  const entry = findTemplate(request.name);
  if (!entry) throw new AppError('not_found', `there is no template "${request.name}"; the templates are ${templateCatalog.map((t) => t.name).join(', ')}`);
  const channel = (request.channel ?? entry.channels.find((c) => c !== 'review')) as MessageChannel | undefined;
  if (!channel || !(entry.channels as readonly string[]).includes(channel) || channel === ('review' as string)) {
    throw new AppError('invalid_input', `"${entry.name}" exists for ${entry.channels.filter((c) => c !== 'review').join(', ') || 'no channel with a text'}; got "${request.channel}"`);
  }
  if (request.language !== undefined && !(messageLanguages as readonly string[]).includes(request.language)) {
    throw new AppError('invalid_input', `the language must be one of ${messageLanguages.join(', ')}; got "${request.language}"`);
  }
  const orgLanguage = messageLanguageFor(null, null, org.country);
  const sample = () =>
    sampleMessageModel((request.language as MessageLanguage | undefined) ?? orgLanguage.language, {
      step: { key: entry.name, name: entry.purpose, tone: entry.tone, channel },
      org: { paymentInstructions: org.payment_instructions?.trim() || null },
      ...(orgLanguage.isoDates && !request.language ? { isoDates: true } : {}),
    });
  const found = request.customer === undefined ? { model: sample(), source: undefined, basis: null } : await customerModel(db, org, request.customer, entry, channel, request.now);
  const { model, basis } = found;
  // A language asked for is shown as its own customers read it, dates included.
  if (request.language && request.language !== model.language) {
    model.language = request.language as MessageLanguage;
    delete model.isoDates;
  }
  // The dispatcher's own choice of template when it is the one that would be sent, unless a draft or another language is asked for.
  const { source, origin } =
    found.source && request.draft === undefined && found.source.language === model.language
      ? { source: found.source, origin: found.source.version === 0 ? ('shipped' as const) : ('organisation' as const) }
      : await sourceFor(db, org, entry.name, channel, model.language, request.draft);
  return { template: { name: source.name, channel: source.channel, language: source.language, version: source.version, hash: source.hash, origin }, model, rendered: renderTemplate(source, model), basis };
}

async function sourceFor(db: Executor, org: Org, name: string, channel: MessageChannel, language: MessageLanguage, draft: string | undefined) {
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
export function draftParts(text: string, channel: MessageChannel): { subject: string | null; body: string; voicemail: string | null } {
  if (channel === 'call') {
    const [script, voicemail] = text.split(/^--- voicemail ---[ \t]*$/m);
    return { subject: null, body: parseTemplateFile(script!, channel).body, voicemail: voicemail === undefined ? null : parseTemplateFile(voicemail.replace(/^\n/, ''), channel).body };
  }
  const { subject, body } = parseTemplateFile(text, channel);
  return { subject, body, voicemail: null };
}

/** Why a customer preview lists the invoices it does. */
export type PreviewBasis =
  /** The send waiting in the outbox for this customer: exactly what the dispatcher will send. */
  | 'outbox'
  /** Today's cycle would plan it now (run and rolled back): what it would send today. */
  | 'cycle'
  /** Today's cycle plans no such message for this customer: its overdue, chaseable invoices. */
  | 'chaseable';

class Rollback extends Error {
  constructor(readonly result: { model: MessageModel; source: TemplateSource | undefined; basis: PreviewBasis }) {
    super('preview');
  }
}

/**
 * What the dispatcher would send this customer today with this template: the send already waiting
 * in the outbox, else the one today's cycle would plan (the cycle is run and rolled back), built
 * by the dispatcher's own preparation from the same facts. Nothing is written.
 */
async function customerModel(db: Kysely<DB>, org: Org, externalId: string, entry: TemplateEntry, channel: MessageChannel, now: Temporal.Instant) {
  const customer = await customerByExternalId(db, org.id, externalId);
  const date = now.toZonedDateTimeISO(org.time_zone).toPlainDate().toString();
  try {
    await db.transaction().execute(async (tx) => {
      let basis: PreviewBasis = 'outbox';
      let send = await pendingSend(tx, org.id, customer.id, entry.name, channel);
      if (!send) {
        basis = 'cycle';
        await runCycleIn(tx, org, date, { omitActions: true });
        send = await pendingSend(tx, org.id, customer.id, entry.name, channel);
      }
      if (send) {
        const [prepared] = await prepareSends(tx, org, [send], now);
        if (prepared!.go) throw new Rollback({ model: prepared!.model, source: prepared!.template, basis });
        const { decision } = prepared as Extract<PreparedSend, { go: false }>;
        // Put off to a later hour (quiet hours, one message a day) it is still the message that will go.
        if (decision.status !== 'deferred') {
          throw new AppError('conflict', `nothing would be sent to ${externalId} with "${entry.name}" today: ${decision.reason}`, { rule: decision.rule });
        }
        const facts = await readFactsFor(tx, org, [send], date);
        const { model } = messageModelFor(send, org, collectionSettings(org.settings), facts, date);
        const own = (await templatesInUse(tx, org.id, [entry.name])).map(templateSourceFromRow);
        throw new Rollback({ model, source: templateFor(send, model, own), basis });
      }
      // A message about nothing owed would show an empty letter ("invoice for  … due on ."): say so
      // instead — nothing overdue, or nothing of it that may be chased (disputed, held, promised).
      const nothingToChase = () => new AppError('conflict', `${externalId} has nothing overdue to chase today, so no "${entry.name}" would be sent to them; preview it without --customer to see it with sample data`);
      const invoiceIds = await overdueInvoices(tx, org.id, customer.id, date);
      if (invoiceIds.length === 0) throw nothingToChase();
      const action = { customerId: customer.id, invoiceIds, stepKey: entry.name, stepName: entry.name, stepIndex: 0, tone: entry.tone, playbookName: null, playbookVersion: null, template: entry.name, channel };
      const facts = await readFactsFor(tx, org, [action], date);
      const { model } = messageModelFor(action, org, collectionSettings(org.settings), facts, date);
      if (model.invoices.length === 0) throw nothingToChase();
      throw new Rollback({ model, source: undefined, basis: 'chaseable' });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}

/** The customer's send of this template that the dispatcher would claim next, as it claims it. */
async function pendingSend(db: Executor, orgId: bigint, customerId: bigint, template: string, channel: MessageChannel): Promise<ClaimedSend | undefined> {
  if (channel === 'call') return undefined;
  const row = await db
    .selectFrom('actions')
    .selectAll()
    // the debtor's zone, as the claim reads it: the day a message goes out on is theirs
    .select(
      sql<string>`coalesce((select c.time_zone from customers c where c.org_id = actions.org_id and c.id = actions.customer_id), (select o.time_zone from orgs o where o.id = actions.org_id))`.as(
        'time_zone',
      ),
    )
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'send')
    .where('template', '=', template)
    .where('channel', '=', channel)
    .where('status', 'in', ['ready', 'deferred', 'planned'])
    .orderBy('due_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  // as a claim would return it: this attempt counted, its Message-ID as stored
  return toClaimedSend({ ...row, channel: row.channel as ClaimedSend['channel'], data: row.data as Record<string, unknown>, attempts: row.attempts + 1, message_id: row.message_id ?? '' });

}

/** Open invoices past their due date: what a message of this step could ask for today. */
async function overdueInvoices(db: Executor, orgId: bigint, customerId: bigint, date: string): Promise<bigint[]> {
  const { rows } = await sql<{ id: bigint }>`
    select id from invoices where org_id = ${orgId} and customer_id = ${customerId} and status = 'open' and balance > 0 and due_date < ${date}::date order by due_date, id`.execute(db);
  return rows.map((row) => row.id);
}
