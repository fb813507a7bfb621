// The details every message carries: who it is from (name and address, the organisation's own
// domain), where replies go, and the letterhead of letters (postal address, phone).
import { sql } from 'kysely';
import { paperSizes, type PaperSize } from '../channels/letters/paper.ts';
import type { Executor } from '../db/executor.ts';
import type { Org } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { noReturnAddressRule } from './dispatch/return-address.ts';

export interface LetterheadChange {
  senderName?: string;
  senderEmail?: string;
  replyTo?: string | null;
  phone?: string | null;
  postalAddress?: string[];
  /** The organisation's own SMTP server; empty: the server's SMTP_URL. */
  smtpUrl?: string | null;
  /** The paper letters are printed on; null: by the organisation's country. */
  paperSize?: PaperSize | null;
}

const emailAddress = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/** `now`: the caller's clock (the CLI's can be set for tests and simulations); the database's when absent. */
export async function setOrgLetterhead(db: Executor, org: Org, change: LetterheadChange, now?: string): Promise<Org> {
  for (const [field, value] of [['sender email', change.senderEmail], ['reply-to', change.replyTo]] as const) {
    if (value && !emailAddress.test(value)) throw new AppError('invalid_input', `the ${field} "${value}" is not an email address such as billing@your-domain.com`);
  }
  if (change.smtpUrl && !/^smtps?:\/\/[^/\s]+/.test(change.smtpUrl)) throw new AppError('invalid_input', `the SMTP server "${change.smtpUrl}" is not an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465`);
  if (change.senderName !== undefined && !change.senderName.trim()) throw new AppError('invalid_input', 'the sender name cannot be empty');
  if (change.postalAddress && change.postalAddress.length > 6) throw new AppError('invalid_input', 'a postal address has at most 6 lines');
  if (change.paperSize && !(paperSizes as readonly string[]).includes(change.paperSize)) throw new AppError('invalid_input', `the paper size must be ${paperSizes.join(' or ')}; got "${change.paperSize}"`);
  const updated = await db
    .updateTable('orgs')
    .set({
      ...(change.senderName !== undefined ? { sender_name: change.senderName.trim() } : {}),
      ...(change.senderEmail !== undefined ? { sender_email: change.senderEmail } : {}),
      ...(change.replyTo !== undefined ? { reply_to: change.replyTo || null } : {}),
      ...(change.phone !== undefined ? { phone: change.phone || null } : {}),
      ...(change.smtpUrl !== undefined ? { smtp_url: change.smtpUrl || null } : {}),
      ...(change.postalAddress !== undefined ? { postal_address: change.postalAddress.map((line) => line.trim()).filter(Boolean) } : {}),
      ...(change.paperSize !== undefined ? { paper_size: change.paperSize } : {}),
    })
    .where('id', '=', org.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (updated.postal_address.length > 0) await releaseHeldLetters(db, org.id, now);
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
