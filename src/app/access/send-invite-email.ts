// Emails an invitation link, from the organisation's own sender address, when the organisation
// can send real email (its own SMTP server, or the server's SMTP_URL). The link is also shown to
// the owner once, so a failed email loses nothing: the owner passes the link on by hand.
import type { EmailTransport } from '../../channels/email/email-transport.ts';
import type { Org, Role } from '../../db/schema.ts';

export type InviteEmailResult = { emailed: true } | { emailed: false; why: string };

const roleWords: Record<Role, string> = { owner: 'an owner', collector: 'a collector', viewer: 'a viewer (read only)' };

export async function sendInviteEmail(
  /** The organisation's transport, or null when it cannot send real email; may throw (e.g. a stored password that cannot be opened). */
  openTransport: () => EmailTransport | null,
  org: Pick<Org, 'name' | 'sender_name' | 'sender_email' | 'reply_to'>,
  invite: { email: string; role: Role; expiresAt: string; link: string },
  messageId: string,
): Promise<InviteEmailResult> {
  let transport: EmailTransport | null;
  try {
    transport = openTransport();
  } catch (error) {
    return { emailed: false, why: `the email could not be sent (${(error as Error).message}): pass the link on yourself` };
  }
  if (!transport) return { emailed: false, why: 'no SMTP server is set (the organisation’s own, or SMTP_URL): pass the link on yourself' };
  if (!org.sender_email) return { emailed: false, why: 'the organisation has no sender address: pass the link on yourself' };
  const expires = invite.expiresAt.slice(0, 10);
  const text = [
    `You are invited to join ${org.name} on Arrears as ${roleWords[invite.role]}.`,
    '',
    `Open this link to choose your password and sign in (it works once, until ${expires}):`,
    invite.link,
    '',
    `If you did not expect this, ignore this email.`,
  ].join('\n');
  const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const html = `<p>You are invited to join ${escape(org.name)} on Arrears as ${roleWords[invite.role]}.</p><p><a href="${escape(invite.link)}">Choose your password and sign in</a> (the link works once, until ${expires}).</p><p>If you did not expect this, ignore this email.</p>`;
  try {
    const result = await transport.send({
      from: { name: org.sender_name ?? org.name, address: org.sender_email },
      replyTo: org.reply_to,
      to: [invite.email],
      subject: `Join ${org.name} on Arrears`,
      text,
      html,
      messageId,
      headers: {},
      attachments: [],
    });
    return result.delivered ? { emailed: true } : { emailed: false, why: 'the email was written to the outbox folder, not sent: pass the link on yourself' };
  } catch (error) {
    return { emailed: false, why: `the email could not be sent (${(error as Error).message}): pass the link on yourself` };
  }
}
