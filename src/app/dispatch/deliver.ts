// Renders a prepared send and hands it to its channel: email (SMTP or the .eml outbox), a PDF
// letter (queued for the day's post), or an SMS through the provider. Returns the exact copy to
// keep; throws a SendError when the channel refused or failed.
import type { EmailTransport } from '../../channels/email/email-transport.ts';
import { composeEmail, type EmailAttachment } from '../../channels/email/email-message.ts';
import { letterKindFor } from '../../channels/letters/letter-kind.ts';
import type { PaperSize } from '../../channels/letters/paper.ts';
import { UnprintableText } from '../../channels/letters/pdf-document.ts';
import { renderLetter } from '../../channels/letters/render-letter.ts';
import { SendError } from '../../channels/send-error.ts';
import type { SmsProvider } from '../../channels/sms/sms-provider.ts';
import { toE164 } from '../../channels/sms/phone-number.ts';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { renderTemplate, type RenderedMessage } from '../../domain/templates/render-template.ts';
import type { PreparedSend } from './prepare-sends.ts';

export interface ChannelSenders {
  /** The server's email transport: SMTP_URL, or the .eml outbox. */
  email: EmailTransport;
  /** The transport of an organisation with its own SMTP server (one per URL, kept open). */
  emailVia?: (smtpUrl: string) => EmailTransport;
  /** Null when SMS is not configured: an SMS send then fails visibly. */
  sms: { provider: SmsProvider; from: string } | null;
}

export interface StoredFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface Delivery {
  rendered: RenderedMessage;
  transport: string;
  delivered: boolean;
  sender: string | null;
  recipients: string[];
  /** Recipients refused while others were accepted: their addresses bounced. */
  rejected: string[];
  providerReference: string | null;
  files: StoredFile[];
}

export async function deliver(prepared: Extract<PreparedSend, { go: true }>, senders: ChannelSenders): Promise<Delivery> {
  const { model, recipients, template, send } = prepared;
  const rendered = render(prepared);
  switch (send.channel) {
    case 'email': {
      const attachments = await emailAttachments(model, prepared.paperSize);
      const message = composeEmail({ model, to: recipients.emails, subject: rendered.subject ?? send.stepName, text: rendered.text, html: rendered.html ?? '', messageId: send.messageId, attachments });
      const transport = prepared.smtpUrl && senders.emailVia ? senders.emailVia(prepared.smtpUrl) : senders.email;
      const result = await transport.send(message);
      return {
        rendered,
        transport: result.transport,
        delivered: result.delivered,
        sender: `${message.from.name} <${message.from.address}>`,
        recipients: result.accepted,
        rejected: result.rejected,
        providerReference: result.reference,
        files: attachments.map((a) => ({ name: a.filename, contentType: a.contentType, bytes: a.content })),
      };
    }
    case 'letter': {
      const pdf = await printable(() => renderLetter({ kind: letterKindFor(template.name), model, body: rendered.text, creditor: model.creditor ?? undefined, paperSize: prepared.paperSize }));
      const addressee = [model.contact.name ?? model.customer.name, ...model.contact.address.lines].join(', ');
      // Not delivered yet: the letter waits in the day's batch (`arrears letters batch`) for the post.
      return { rendered, transport: 'letter', delivered: false, sender: model.org.name, recipients: [addressee], rejected: [], providerReference: null, files: [{ name: `letter-${send.id}.pdf`, contentType: 'application/pdf', bytes: pdf }] };
    }
    case 'sms': {
      if (!senders.sms) throw new SendError('SMS is not configured: set SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM (a Twilio-compatible provider), or remove SMS from the playbook', false);
      const to = recipients.phones.map((phone) => toE164(phone, model.customer.country ?? model.org.country)).find((n) => n !== null);
      if (!to) throw new SendError(`no phone number of this customer can be written in international form (${recipients.phones.join(', ')})`, true, true);
      const result = await senders.sms.provider.send({ to, from: senders.sms.from, body: rendered.text });
      return { rendered, transport: 'sms-provider', delivered: true, sender: senders.sms.from, recipients: [to], rejected: [], providerReference: result.providerReference, files: [] };
    }
  }
}

/** A letter with a character no font has is not printed with a wrong one: the send fails for good, saying which. */
async function printable(render: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await render();
  } catch (error) {
    if (error instanceof UnprintableText) throw new SendError(error.message, true);
    throw error;
  }
}

/** A template that does not render (an unknown variable in an organisation's version) fails the send for good. */
function render({ template, model }: Extract<PreparedSend, { go: true }>): RenderedMessage {
  try {
    return renderTemplate(template, model);
  } catch (error) {
    throw new SendError(`the template "${template.name}" (${template.channel}, ${template.language}, version ${template.version}) could not be rendered: ${(error as Error).message}`, true);
  }
}

/**
 * A statement of account goes with every firm or later email, so the customer has the formal
 * record in hand; friendly reminders list the invoices in the message and stay light.
 */
async function emailAttachments(model: MessageModel, paperSize: PaperSize): Promise<EmailAttachment[]> {
  if (model.step.tone === 'friendly') return [];
  const pdf = await printable(() => renderLetter({ kind: 'statement-of-account', model, body: '', paperSize }));
  return [{ filename: `statement-${model.customer.externalId}-${model.date}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_'), contentType: 'application/pdf', content: pdf }];
}
