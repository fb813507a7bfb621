// What the dispatcher writes after each send, each in one transaction with the action's status:
// the copy of what was sent (communication, files with their SHA-256) and the timeline entry; or
// the failure (retried with backoff, then failed and visible; a bad address marked so the next
// step uses another channel); or why it was not sent at all.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { SendError } from '../../channels/send-error.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { endClaim, type ClaimedSend } from '../../db/queries/outbox.ts';
import type { DB } from '../../db/schema.ts';
import { stringifyJson } from '../../json.ts';
import { recordActivity } from '../shared/record-activity.ts';
import type { Delivery } from './deliver.ts';
import type { PreparedSend } from './prepare-sends.ts';

const actor = 'system:dispatch';

/** Waits before attempts 2, 3, 4 and 5; after the fifth failure the send is marked failed. */
export const retryDelaysSeconds = [60, 5 * 60, 30 * 60, 2 * 60 * 60] as const;
export const maxAttempts = retryDelaysSeconds.length + 1;

/** Another dispatcher took this send over (our lease ran out): what we did is not recorded. */
export class LeaseLost extends Error {}

/** `sentAt` is the dispatcher's clock, so the copy is dated as the send was (a letter batch picks by that date). */
export async function recordDelivery(db: Kysely<DB>, send: ClaimedSend, delivery: Delivery, workerId: string, sentAt: Temporal.Instant): Promise<bigint> {
  return inTransaction(db, async (tx) => {
    const { rendered } = delivery;
    const communication = await tx
      .insertInto('communications')
      .values({
        org_id: send.orgId,
        customer_id: send.customerId,
        action_id: send.id,
        direction: 'outbound',
        channel: send.channel,
        template_name: rendered.template.name,
        template_version: rendered.template.version,
        template_hash: rendered.template.hash,
        language: rendered.template.language,
        subject: rendered.subject,
        body_text: rendered.text,
        body_html: rendered.html,
        sender: delivery.sender,
        recipients: stringifyJson(delivery.recipients),
        message_id: send.messageId,
        transport: delivery.transport,
        delivered: delivery.delivered,
        provider_reference: delivery.providerReference,
        sent_at: sentAt.toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (delivery.files.length > 0) {
      await tx
        .insertInto('communication_files')
        .values(
          delivery.files.map((file) => ({
            org_id: send.orgId,
            communication_id: communication.id,
            name: file.name,
            content_type: file.contentType,
            size: file.bytes.byteLength,
            sha256: createHash('sha256').update(file.bytes).digest('hex'),
            bytes: file.bytes,
          })),
        )
        .execute();
    }
    if (delivery.rejected.length > 0) await markEmailsBounced(tx, send, delivery.rejected, 'refused by the receiving server while other recipients were accepted', sentAt);
    await recordActivity(tx, send.orgId, {
      customerId: send.customerId,
      kind: activityKind(send, delivery),
      actor,
      summary: sentSummary(send, delivery),
      at: sentAt,
      data: { actionId: send.id.toString(), communicationId: communication.id.toString(), messageId: send.messageId, transport: delivery.transport, delivered: delivery.delivered },
    });
    const status = wentOutAs(send, delivery);
    const sentOn = sentAt.toZonedDateTimeISO(send.timeZone).toPlainDate().toString();
    if (!(await endClaim(tx, send, workerId, { status, at: sentAt, sentOn, deadlineOn: rendered.deadlineOn }))) throw new LeaseLost(`action ${send.id}: claimed by another dispatcher meanwhile`);
    return communication.id;
  });
}

// --- What the send became (honest statuses, see src/domain/actions/action-status.ts) ----------

/**
 * Only what left for the debtor is `sent`: an email an SMTP server accepted, an SMS the provider
 * took. An email without SMTP is `written` to the outbox folder; a letter is `printed` into the
 * day's batch (`arrears letters batch`) and becomes `posted` when a person says the batch went in
 * the post (`arrears letters posted`).
 */
export function wentOutAs(send: Pick<ClaimedSend, 'channel'>, delivery: Pick<Delivery, 'delivered'>): 'sent' | 'written' | 'printed' {
  if (send.channel === 'letter') return 'printed';
  if (send.channel === 'email' && !delivery.delivered) return 'written';
  return 'sent';
}

function activityKind(send: ClaimedSend, delivery: Delivery): string {
  const status = wentOutAs(send, delivery);
  return status === 'sent' ? `${send.channel}_sent` : `${send.channel}_${status}`;
}

// -------------------------------------------------------------------------------------------------

function sentSummary(send: ClaimedSend, delivery: Delivery): string {
  const what = `"${send.stepName}"`;
  const to = delivery.recipients.join(', ');
  if (send.channel === 'letter') return `Letter ${what} to ${to} printed into the letters batch of the day; not posted until someone confirms the batch went in the post (arrears letters posted).`;
  if (send.channel === 'sms') return `SMS ${what} sent to ${to}.`;
  if (!delivery.delivered) return `Email ${what} to ${to} written to the outbox folder, not delivered: no SMTP server is configured (SMTP_URL).`;
  return `Email ${what} sent to ${to}.`;
}

export async function recordFailure(db: Kysely<DB>, send: ClaimedSend, error: SendError | Error, workerId: string, now: Temporal.Instant): Promise<'retry' | 'failed'> {
  const permanent = 'permanent' in error && error.permanent;
  const badAddress = 'badAddress' in error && error.badAddress;
  const final = permanent || send.attempts >= maxAttempts;
  return inTransaction(db, async (tx) => {
    if (!final) {
      const next = now.add({ seconds: retryDelaysSeconds[send.attempts - 1]! }).toString();
      await endClaim(tx, send, workerId, { status: 'ready', at: now, nextAttemptAt: next, error: error.message });
      return 'retry';
    }
    if (!(await endClaim(tx, send, workerId, { status: 'failed', at: now, error: error.message }))) return 'failed';
    if (badAddress && send.channel === 'email') await markEmailsBounced(tx, send, null, error.message, now);
    if (badAddress && send.channel === 'sms') await markPhonesUnusable(tx, send, error.message, now);
    await recordActivity(tx, send.orgId, {
      customerId: send.customerId,
      kind: 'send_failed',
      actor,
      summary: `${send.channel === 'sms' ? 'SMS' : send.channel === 'email' ? 'Email' : 'Letter'} "${send.stepName}" failed after ${send.attempts} attempt(s): ${error.message}`,
      data: { actionId: send.id.toString(), attempts: send.attempts, error: error.message, badAddress },
      at: now,
    });
    return 'failed';
  });
}

/** Marks the customer's email addresses that bounced (all of its billing addresses when `addresses` is null). */
async function markEmailsBounced(tx: Transaction<DB>, send: ClaimedSend, addresses: readonly string[] | null, why: string, at: Temporal.Instant): Promise<void> {
  const marked = await tx
    .updateTable('contacts')
    .set({ email_bounced_at: at.toString(), updated_at: sql<string>`now()` })
    .where('org_id', '=', send.orgId)
    .where('customer_id', '=', send.customerId)
    .where('email_bounced_at', 'is', null)
    .where('opt_out_email', '=', false)
    .where((eb) => (addresses ? eb(sql`lower(email)`, 'in', addresses.map((a) => a.toLowerCase())) : eb('email', 'is not', null)))
    .returning('email')
    .execute();
  if (marked.length === 0) return;
  await recordActivity(tx, send.orgId, {
    customerId: send.customerId,
    kind: 'email_bounced',
    actor,
    summary: `Email address ${marked.map((m) => m.email).join(', ')} bounced (${why}); later steps use another channel.`,
    data: { actionId: send.id.toString(), addresses: marked.map((m) => m.email) },
    at,
  });
}

/** A number the provider refuses for good (invalid, not mobile, opted out at the carrier) gets no more SMS. */
async function markPhonesUnusable(tx: Transaction<DB>, send: ClaimedSend, why: string, at: Temporal.Instant): Promise<void> {
  const marked = await tx
    .updateTable('contacts')
    .set({ opt_out_sms: true, updated_at: sql<string>`now()` })
    .where('org_id', '=', send.orgId)
    .where('customer_id', '=', send.customerId)
    .where('phone', 'is not', null)
    .where('opt_out_sms', '=', false)
    .returning('phone')
    .execute();
  if (marked.length === 0) return;
  await recordActivity(tx, send.orgId, {
    customerId: send.customerId,
    kind: 'sms_unusable',
    actor,
    summary: `No more SMS to ${marked.map((m) => m.phone).join(', ')}: ${why}`,
    data: { actionId: send.id.toString(), phones: marked.map((m) => m.phone) },
    at,
  });
}

/** A send the last look stopped at `now` (the dispatcher's clock): deferred to a later moment, or not sent at all (on the timeline). */
export async function recordDecision(db: Kysely<DB>, prepared: Extract<PreparedSend, { go: false }>, workerId: string, now: Temporal.Instant): Promise<void> {
  const { send, decision } = prepared;
  await inTransaction(db, async (tx) => {
    const ended = await endClaim(tx, send, workerId, {
      status: decision.status,
      at: now,
      dueAt: decision.status === 'deferred' ? decision.dueAt : undefined,
      rule: decision.rule,
      reason: decision.reason,
      undoAttempt: decision.status === 'deferred',
    });
    if (!ended || decision.status === 'deferred') return;
    await recordActivity(tx, send.orgId, {
      customerId: send.customerId,
      kind: 'send_stopped',
      actor,
      summary: `"${send.stepName}" by ${send.channel} was not sent (${decision.rule}): ${decision.reason}`,
      data: { actionId: send.id.toString(), status: decision.status, rule: decision.rule },
      at: now,
    });
  });
}
