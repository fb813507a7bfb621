// "Send me a test email": one short email, from the organisation's sender address through the
// server its messages go by (its own SMTP server, or the installation's SMTP_URL), to the person
// asking. The answer is what the server said — accepted, or its error — so an owner who has just
// typed an SMTP password learns at once whether it works, not when the first reminder bounces.
import type { EmailTransport } from '../../channels/email/email-transport.ts';
import type { Org } from '../../db/schema.ts';

export type TestEmailResult = { sent: true; to: string; serverReply: string } | { sent: false; to: string; why: string };

export async function sendTestEmail(
  /** The organisation's transport, or null when it cannot send real email; may throw (e.g. a stored password that cannot be opened). */
  openTransport: () => EmailTransport | null,
  org: Pick<Org, 'name' | 'sender_name' | 'sender_email' | 'reply_to' | 'smtp_url'>,
  to: string,
  messageId: string,
): Promise<TestEmailResult> {
  if (!org.sender_email) return { sent: false, to, why: 'the organisation has no sender email address: set one first (messages are sent from it)' };
  try {
    const transport = openTransport();
    if (!transport) return { sent: false, to, why: 'no SMTP server is set (the organisation’s own, or the installation’s SMTP_URL), so emails are only written to the outbox folder' };
    const via = org.smtp_url ? 'the organisation’s own SMTP server' : 'the installation’s SMTP server (SMTP_URL)';
    const text = `This is a test email from Arrears, sent through ${via}. It arrived, so ${org.name}'s reminders can be sent this way.`;
    const result = await transport.send({
      from: { name: org.sender_name ?? org.name, address: org.sender_email },
      replyTo: org.reply_to,
      to: [to],
      subject: `Test email from ${org.name} on Arrears`,
      text,
      html: `<p>${text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)}</p>`,
      messageId,
      headers: {},
      attachments: [],
    });
    if (!result.delivered) return { sent: false, to, why: 'the email was written to the outbox folder, not sent' };
    if (result.rejected.length > 0) return { sent: false, to, why: `the server refused the address ${result.rejected.join(', ')}` };
    return { sent: true, to, serverReply: result.reference };
  } catch (error) {
    return { sent: false, to, why: (error as Error).message };
  }
}
