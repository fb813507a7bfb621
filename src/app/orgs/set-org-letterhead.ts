// The details every message carries: who it is from (name and address, the organisation's own
// domain), where replies go, the letterhead of letters (postal address, phone, paper) and how to pay.
import { sql } from 'kysely';
import { paperSizes, type PaperSize } from '../../channels/letters/paper.ts';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { noReturnAddressRule } from '../dispatch/return-address.ts';
import { sealSmtpUrl } from './stored-secrets.ts';

export interface LetterheadChange {
  senderName?: string;
  senderEmail?: string;
  replyTo?: string | null;
  phone?: string | null;
  postalAddress?: string[];
  /** The organisation's own SMTP server; empty: the server's SMTP_URL. */
  smtpUrl?: string | null;
  /** How debtors pay (bank details, payee, reference to quote); empty: not set. */
  paymentInstructions?: string | null;
  /** The paper letters are printed on; null: by the organisation's country. */
  paperSize?: PaperSize | null;
}

/** Long enough for bank details in two currencies; short enough to sit in a letter. */
export const paymentInstructionsMaxLength = 600;

const emailAddress = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/**
 * `secretKey` seals an SMTP password (ARREARS_SECRET_KEY); `now` is the caller's clock (the CLI's
 * can be set for tests and simulations), the database's when absent.
 */
export async function setOrgLetterhead(db: Executor, org: Org, change: LetterheadChange, options: { secretKey?: Buffer | null; now?: string } = {}): Promise<Org> {
  for (const [field, value] of [['sender email', change.senderEmail], ['reply-to', change.replyTo]] as const) {
    if (value && !emailAddress.test(value)) throw new AppError('invalid_input', `the ${field} "${value}" is not an email address such as billing@your-domain.com`);
  }
  if (change.smtpUrl && !/^smtps?:\/\/[^/\s]+/.test(change.smtpUrl)) throw new AppError('invalid_input', `the SMTP server "${change.smtpUrl}" is not an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465`);
  if (change.senderName !== undefined && !change.senderName.trim()) throw new AppError('invalid_input', 'the sender name cannot be empty');
  if (change.paymentInstructions && change.paymentInstructions.trim().length > paymentInstructionsMaxLength) {
    throw new AppError('invalid_input', `the payment instructions are ${change.paymentInstructions.trim().length} characters; keep them within ${paymentInstructionsMaxLength} (they are printed in every letter and email)`);
  }
  if (change.postalAddress && change.postalAddress.length > 6) throw new AppError('invalid_input', 'a postal address has at most 6 lines');
  if (change.paperSize && !(paperSizes as readonly string[]).includes(change.paperSize)) throw new AppError('invalid_input', `the paper size must be ${paperSizes.join(' or ')}; got "${change.paperSize}"`);
  // Its password is stored only encrypted (ARREARS_SECRET_KEY), never in the clear.
  const smtpUrl = change.smtpUrl ? sealSmtpUrl(change.smtpUrl, options.secretKey ?? null) : change.smtpUrl;
  const updated = await db
    .updateTable('orgs')
    .set({
      ...(change.senderName !== undefined ? { sender_name: change.senderName.trim() } : {}),
      ...(change.senderEmail !== undefined ? { sender_email: change.senderEmail } : {}),
      ...(change.replyTo !== undefined ? { reply_to: change.replyTo || null } : {}),
      ...(change.phone !== undefined ? { phone: change.phone || null } : {}),
      ...(smtpUrl !== undefined ? { smtp_url: smtpUrl || null } : {}),
      ...(change.paymentInstructions !== undefined ? { payment_instructions: change.paymentInstructions?.trim() || null } : {}),
      ...(change.postalAddress !== undefined ? { postal_address: change.postalAddress.map((line) => line.trim()).filter(Boolean) } : {}),
      ...(change.paperSize !== undefined ? { paper_size: change.paperSize } : {}),
    })
    .where('id', '=', org.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (updated.postal_address.length > 0) await releaseHeldLetters(db, org.id, options.now);
  return updated;
}

/** Letters held back for want of a return address go at the next dispatch once there is one. */
async function releaseHeldLetters(db: Executor, orgId: bigint, now: string | undefined): Promise<void> {
  await db
    .updateTable('actions')
    .set({ due_at: now ?? sql<string>`now()`, next_attempt_at: null, updated_at: sql<string>`now()` })
    .where('org_id', '=', orgId)
    .where('status', '=', 'deferred')
    .where('rule', '=', noReturnAddressRule)
    .execute();
}
