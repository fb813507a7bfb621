// One pass of the outbox: claim a batch of due sends (any organisation), prepare them per
// organisation, send several at a time, and record each outcome. Safe to run in several processes
// at once: a claim is exclusive, and each send is recorded once (one communication per action).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { SendError } from '../../channels/send-error.ts';
import { claimSends, type ClaimedSend } from '../../db/queries/outbox.ts';
import type { DB, Org } from '../../db/schema.ts';
import type { Logger } from '../../logger.ts';
import { deliver, type ChannelSenders } from './deliver.ts';
import { prepareSends, type PreparedSend } from './prepare-sends.ts';
import { LeaseLost, maxAttempts, recordDecision, recordDelivery, recordFailure, wentOutAs } from './record-send.ts';

export interface DispatchDeps {
  db: Kysely<DB>;
  senders: ChannelSenders;
  logger: Logger;
  now: () => Temporal.Instant;
  /** Names this dispatcher on its claims; a fresh one per process by default. */
  workerId?: string;
}

export interface DispatchSummary {
  claimed: number;
  sent: number;
  /** Written to the .eml outbox, not delivered (no SMTP configured): status `written`. */
  notDelivered: number;
  /** Letters printed into the day's batch, to post: status `printed`. */
  printed: number;
  retrying: number;
  failed: number;
  deferred: number;
  /** Overtaken by a later step of the case, or no longer true (a note before due once it is due). */
  superseded: number;
  stopped: number;
}

export const emptySummary = (): DispatchSummary => ({ claimed: 0, sent: 0, notDelivered: 0, printed: 0, retrying: 0, failed: 0, deferred: 0, superseded: 0, stopped: 0 });

/**
 * Sends claimed in one pass: each holds a lease while it is prepared and sent, so a batch should
 * go out well inside the lease; a dispatcher that claimed a full batch claims again at once.
 */
export const defaultSendBatchSize = 50;

export function newWorkerId(): string {
  return `dispatch-${process.pid}-${randomUUID().slice(0, 8)}`;
}

export async function dispatchBatch(deps: DispatchDeps, options: { batchSize?: number; concurrency?: number } = {}): Promise<DispatchSummary> {
  const workerId = deps.workerId ?? newWorkerId();
  const now = deps.now();
  const summary = emptySummary();
  const claim = await claimSends(deps.db, workerId, options.batchSize ?? defaultSendBatchSize, now.toString());
  const claimed = claim.sends;
  summary.claimed = claimed.length;
  summary.deferred += claim.deferred;
  summary.superseded += claim.superseded;
  if (claimed.length === 0) return summary;
  const orgs = await deps.db.selectFrom('orgs').selectAll().where('id', 'in', [...new Set(claimed.map((s) => s.orgId))]).execute();
  const prepared: PreparedSend[] = [];
  for (const org of orgs) {
    const sends = claimed.filter((send) => send.orgId === org.id);
    prepared.push(...(await prepareOrFail(deps, org, sends, now, workerId, summary)));
  }
  await eachConcurrently(prepared, options.concurrency ?? 8, (item) => handle(deps, item, workerId, summary));
  return summary;
}

/** A batch whose facts cannot be read (a bug, a lost connection) goes back to be retried, each send counted as an attempt. */
async function prepareOrFail(deps: DispatchDeps, org: Org, sends: ClaimedSend[], now: Temporal.Instant, workerId: string, summary: DispatchSummary): Promise<PreparedSend[]> {
  try {
    return await prepareSends(deps.db, org, sends, now);
  } catch (error) {
    deps.logger.error({ err: error, org: org.slug }, 'preparing sends failed');
    for (const send of sends) await countFailure(deps, send, error as Error, workerId, summary);
    return [];
  }
}

async function handle(deps: DispatchDeps, item: PreparedSend, workerId: string, summary: DispatchSummary): Promise<void> {
  const { send } = item;
  if (!item.go) {
    await recordDecision(deps.db, item, workerId, deps.now());
    if (item.decision.status === 'deferred') summary.deferred += 1;
    else summary.stopped += 1;
    return;
  }
  if (send.attempts > maxAttempts) {
    // claimed again and again without ever being recorded (the process died each time): stop
    await countFailure(deps, send, new SendError(`the dispatcher stopped ${send.attempts - 1} times while sending this; not tried again`, true), workerId, summary);
    return;
  }
  let delivery;
  try {
    delivery = await deliver(item, deps.senders);
  } catch (error) {
    await countFailure(deps, send, error as Error, workerId, summary);
    return;
  }
  try {
    await recordDelivery(deps.db, send, delivery, workerId, deps.now());
    const status = wentOutAs(send, delivery);
    if (status === 'sent') summary.sent += 1;
    else if (status === 'printed') summary.printed += 1;
    else summary.notDelivered += 1;
  } catch (error) {
    // Sent but not recorded: the claim's lease runs out and the send is repeated with the same
    // Message-ID, which the receiving side de-duplicates. Nothing is lost.
    const level = error instanceof LeaseLost ? 'warn' : 'error';
    deps.logger[level]({ err: error, action: send.id.toString(), messageId: send.messageId }, 'a send could not be recorded');
  }
}

async function countFailure(deps: DispatchDeps, send: ClaimedSend, error: Error, workerId: string, summary: DispatchSummary): Promise<void> {
  try {
    const outcome = await recordFailure(deps.db, send, error, workerId, deps.now());
    if (outcome === 'retry') summary.retrying += 1;
    else summary.failed += 1;
    deps.logger.warn({ action: send.id.toString(), attempts: send.attempts, outcome, error: error.message }, 'send failed');
  } catch (recordError) {
    deps.logger.error({ err: recordError, action: send.id.toString() }, 'a failed send could not be recorded; its lease will run out and it is tried again');
  }
}

async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
