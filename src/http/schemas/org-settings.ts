// The organisation's settings that every message carries: who it is from, the letterhead, and how
// debtors pay (printed in every email and letter that asks for payment).
import { orgPaperSize } from '../../channels/letters/org-paper.ts';
import { paperSizes } from '../../channels/letters/paper.ts';
import { z } from '@hono/zod-openapi';
import { paymentInstructionsMaxLength } from '../../app/orgs/set-org-letterhead.ts';
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
    ownSmtpServer: z.boolean().openapi({ description: 'whether the organisation sends through its own SMTP server (its URL is never shown)' }),
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
    paperSize: orgPaperSize(org),
  };
}
