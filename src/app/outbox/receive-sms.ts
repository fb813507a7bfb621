// An SMS a debtor sent us (the provider's inbound webhook): kept as an inbound communication,
// linked to the customer whose contact has the sender's number, put on that customer's timeline
// as a reply — and, when it starts with STOP or START, the number's SMS opt-out is changed on
// every contact of the organisation that has it, since consent belongs to the number.
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { smsKeyword, type SmsKeyword } from '../../channels/sms/keywords.ts';
import { toE164 } from '../../channels/sms/phone-number.ts';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import type { Org } from '../../db/schema.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface InboundSms {
  /** The sender's number as the provider reports it (E.164 from Twilio-compatible providers). */
  from: string;
  /** Our number it was sent to. */
  to: string;
  body: string;
  /** The provider's id of the message (MessageSid). */
  providerReference: string;
  receivedAt: Date;
}

export interface ReceivedSms {
  communicationId: bigint;
  /** The sender in E.164; null when it is no phone number (e.g. an alphanumeric sender id). */
  from: string | null;
  /** The customer the message was linked to: the only one with a contact at the number. */
  customerId: bigint | null;
  /** Every customer with a contact at the number; when there are several, none is linked. */
  matchedCustomerIds: bigint[];
  /** The opt-out or opt-in keyword the message starts with. */
  keyword: SmsKeyword | null;
  /** The contacts whose SMS opt-out the keyword set (true for an opt-out, false for an opt-in). */
  changedContactIds: bigint[];
  /** The provider delivered this message before (same reference): nothing was recorded again. */
  duplicate: boolean;
}

/** Who the timeline says did it: the person who texted, through the provider. */
const actor = 'inbound-sms';
const quoteLength = 160;

export async function receiveSms(db: Executor, org: Org, message: InboundSms): Promise<ReceivedSms> {
  const from = toE164(message.from, org.country);
  const keyword = smsKeyword(message.body);
  // the timeline says the reply came when it was received, like the stored copy
  const at = Temporal.Instant.fromEpochMilliseconds(message.receivedAt.getTime());
  return inTransaction(db, async (tx) => {
    // Providers retry a webhook they think failed: the same message is kept once.
    const earlier = await tx
      .selectFrom('communications')
      .select(['id', 'customer_id'])
      .where('org_id', '=', org.id)
      .where('direction', '=', 'inbound')
      .where('channel', '=', 'sms')
      .where('provider_reference', '=', message.providerReference)
      .executeTakeFirst();
    if (earlier) {
      return { communicationId: earlier.id, from, customerId: earlier.customer_id, matchedCustomerIds: [], keyword, changedContactIds: [], duplicate: true };
    }

    const contacts = from ? await contactsWithNumber(tx, org, from) : [];
    const matchedCustomerIds = [...new Set(contacts.map((contact) => contact.customer_id))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const customerId = matchedCustomerIds.length === 1 ? matchedCustomerIds[0]! : null;

    const communication = await tx
      .insertInto('communications')
      .values({
        org_id: org.id,
        customer_id: customerId,
        direction: 'inbound',
        channel: 'sms',
        body_text: message.body,
        sender: message.from,
        recipients: JSON.stringify([message.to]),
        transport: 'sms-provider',
        delivered: true,
        provider_reference: message.providerReference,
        sent_at: message.receivedAt.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const number = from ?? message.from;
    const quoted = quote(message.body);
    const data = { channel: 'sms', communicationId: String(communication.id), from: number, to: message.to };
    if (customerId !== null) {
      await recordActivity(tx, org.id, { customerId, kind: 'reply', actor, summary: `Replied by SMS from ${number}: ${quoted}`, data, at });
    } else if (matchedCustomerIds.length > 1) {
      const ids = matchedCustomerIds.map(String);
      await recordActivity(tx, org.id, {
        customerId: null,
        kind: 'reply',
        actor,
        summary: `SMS from ${number}: ${quoted} — linked to no customer, as ${ids.length} customers (${ids.join(', ')}) have this number`,
        data: { ...data, customerIds: ids },
        at,
      });
    } else {
      await recordActivity(tx, org.id, { customerId: null, kind: 'reply', actor, summary: `SMS from ${number}, a number no customer has: ${quoted}`, data, at });
    }

    let changedContactIds: bigint[] = [];
    if (keyword && contacts.length > 0) {
      const optOut = keyword.intent === 'opt_out';
      changedContactIds = contacts.map((contact) => contact.id);
      await tx
        .updateTable('contacts')
        .set({ opt_out_sms: optOut, updated_at: sql<string>`now()` })
        .where('org_id', '=', org.id)
        .where('id', 'in', changedContactIds)
        .execute();
      const summary = optOut
        ? `Opted out of SMS to ${number} by replying “${keyword.keyword}”; no more texts go to this number`
        : `Opted back in to SMS to ${number} by replying “${keyword.keyword}”`;
      for (const id of matchedCustomerIds) {
        await recordActivity(tx, org.id, { customerId: id, kind: keyword.intent, actor, summary, data: { channel: 'sms', via: 'reply', keyword: keyword.keyword }, at });
      }
    }
    return { communicationId: communication.id, from, customerId, matchedCustomerIds, keyword, changedContactIds, duplicate: false };
  });
}

interface NumberedContact {
  id: bigint;
  customer_id: bigint;
}

/**
 * The organisation's contacts whose phone, as written, is `e164`. One query: SQL narrows the
 * contacts to those whose digits end like the number (normalising never changes the last digits,
 * it only adds or drops a prefix), and each candidate is then normalised in the country it is in.
 */
async function contactsWithNumber(db: Executor, org: Org, e164: string): Promise<NumberedContact[]> {
  const lastDigits = e164.slice(-7);
  const candidates = await db
    .selectFrom('contacts as k')
    .innerJoin('customers as c', (join) => join.onRef('c.org_id', '=', 'k.org_id').onRef('c.id', '=', 'k.customer_id'))
    .select(['k.id', 'k.customer_id', 'k.phone', 'k.country as contact_country', 'c.country as customer_country'])
    .where('k.org_id', '=', org.id)
    .where('k.phone', 'is not', null)
    .where(sql<string>`regexp_replace(k.phone, '[^0-9]', '', 'g')`, 'like', `%${lastDigits}`)
    .orderBy('k.id')
    .execute();
  return candidates
    .filter((contact) => toE164(contact.phone!, contact.contact_country ?? contact.customer_country ?? org.country) === e164)
    .map(({ id, customer_id }) => ({ id, customer_id }));
}

function quote(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return `“${text.length > quoteLength ? `${text.slice(0, quoteLength - 1)}…` : text}”`;
}
