// A bounce that arrives after sending (a delivery status notification, or a provider's bounce
// event): matched to the message by its Message-ID. A permanent failure marks the address
// bounced, so later steps use another channel; a temporary one is only noted. The message and
// its copy stay as sent.
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface BounceInput {
  messageId: string;
  address: string;
  permanent: boolean;
  reason: string;
  actor: string;
  /** When the bounce was recorded, on the caller's clock: the address is marked bounced at it. */
  now: Temporal.Instant;
}

export interface RecordedBounce {
  communicationId: string;
  customerId: string;
  address: string;
  permanent: boolean;
  /** Contacts whose address is now marked bounced (permanent failures only). */
  contactsMarked: number;
}

export async function recordBounce(db: Executor, orgId: bigint, input: BounceInput): Promise<RecordedBounce> {
  const messageId = input.messageId.trim().replace(/^<?/, '<').replace(/>?$/, '>');
  const address = input.address.trim().toLowerCase();
  return inTransaction(db, async (tx) => {
    const communication = await tx
      .selectFrom('communications')
      .select(['id', 'customer_id', 'recipients'])
      .where('org_id', '=', orgId)
      .where('direction', '=', 'outbound')
      .where('channel', '=', 'email')
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    if (!communication || communication.customer_id === null) throw new AppError('not_found', `no email of this organisation has the Message-ID ${messageId}`);
    if (!communication.recipients.some((recipient) => recipient.toLowerCase() === address)) {
      throw new AppError('invalid_input', `the email ${messageId} was not sent to ${address}; it went to ${communication.recipients.join(', ')}`);
    }
    let contactsMarked = 0;
    if (input.permanent) {
      const marked = await tx
        .updateTable('contacts')
        .set({ email_bounced_at: input.now.toString(), updated_at: sql<string>`now()` })
        .where('org_id', '=', orgId)
        .where('customer_id', '=', communication.customer_id)
        .where(sql<boolean>`lower(email) = ${address}`)
        .where('email_bounced_at', 'is', null)
        .executeTakeFirst();
      contactsMarked = Number(marked.numUpdatedRows);
    }
    await recordActivity(tx, orgId, {
      customerId: communication.customer_id,
      kind: input.permanent ? 'email_bounced' : 'email_delayed',
      actor: input.actor,
      summary: input.permanent
        ? `Email ${messageId} to ${address} bounced (${input.reason}); later steps use another channel.`
        : `Email ${messageId} to ${address} is delayed (${input.reason}); the receiving server keeps trying.`,
      data: { communicationId: communication.id.toString(), messageId, address, reason: input.reason, permanent: input.permanent },
      at: input.now,
    });
    return { communicationId: communication.id.toString(), customerId: communication.customer_id.toString(), address, permanent: input.permanent, contactsMarked };
  });
}
