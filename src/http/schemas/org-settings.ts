// The organisation's settings that every message carries: who it is from, the letterhead, and how
// debtors pay (printed in every email and letter that asks for payment).
import { orgPaperSize } from '../../channels/letters/org-paper.ts';
import { paperSizes } from '../../channels/letters/paper.ts';
import { z } from '@hono/zod-openapi';
import { paymentInstructionsMaxLength } from '../../app/orgs/set-org-letterhead.ts';
import type { TestEmailResult as TestEmailOutcome } from '../../app/orgs/send-test-email.ts';
import type { Org } from '../../db/schema.ts';

export const OrgSettings = z
  .object({
    slug: z.string(),
    name: z.string(),
    senderName: z.string().nullable(),
    senderEmail: z.string().nullable(),
    replyTo: z.string().nullable(),
    phone: z.string().nullable(),
    postalAddress: z.array(z.string()),
    paymentInstructions: z.string().nullable().openapi({ description: 'how debtors pay (bank details, payee, reference to quote); null: messages point to the payment details on the invoice' }),
    ownSmtpServer: z.boolean().openapi({ description: 'whether the organisation sends through its own SMTP server' }),
    smtpServer: z.string().nullable().openapi({ description: 'its own SMTP server without the password (kept encrypted, never shown), e.g. smtps://billing%40acme.com@smtp.acme.com:465; null: the installation’s', example: 'smtps://billing%40acme.com@smtp.acme.com:465' }),
    paperSize: z.enum(paperSizes).openapi({ description: 'the paper every letter is printed on (set, or by the organisation’s country)' }),
  })
  .openapi('OrgSettings');

export const UpdateOrgSettings = z
  .strictObject({
    senderName: z.string().max(200).optional(),
    senderEmail: z.string().max(320).optional(),
    replyTo: z.string().max(320).nullable().optional(),
    phone: z.string().max(50).nullable().optional(),
    postalAddress: z.array(z.string().max(200)).max(6).optional(),
    paymentInstructions: z
      .string()
      .max(paymentInstructionsMaxLength + 100)
      .nullable()
      .optional()
      .openapi({ example: 'Bank transfer to Northwind Ltd, sort code 20-00-00, account 55779911, quoting your customer number', description: 'empty or null: not set' }),
    paperSize: z.enum(paperSizes).nullable().optional().openapi({ description: 'A4 or Letter; null: by the organisation’s country (Letter in the US and Canada, A4 elsewhere)' }),
    smtpUrl: z
      .string()
      .max(1000)
      .nullable()
      .optional()
      .openapi({ example: 'smtps://billing%40acme.com:app-password@smtp.acme.com:465', description: 'the organisation’s own SMTP server, smtp:// or smtps://; its password is stored encrypted (needs ARREARS_SECRET_KEY) and never shown again; empty or null: the installation’s SMTP_URL' }),
  })
  .openapi('UpdateOrgSettings');

export function toOrgSettings(org: Org): z.input<typeof OrgSettings> {
  return {
    slug: org.slug,
    name: org.name,
    senderName: org.sender_name,
    senderEmail: org.sender_email,
    replyTo: org.reply_to,
    phone: org.phone,
    postalAddress: org.postal_address,
    paymentInstructions: org.payment_instructions,
    ownSmtpServer: org.smtp_url !== null,
    smtpServer: org.smtp_url === null ? null : withoutPassword(org.smtp_url),
    paperSize: orgPaperSize(org),
  };
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}

export const TestEmailResult = z
  .object({
    sent: z.boolean().openapi({ description: 'whether the SMTP server accepted the email' }),
    to: z.string().openapi({ description: 'the signed-in user’s address it was sent to' }),
    serverReply: z.string().nullable().openapi({ description: 'what the server answered when it accepted it' }),
    error: z.string().nullable().openapi({ description: 'why it was not sent: the server’s error, or what is missing' }),
  })
  .openapi('TestEmailResult');

export function toTestEmailResult(result: TestEmailOutcome): z.input<typeof TestEmailResult> {
  return result.sent ? { sent: true, to: result.to, serverReply: result.serverReply, error: null } : { sent: false, to: result.to, serverReply: null, error: result.why };
}
