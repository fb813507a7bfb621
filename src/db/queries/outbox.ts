// The outbox: send actions that are due, claimed by one dispatcher at a time. A claim is a short
// transaction of its own that decides, at the moment of sending, which due sends may go (one
// message per debtor per local day, only a case's latest step, nothing stale), marks those
// 'sending' with a lease and stores their Message-ID before anything leaves. A claim whose lease
// ran out (the dispatcher died mid-send) is claimed again.
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { finishedStatuses, outgoingStatuses } from '../../domain/actions/action-status.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import { triageDueSends, type DueSend, type Triage } from '../../domain/dispatch/triage-due-sends.ts';
import { inTransaction } from '../in-transaction.ts';
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
  /** The debtor's IANA time zone (the organisation's when unknown): the day a message is sent on is theirs. */
  timeZone: string;
}

/** How long a claim is held: longer than any SMTP or provider timeout, short enough to recover a crash. */
export const leaseSeconds = 300;

/** Due sends looked at per claim; some may be deferred or superseded rather than sent. */
const claimBatch = (limit: number) => limit * 2;

/**
 * Claims up to `limit` due sends. One claim at a time across dispatchers (a transaction-level
 * advisory lock), because whether a debtor already had a message today is read from what the
 * other claims wrote: two dispatchers must never each send one of a debtor's two messages.
 * The sends that may not go now are deferred or superseded in the same transaction
 * (src/domain/dispatch/triage-due-sends.ts).
 */
export interface Claim {
  sends: ClaimedSend[];
  /** Due sends put off to the debtor's next day (one message a day). */
  deferred: number;
  /** Due sends that will never go: overtaken by a later step, or no longer true. */
  superseded: number;
}

export async function claimSends(db: Kysely<DB>, workerId: string, limit: number, now: string): Promise<Claim> {
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended('arrears-outbox-claim', 0))`.execute(tx);
    const instant = Temporal.Instant.from(now);
    const go: bigint[] = [];
    let deferred = 0;
    let superseded = 0;
    // what is deferred or superseded no longer counts as due: read on until enough may go
    for (;;) {
      const due = await readDueSends(tx, claimBatch(limit), now);
      for (const t of triageByOrg(due, instant)) {
        const orgId = due.find((d) => d.id === t.id)!.orgId;
        if (t.outcome === 'send' && go.length < limit) go.push(t.id);
        else if (t.outcome === 'superseded') {
          superseded += 1;
          await tx
            .updateTable('actions')
            .set({ status: 'superseded', rule: t.rule, reason: t.reason, finished_at: now, updated_at: sql<string>`now()` })
            .where('org_id', '=', orgId)
            .where('id', '=', t.id)
            .execute();
        } else if (t.outcome === 'deferred') {
          deferred += 1;
          await tx
            .updateTable('actions')
            .set({ status: 'deferred', due_at: t.dueAt, next_attempt_at: null, rule: t.rule, reason: t.reason, updated_at: sql<string>`now()` })
            .where('org_id', '=', orgId)
            .where('id', '=', t.id)
            .execute();
        }
      }
      if (go.length > 0 || due.length < claimBatch(limit)) break;
    }
    if (go.length === 0) return { sends: [], deferred, superseded };
    const { rows } = await sql<ClaimedRow>`
      update actions a
         set status = 'sending', attempts = a.attempts + 1, claimed_by = ${workerId},
             lease_until = ${now}::timestamptz + make_interval(secs => ${leaseSeconds}),
             -- <org.action.random@sender-domain>: unique, and kept across retries of the same action
             message_id = coalesce(a.message_id, '<' || a.org_id || '.' || a.id || '.' || substr(md5(random()::text || clock_timestamp()::text), 1, 12)
                                   || '@' || coalesce(nullif(split_part(o.sender_email, '@', 2), ''), 'arrears.invalid') || '>'),
             updated_at = now()
        from orgs o, customers c
       where a.id = any(${go}::bigint[]) and o.id = a.org_id and c.org_id = a.org_id and c.id = a.customer_id
      returning a.org_id, a.id, a.customer_id, a.channel, a.template, a.tone, a.step_key, a.step_name, a.step_index, a.playbook_name,
                a.playbook_version, a.idempotency_key, a.invoice_ids, a.data, a.due_at, a.attempts, a.message_id,
                coalesce(c.time_zone, o.time_zone) as time_zone`.execute(tx);
    return { sends: rows.map(toClaimedSend).sort((a, b) => a.dueAt.localeCompare(b.dueAt)), deferred, superseded };
  });
}

export interface ClaimedRow {
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
  time_zone: string;
}

export function toClaimedSend(row: ClaimedRow): ClaimedSend {
  return {
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
    timeZone: row.time_zone,
  };
}

type DueRow = DueSend & { orgId: bigint; sendHour: number };

function triageByOrg(due: readonly DueRow[], now: Temporal.Instant): Triage[] {
  const byHour = new Map<number, DueRow[]>();
  for (const send of due) byHour.set(send.sendHour, [...(byHour.get(send.sendHour) ?? []), send]);
  return [...byHour].flatMap(([sendHour, sends]) => triageDueSends(sends, now, sendHour));
}

/**
 * The due sends (and claims whose lease ran out), locked for this claim, with what the triage
 * needs: the debtor's zone, a later step of the same case, the latest due date of a note before
 * due, and the debtor's last outgoing message.
 */
async function readDueSends(tx: Transaction<DB>, limit: number, now: string): Promise<DueRow[]> {
  const outgoing = sql.join(outgoingStatuses.map((status) => sql.lit(status)));
  const { rows } = await sql<{
    org_id: bigint;
    id: bigint;
    customer_id: bigint;
    status: string;
    step_name: string;
    step_index: number;
    case_id: bigint | null;
    template: string | null;
    idempotency_key: string;
    time_zone: string;
    settings: Record<string, unknown>;
    latest_due: string | null;
    later_name: string | null;
    later_on: string | null;
    last_sent_on: string | null;
    in_flight: boolean | null;
  }>`
    with due as (
      select a.org_id, a.id from actions a
       where a.kind = 'send'
         and ((a.status in ('ready', 'deferred') and a.due_at <= ${now}::timestamptz and coalesce(a.next_attempt_at, a.due_at) <= ${now}::timestamptz)
              or (a.status = 'sending' and a.lease_until < ${now}::timestamptz))
       order by a.due_at
       limit ${limit}
       for update skip locked)
    select a.org_id, a.id, a.customer_id, a.status, a.step_name, a.step_index, a.case_id, a.template, a.idempotency_key,
           coalesce(c.time_zone, o.time_zone) as time_zone, o.settings,
           (select max(i.due_date) from invoices i where i.org_id = a.org_id and i.id = any(a.invoice_ids))::text as latest_due,
           later.step_name as later_name, later.cycle_date::text as later_on,
           og.sent_on::text as last_sent_on, og.in_flight
      from due
      join actions a on a.org_id = due.org_id and a.id = due.id
      join customers c on c.org_id = a.org_id and c.id = a.customer_id
      join orgs o on o.id = a.org_id
      left join lateral (
        select l.step_name, l.cycle_date from actions l
         where l.org_id = a.org_id and l.case_id = a.case_id and l.kind = 'send' and l.step_index > a.step_index
           -- planned since: a step off the schedule (a plan offer, index -1) is not overtaken by the steps sent before it
           and l.cycle_date >= a.cycle_date
           and l.status not in ('cancelled', 'blocked', 'failed', 'superseded')
         order by l.step_index desc limit 1) later on a.case_id is not null
      left join lateral (
        select max(b.sent_on) as sent_on, bool_or(b.status = 'sending' and b.lease_until >= ${now}::timestamptz) as in_flight
          from actions b
         where b.org_id = a.org_id and b.customer_id = a.customer_id and b.id <> a.id and b.kind = 'send'
           and (b.status = 'sending' or (b.status in (${outgoing}) and b.sent_on >= (${now}::timestamptz - interval '2 days')::date))) og on true
     order by a.due_at, a.id`.execute(tx);
  return rows.map((row) => {
    // a step of the case or its follow-up, not the notice the law orders before anything else
    const caseStep = row.case_id !== null && row.template !== 'validation-notice';
    return {
      orgId: row.org_id,
      id: row.id,
      customerId: row.customer_id,
      timeZone: row.time_zone,
      stepName: row.step_name,
      caseStep,
      preDue: row.idempotency_key.startsWith('pre-due:') && row.latest_due ? { latestDueDate: row.latest_due } : null,
      reclaimed: row.status === 'sending',
      laterStep: row.later_name && row.later_on ? { name: row.later_name, plannedOn: row.later_on } : null,
      lastOutgoing: row.last_sent_on || row.in_flight ? { sentOn: row.last_sent_on, inFlight: row.in_flight ?? false } : null,
      // the law's notices first, then the case's step, then the rest (notes before due, sends by hand)
      order: row.template === 'validation-notice' ? 0 : caseStep ? 1 : 2,
      sendHour: collectionSettings(row.settings).sendHour,
    };
  });
}

/**
 * Ends a claim the way the dispatcher decided, if this worker still holds it (a claim taken over
 * after its lease ran out is not ours to end). Returns whether it did.
 */
export async function endClaim(
  db: Executor,
  send: Pick<ClaimedSend, 'orgId' | 'id'>,
  workerId: string,
  outcome: {
    status: ActionStatus;
    /** When, on the dispatcher's clock: a finished send's finished_at. */
    at: Temporal.Instant;
    nextAttemptAt?: string | null;
    dueAt?: string;
    rule?: string | null;
    reason?: string | null;
    error?: string | null;
    undoAttempt?: boolean;
    /** For a message that went out: the debtor's local day, and the payment deadline it gave. */
    sentOn?: IsoDate;
    deadlineOn?: IsoDate | null;
  },
): Promise<boolean> {
  const finished = (finishedStatuses as readonly ActionStatus[]).includes(outcome.status);
  const result = await db
    .updateTable('actions')
    .set({
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt ?? null,
      lease_until: null,
      claimed_by: null,
      last_error: outcome.error ?? null,
      finished_at: finished ? outcome.at.toString() : null,
      updated_at: sql<string>`now()`,
      ...(outcome.dueAt ? { due_at: outcome.dueAt } : {}),
      // nothing was attempted (the send was put off): the claim does not count as an attempt
      ...(outcome.undoAttempt ? { attempts: sql<number>`attempts - 1` } : {}),
      ...(outcome.rule !== undefined ? { rule: outcome.rule } : {}),
      ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
      ...(outcome.sentOn !== undefined ? { sent_on: outcome.sentOn, deadline_on: outcome.deadlineOn ?? null } : {}),
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

/** The wake-up as an expression, for a statement that does something else too (one round trip). */
export const wakeDispatchersSql = sql<void>`pg_notify(${outboxChannel}, '')`;

/** Wakes the dispatchers; inside a transaction the wake-up is delivered when it commits. */
export async function wakeDispatchers(db: Executor): Promise<void> {
  await sql`select ${wakeDispatchersSql}`.execute(db);
}
