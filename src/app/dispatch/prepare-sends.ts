// Turns a batch of claimed sends of one organisation into what to do with each: send this
// rendered message to these recipients, or don't (and why). Reads the facts for the whole batch in
// a few queries, then decides per send with the pure send check and the message model builder.
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { toDebtor } from '../../db/queries/debtor-contact.ts';
import type { MessageFacts } from '../../db/queries/message-facts.ts';
import type { ClaimedSend } from '../../db/queries/outbox.ts';
import { orgPaperSize } from '../../channels/letters/org-paper.ts';
import type { PaperSize } from '../../channels/letters/paper.ts';
import { templatesInUse, templateSourceFromRow } from '../../db/queries/templates.ts';
import type { Org } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { collectionSettings, type CollectionSettings } from '../../domain/collection-settings.ts';
import type { ContactAttempt } from '../../domain/compliance/contact-attempt.ts';
import { sendCheck, type SendDecision } from '../../domain/dispatch/send-check.ts';
import type { MessageRecipients } from '../../domain/messages/build-message-model.ts';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import type { TemplateSource } from '../../domain/templates/template-source.ts';
import { heldForReturnAddress } from './return-address.ts';
import { instalmentMessageCheck, messageModelFor, readFactsFor, templateFor } from '../shared/message-for-action.ts';

export type PreparedSend =
  | { send: ClaimedSend; go: true; model: MessageModel; recipients: MessageRecipients; template: TemplateSource; smtpUrl: string | null; paperSize: PaperSize }
  | { send: ClaimedSend; go: false; decision: Exclude<SendDecision, { send: true }> };

export async function prepareSends(db: Executor, org: Org, sends: readonly ClaimedSend[], now: Temporal.Instant): Promise<PreparedSend[]> {
  const settings = collectionSettings(org.settings);
  const date = now.toZonedDateTimeISO(org.time_zone).toPlainDate().toString();
  const facts = await readFactsFor(db, org, sends, date);
  const own = (await templatesInUse(db, org.id, [...new Set(sends.map((s) => s.template).filter((t): t is string => t !== null))])).map(templateSourceFromRow);
  return sends.map((send) => prepareOne(send, org, settings, facts, own, now, date));
}

function prepareOne(send: ClaimedSend, org: Org, settings: CollectionSettings, facts: MessageFacts, own: readonly TemplateSource[], now: Temporal.Instant, date: IsoDate): PreparedSend {
  const customer = facts.customers.get(send.customerId)!;
  const { model, recipients, contacts, invoices } = messageModelFor(send, org, settings, facts, date);
  const reachable = send.channel === 'email' ? recipients.emails.length > 0 : send.channel === 'sms' ? recipients.phones.length > 0 : recipients.postal;
  const decision = sendCheck(
    attemptOf(send, invoices[0]?.due_date ?? null),
    {
      debtor: toDebtor({ ...customer, city: contacts.find((c) => c.city)?.city ?? null, last_conversation_on: null }),
      reachable,
      excludedReason: customer.excluded_reason,
      erased: customer.erased_at !== null,
      onHold: customer.on_hold,
      promised: customer.promised,
      chaseable: model.invoices.map((invoice) => invoice.balance),
      instalmentMessage: instalmentMessageCheck(send, facts),
    },
    settings,
    now,
  );
  if (!decision.send) return { send, go: false, decision };
  const held = heldForReturnAddress(org, send.channel, now);
  if (held) return { send, go: false, decision: held };
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
  return { send, go: true, model, recipients, template, smtpUrl: org.smtp_url, paperSize: orgPaperSize(org) };
}

/** The send as the contact rules see an attempt (as the cycle's proposal was judged when it was planned). */
function attemptOf(send: ClaimedSend, oldestDueDate: IsoDate | null): ContactAttempt {
  return {
    kind: 'send',
    channel: send.channel,
    template: send.template ?? '',
    stepName: send.stepName,
    tone: send.tone ?? 'friendly',
    nextStep: typeof send.data.nextStep === 'string' ? send.data.nextStep : null,
    oldestDueDate,
  };
}
