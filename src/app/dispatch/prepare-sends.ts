// Turns a batch of claimed sends of one organisation into what to do with each: send this
// rendered message to these recipients, or don't (and why). Reads the facts for the whole batch in
// a few queries, then decides per send with the pure send check and the message model builder.
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { toDebtor } from '../../db/queries/debtor-contact.ts';
import { regionCode } from '../../domain/compliance/jurisdiction.ts';
import { readMessageFacts, type FactsContact, type MessageFacts } from '../../db/queries/message-facts.ts';
import type { ClaimedSend } from '../../db/queries/outbox.ts';
import { templatesInUse, templateSourceFromRow } from '../../db/queries/templates.ts';
import type { Channel, Org } from '../../db/schema.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { collectionSettings, type CollectionSettings } from '../../domain/collection-settings.ts';
import type { ProposedAction } from '../../domain/cycle/plan.ts';
import { sendCheck, type SendDecision } from '../../domain/dispatch/send-check.ts';
import { buildMessageModel, type ContactFacts, type MessageRecipients } from '../../domain/messages/build-message-model.ts';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { builtInPlaybooks } from '../../domain/playbooks/default-playbooks.ts';
import { playbookSchema, type Playbook } from '../../domain/playbooks/playbook.ts';
import { shippedTemplate } from '../../domain/templates/shipped-templates.ts';
import type { TemplateChannel, TemplateSource } from '../../domain/templates/template-source.ts';
import { AppError } from '../../errors.ts';
import { builtInVersion } from '../load-playbooks.ts';

export type PreparedSend =
  | { send: ClaimedSend; go: true; model: MessageModel; recipients: MessageRecipients; template: TemplateSource; smtpUrl: string | null }
  | { send: ClaimedSend; go: false; decision: Exclude<SendDecision, { send: true }> };

export async function prepareSends(db: Executor, org: Org, sends: readonly ClaimedSend[], now: Temporal.Instant): Promise<PreparedSend[]> {
  const settings = collectionSettings(org.settings);
  const date = now.toZonedDateTimeISO(org.time_zone).toPlainDate().toString();
  const facts = await readFactsFor(db, org, sends, date);
  const own = await templatesInUse(db, org.id, [...new Set(sends.map((s) => s.template).filter((t): t is string => t !== null))]);
  return sends.map((send) => prepareOne(send, org, settings, facts, own.map(templateSourceFromRow), now, date));
}

/** The facts behind the messages of these actions of one organisation, read in a few queries. */
export function readFactsFor(db: Executor, org: Org, actions: readonly ActionForMessage[], date: IsoDate): Promise<MessageFacts> {
  const playbookKeys = uniqueBy(
    actions.filter((a) => a.playbookName !== null && a.playbookVersion !== null && a.playbookVersion !== builtInVersion).map((a) => ({ name: a.playbookName!, version: a.playbookVersion! })),
    (p) => `${p.name}@${p.version}`,
  );
  return readMessageFacts(db, org.id, org.time_zone, [...new Set(actions.map((a) => a.customerId))], [...new Set(actions.flatMap((a) => a.invoiceIds))], playbookKeys, date);
}

function prepareOne(send: ClaimedSend, org: Org, settings: CollectionSettings, facts: MessageFacts, own: readonly TemplateSource[], now: Temporal.Instant, date: IsoDate): PreparedSend {
  const customer = facts.customers.get(send.customerId)!;
  const { model, recipients, contacts, invoices } = messageModelFor(send, org, settings, facts, date);
  const reachable = send.channel === 'email' ? recipients.emails.length > 0 : send.channel === 'sms' ? recipients.phones.length > 0 : recipients.postal;
  const decision = sendCheck(
    proposalOf(send, invoices.map((invoice) => ({ id: invoice.id, number: invoice.number, currency: invoice.currency, dueDate: invoice.due_date, amount: invoice.balance }))),
    {
      debtor: toDebtor({ ...customer, city: contacts.find((c) => c.city)?.city ?? null, last_conversation_on: null }),
      reachable,
      excludedReason: customer.excluded_reason,
      erased: customer.erased_at !== null,
      onHold: customer.on_hold,
      chaseableInvoices: model.invoices.length,
    },
    settings,
    now,
  );
  if (!decision.send) return { send, go: false, decision };
  if (send.template === 'validation-notice' && model.agency && !model.creditor) {
    const reason = `The validation notice must name the creditor the debt is owed to; set it with \`arrears customer creditor ${customer.external_id} "<name>"\`, then retry this send.`;
    return { send, go: false, decision: { send: false, status: 'blocked', rule: 'no-creditor', reason } };
  }
  const template = templateFor(send, model, own);
  if (!template) {
    return {
      send,
      go: false,
      decision: { send: false, status: 'blocked', rule: 'no-template', reason: `There is no "${send.template}" template for ${send.channel} in ${model.language}.` },
    };
  }
  return { send, go: true, model, recipients, template, smtpUrl: org.smtp_url };
}

/** What the model of a message (or a call script) needs to know about the action behind it. */
export type ActionForMessage = Pick<ClaimedSend, 'customerId' | 'invoiceIds' | 'stepKey' | 'stepName' | 'stepIndex' | 'tone' | 'playbookName' | 'playbookVersion'> & { channel: Channel };

/** The message model of an action from the facts read for its batch, with its recipients. */
export function messageModelFor(action: ActionForMessage, org: Org, settings: CollectionSettings, facts: MessageFacts, date: IsoDate) {
  const customer = facts.customers.get(action.customerId);
  if (!customer) throw new AppError('not_found', `there is no customer ${action.customerId}`);
  const contacts = (facts.contacts.get(action.customerId) ?? []).map(contactFacts);
  const invoices = action.invoiceIds.map((id) => facts.invoices.get(id)).filter((invoice) => invoice !== undefined);
  const chaseable = invoices.map((invoice) => ({
    number: invoice.number,
    issueDate: invoice.issue_date,
    dueDate: invoice.due_date,
    currency: invoice.currency,
    total: invoice.total,
    charged: invoice.charged,
    allocated: invoice.allocated,
    balance: invoice.balance,
    terms: invoice.terms,
    chaseable: invoice.status === 'open' && invoice.balance > 0n && !invoice.disputed && !invoice.on_hold,
  }));
  const oldestDue = chaseable.filter((i) => i.chaseable).map((i) => i.dueDate).sort()[0] ?? null;
  const built = buildMessageModel({
    org: {
      name: org.name,
      senderName: org.sender_name,
      senderEmail: org.sender_email,
      replyTo: org.reply_to,
      phone: org.phone,
      postalAddress: org.postal_address,
      country: org.country,
      agency: settings.role === 'agency',
      legalEnabled: settings.legalEnabled,
    },
    customer: { id: customer.id, externalId: customer.external_id, name: customer.name, kind: customer.kind, country: customer.country, region: regionCode(customer.country, customer.region), language: customer.language, creditorName: customer.creditor_name },
    contacts,
    invoices: chaseable,
    step: { key: action.stepKey, name: action.stepName, tone: action.tone ?? 'friendly', channel: action.channel },
    nextStep: nextStepOf(action, facts, oldestDue, date),
    date,
  });
  return { ...built, contacts, invoices };
}

/** The organisation's own version in use, else the one Arrears ships; the customer's language first, then the other. */
export function templateFor(send: { template: string | null; channel: TemplateChannel }, model: MessageModel, own: readonly TemplateSource[]): TemplateSource | undefined {
  const name = send.template ?? '';
  const languages = [model.language, model.language === 'en-GB' ? 'en-US' : 'en-GB'] as const;
  for (const language of languages) {
    const found = own.find((t) => t.name === name && t.channel === send.channel && t.language === language) ?? shippedTemplate(name, send.channel, language);
    if (found) return found;
  }
  return undefined;
}

/** The step after this one in the action's playbook, and the day it is due, if that is still ahead. */
function nextStepOf(send: ActionForMessage, facts: MessageFacts, oldestDue: IsoDate | null, date: IsoDate): { name: string; on: IsoDate } | null {
  if (!send.playbookName || send.playbookVersion === null || !oldestDue) return null;
  const playbook = playbookOf(send.playbookName, send.playbookVersion, facts);
  const next = playbook?.steps[send.stepIndex + 1];
  if (!next) return null;
  const on = addDays(oldestDue, next.offsetDays);
  return on > date ? { name: next.name, on } : null;
}

function playbookOf(name: string, version: number, facts: MessageFacts): Playbook | undefined {
  if (version === builtInVersion) return builtInPlaybooks.find((p) => p.name === name);
  const definition = facts.playbooks.get(`${name}@${version}`);
  return definition === undefined ? undefined : playbookSchema.parse(definition);
}

/** The send as the contact rules see an action (the same shape the cycle judged). */
function proposalOf(send: ClaimedSend, invoices: ProposedAction['invoices']): ProposedAction {
  return {
    key: send.idempotencyKey,
    customerId: send.customerId,
    caseId: null,
    kind: 'send',
    channel: send.channel,
    stepKey: send.stepKey,
    stepName: send.stepName,
    stepIndex: send.stepIndex,
    tone: send.tone ?? 'friendly',
    template: send.template ?? '',
    playbook: { name: send.playbookName ?? 'manual', version: send.playbookVersion ?? 0 },
    invoices,
    amounts: {},
    applyCharges: false,
    nextStep: typeof send.data.nextStep === 'string' ? send.data.nextStep : null,
    why: '',
    blocked: null,
  };
}

function contactFacts(row: FactsContact): ContactFacts {
  return {
    name: row.name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    addressLines: [row.address_line1, row.address_line2, row.address_line3],
    city: row.city,
    region: row.region,
    postalCode: row.postal_code,
    country: row.country,
    optOutEmail: row.opt_out_email,
    optOutSms: row.opt_out_sms,
    optOutLetter: row.opt_out_letter,
    optOutPhone: row.opt_out_phone,
    emailBounced: row.email_bounced,
  };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

