// An email as the dispatcher hands it to a transport: the organisation as sender (its own name and
// address, never ours), the customer's billing contacts as recipients, both parts, the headers a
// consumer's mail client needs to offer "unsubscribe", and the Message-ID chosen before sending.
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { SendError } from '../send-error.ts';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface EmailMessage {
  from: { name: string; address: string };
  replyTo: string | null;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  attachments: EmailAttachment[];
}

export function composeEmail(input: {
  model: MessageModel;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attachments: readonly EmailAttachment[];
}): EmailMessage {
  const { org, customer } = input.model;
  if (!org.senderEmail) {
    throw new SendError(`the organisation has no sender address: set one with \`arrears org set --sender-email billing@your-domain\` (emails go out from the organisation's own domain)`, false);
  }
  if (input.to.length === 0) throw new SendError('no usable email address for this customer (missing, opted out or bounced)', true, true);
  const replyTo = org.replyTo ?? org.senderEmail;
  const headers: Record<string, string> = {};
  // RFC 2369: consumer debts must offer a simple way to stop emails (12 CFR 1006.6(e)).
  if (customer.kind === 'consumer') headers['List-Unsubscribe'] = `<mailto:${replyTo}?subject=${encodeURIComponent(`STOP ${customer.externalId}`)}>`;
  return {
    from: { name: org.senderName, address: org.senderEmail },
    replyTo: org.replyTo,
    to: [...input.to],
    subject: input.subject,
    text: input.text,
    html: input.html,
    messageId: input.messageId,
    headers,
    attachments: [...input.attachments],
  };
}
