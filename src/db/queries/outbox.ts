// The outbox: send actions that are due, claimed by one dispatcher at a time. A claim is a short
// transaction of its own (FOR UPDATE SKIP LOCKED, so dispatchers never wait for or take each
// other's rows) that marks the rows 'sending' with a lease and stores their Message-ID before
// anything leaves. A claim whose lease ran out (the dispatcher died mid-send) is claimed again.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ActionStatus, Channel, DB, Tone } from '../schema.ts';
import type { Executor } from '../executor.ts';

export interface ClaimedSend {
  orgId: bigint;
  id: bigint;
  customerId: bigint;
  channel: Exclude<Channel, 'call' | 'review'>;
  template: string | null;
  tone: Tone | null;
  stepKey: string;
  stepName: string;
  stepIndex: number;
  playbookName: string | null;
  playbookVersion: number | null;
  idempotencyKey: string;
  invoiceIds: bigint[];
  data: Record<string, unknown>;
  dueAt: string;
  /** Attempts including this one. */
  attempts: number;
  messageId: string;
}

/** How long a claim is held: longer than any SMTP or provider timeout, short enough to recover a crash. */
export const leaseSeconds = 300;

export async function claimSends(db: Kysely<DB>, workerId: string, limit: number, now: string): Promise<ClaimedSend[]> {
  const { rows } = await sql<{
    org_id: bigint;
    id: bigint;
    customer_id: bigint;
    channel: ClaimedSend['channel'];
    template: string | null;
    tone: Tone | null;
    step_key: string;
    step_name: string;
    step_index: number;
    playbook_name: string | null;
    playbook_version: number | null;
    idempotency_key: string;
    invoice_ids: bigint[];
    data: Record<string, unknown>;
    due_at: string;
    attempts: number;
    message_id: string;
  }>`
    with due as (
      select a.org_id, a.id from actions a
       where a.kind = 'send'
         and ((a.status in ('ready', 'deferred') and a.due_at <= ${now}::timestamptz and coalesce(a.next_attempt_at, a.due_at) <= ${now}::timestamptz)
              or (a.status = 'sending' and a.lease_until < ${now}::timestamptz))
       order by a.due_at
       limit ${limit}
       for update skip locked)
    update actions a
       set status = 'sending', attempts = a.attempts + 1, claimed_by = ${workerId},
           lease_until = ${now}::timestamptz + make_interval(secs => ${leaseSeconds}),
           -- <org.action.random@sender-domain>: unique, and kept across retries of the same action
           message_id = coalesce(a.message_id, '<' || a.org_id || '.' || a.id || '.' || substr(md5(random()::text || clock_timestamp()::text), 1, 12)
                                 || '@' || coalesce(nullif(split_part(o.sender_email, '@', 2), ''), 'arrears.invalid') || '>'),
           updated_at = now()
      from due, orgs o
     where a.org_id = due.org_id and a.id = due.id and o.id = a.org_id
    returning a.org_id, a.id, a.customer_id, a.channel, a.template, a.tone, a.step_key, a.step_name, a.step_index, a.playbook_name,
              a.playbook_version, a.idempotency_key, a.invoice_ids, a.data, a.due_at, a.attempts, a.message_id`.execute(db);
  return rows
    .map((row) => ({
      orgId: row.org_id,
      id: row.id,
      customerId: row.customer_id,
      channel: row.channel,
      template: row.template,
      tone: row.tone,
      stepKey: row.step_key,
      stepName: row.step_name,
      stepIndex: row.step_index,
      playbookName: row.playbook_name,
      playbookVersion: row.playbook_version,
      idempotencyKey: row.idempotency_key,
      invoiceIds: row.invoice_ids,
      data: row.data,
      dueAt: row.due_at,
      attempts: row.attempts,
      messageId: row.message_id,
    }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * Ends a claim the way the dispatcher decided, if this worker still holds it (a claim taken over
 * after its lease ran out is not ours to end). Returns whether it did.
 */
export async function endClaim(
  db: Executor,
  send: Pick<ClaimedSend, 'orgId' | 'id'>,
  workerId: string,
  outcome: { status: ActionStatus; nextAttemptAt?: string | null; dueAt?: string; rule?: string | null; reason?: string | null; error?: string | null; undoAttempt?: boolean },
): Promise<boolean> {
  const finished = outcome.status === 'sent' || outcome.status === 'failed' || outcome.status === 'cancelled' || outcome.status === 'blocked';
  const result = await db
    .updateTable('actions')
    .set({
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt ?? null,
      lease_until: null,
      claimed_by: null,
      last_error: outcome.error ?? null,
      finished_at: finished ? sql<string>`now()` : null,
      updated_at: sql<string>`now()`,
      ...(outcome.dueAt ? { due_at: outcome.dueAt } : {}),
      // nothing was attempted (the send was put off): the claim does not count as an attempt
      ...(outcome.undoAttempt ? { attempts: sql<number>`attempts - 1` } : {}),
      ...(outcome.rule !== undefined ? { rule: outcome.rule } : {}),
      ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
    })
    .where('org_id', '=', send.orgId)
    .where('id', '=', send.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The channel dispatchers LISTEN on. */
export const outboxChannel = 'arrears_outbox';

/** Wakes the dispatchers; inside a transaction the wake-up is delivered when it commits. */
export async function wakeDispatchers(db: Executor): Promise<void> {
  await sql`select pg_notify(${outboxChannel}, '')`.execute(db);
}
