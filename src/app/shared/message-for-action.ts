// The message behind an action, for whoever needs it — the dispatcher, a call script, a template
// preview: the facts read from the ledger (a few queries for a whole batch), the message model
// built from them, and the template in use for it.
import type { Executor } from '../../db/executor.ts';
import { chaseableAmount, disputedPart } from '../../db/queries/chaseable.ts';
import { historyOf, readMessageFacts, type MessageFacts } from '../../db/queries/message-facts.ts';
import type { ClaimedSend } from '../../db/queries/outbox.ts';
import type { Channel, Org } from '../../db/schema.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import type { CollectionSettings } from '../../domain/collection-settings.ts';
import { regionCode } from '../../domain/compliance/jurisdiction.ts';
import { instalmentMessageKinds, instalmentMessageStillDue, planMessageOf, type InstalmentMessageKind } from '../../domain/arrangements/instalment-messages.ts';
import { buildMessageModel } from '../../domain/messages/build-message-model.ts';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { builtInPlaybooks } from '../../domain/playbooks/default-playbooks.ts';
import { playbookSchema, type Playbook } from '../../domain/playbooks/playbook.ts';
import type { MessageChannel } from '../../domain/playbooks/playbook.ts';
import { shippedTemplate } from '../templates/shipped-templates.ts';
import type { TemplateSource } from '../../domain/templates/template-source.ts';
import { AppError } from '../../errors.ts';
import { builtInVersion } from '../playbooks/load-playbooks.ts';

/** What the model of a message (or a call script) needs to know about the action behind it. */
export type ActionForMessage = Pick<ClaimedSend, 'customerId' | 'invoiceIds' | 'stepKey' | 'stepName' | 'stepIndex' | 'tone' | 'playbookName' | 'playbookVersion' | 'template'> & {
  channel: Channel;
  /** The action's data: a payment plan's instalment message names its plan and instalment there. */
  data?: Record<string, unknown>;
};

/** The plan, instalment and message of an action about a payment plan's instalment (src/app/arrangements/plan-instalment-messages.ts); null for any other. */
export function instalmentMessageOf(action: Pick<ActionForMessage, 'data'>): { planId: bigint; seq: number; kind: InstalmentMessageKind } | null {
  const data = action.data ?? {};
  const kind = data.planMessage;
  if (typeof data.planId !== 'string' || typeof data.seq !== 'number' || !(instalmentMessageKinds as readonly unknown[]).includes(kind)) return null;
  return { planId: BigInt(data.planId), seq: data.seq, kind: kind as InstalmentMessageKind };
}

/** The facts behind the messages of these actions of one organisation, read in a few queries. */
export function readFactsFor(db: Executor, org: Org, actions: readonly ActionForMessage[], date: IsoDate): Promise<MessageFacts> {
  const playbookKeys = uniqueBy(
    actions.filter((a) => a.playbookName !== null && a.playbookVersion !== null && a.playbookVersion !== builtInVersion).map((a) => ({ name: a.playbookName!, version: a.playbookVersion! })),
    (p) => `${p.name}@${p.version}`,
  );
  const planIds = [...new Set(actions.map((a) => instalmentMessageOf(a)?.planId).filter((id) => id !== undefined))];
  return readMessageFacts(db, org.id, org.time_zone, [...new Set(actions.map((a) => a.customerId))], [...new Set(actions.flatMap((a) => a.invoiceIds))], playbookKeys, date, planIds);
}

/** The message model of an action from the facts read for its batch, with its recipients. */
export function messageModelFor(action: ActionForMessage, org: Org, settings: CollectionSettings, facts: MessageFacts, date: IsoDate) {
  const customer = facts.customers.get(action.customerId);
  if (!customer) throw new AppError('not_found', `there is no customer ${action.customerId}`);
  const contacts = facts.contacts.get(action.customerId) ?? [];
  const invoices = action.invoiceIds.map((id) => facts.invoices.get(id)).filter((invoice) => invoice !== undefined);
  const chaseable = invoices.map((invoice) => {
    // the one rule of what may be chased (chaseable.ts): a partly disputed invoice for the rest
    const chase = { open: invoice.status === 'open', balance: invoice.balance, disputed: invoice.disputed, invoiceHeld: invoice.on_hold, customerHeld: customer.on_hold, promised: customer.promised, arranged: invoice.arranged };
    return {
      number: invoice.number,
      issueDate: invoice.issue_date,
      dueDate: invoice.due_date,
      currency: invoice.currency,
      total: invoice.total,
      charged: invoice.charged,
      allocated: invoice.allocated,
      balance: invoice.balance,
      terms: invoice.terms,
      chaseable: chaseableAmount(chase),
      disputed: disputedPart(chase),
    };
  });
  const oldestDue = chaseable.filter((i) => i.chaseable > 0n).map((i) => i.dueDate).sort()[0] ?? null;
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
      paymentInstructions: org.payment_instructions,
    },
    customer: { id: customer.id, externalId: customer.external_id, name: customer.name, kind: customer.kind, country: customer.country, region: regionCode(customer.country, customer.region), language: customer.language, creditorName: customer.creditor_name },
    contacts,
    invoices: chaseable,
    step: { key: action.stepKey, name: action.stepName, tone: action.tone ?? 'friendly', channel: action.channel },
    nextStep: nextStepOf(action, facts, oldestDue, date),
    history: historyOf(facts, action.customerId),
    template: action.template ?? action.stepKey,
    date,
    plan: planOf(action, facts),
  });
  // the action's invoices as read, each with what may be chased on it now
  return { ...built, contacts, invoices: invoices.map((invoice, n) => ({ ...invoice, chaseable: chaseable[n]!.chaseable })) };
}

function planOf(action: ActionForMessage, facts: MessageFacts) {
  const about = instalmentMessageOf(action);
  const plan = about && facts.plans.get(about.planId);
  return plan ? planMessageOf(plan, about.seq) : null;
}

/**
 * For an instalment message, whether it is still true now (the dispatcher's last look, in place
 * of what may be chased: its invoices are the plan's, not chased); undefined for any other action.
 */
export function instalmentMessageCheck(action: ActionForMessage, facts: MessageFacts): ReturnType<typeof instalmentMessageStillDue> | undefined {
  const about = instalmentMessageOf(action);
  if (!about) return undefined;
  const plan = facts.plans.get(about.planId);
  const instalment = plan?.instalments.find((i) => i.seq === about.seq);
  return plan && instalment ? instalmentMessageStillDue(about.kind, plan, instalment) : { due: false, reason: `Payment plan ${about.planId} has no instalment ${about.seq} any more.` };
}

/** The organisation's own version in use, else the one Arrears ships; the customer's language first, then the other. */
export function templateFor(send: { template: string | null; channel: MessageChannel }, model: MessageModel, own: readonly TemplateSource[]): TemplateSource | undefined {
  const name = send.template ?? '';
  const languages = [model.language, model.language === 'en-GB' ? 'en-US' : 'en-GB'] as const;
  for (const language of languages) {
    const found = own.find((t) => t.name === name && t.channel === send.channel && t.language === language) ?? shippedTemplate(name, send.channel, language);
    if (found) return found;
  }
  return undefined;
}

/**
 * The step after this one in the action's playbook, if it is still ahead. Named only: the date a
 * message gives is its payment deadline, never this step's day (which may be tomorrow).
 */
function nextStepOf(send: ActionForMessage, facts: MessageFacts, oldestDue: IsoDate | null, date: IsoDate): { name: string } | null {
  if (!send.playbookName || send.playbookVersion === null || !oldestDue) return null;
  const playbook = playbookOf(send.playbookName, send.playbookVersion, facts);
  const next = playbook?.steps[send.stepIndex + 1];
  if (!next) return null;
  const on = addDays(oldestDue, next.offsetDays);
  return on > date ? { name: next.name } : null;
}

function playbookOf(name: string, version: number, facts: MessageFacts): Playbook | undefined {
  if (version === builtInVersion) return builtInPlaybooks.find((p) => p.name === name);
  const definition = facts.playbooks.get(`${name}@${version}`);
  return definition === undefined ? undefined : playbookSchema.parse(definition);
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

