// `arrears outbox retry <id>`: a send that failed (or was stopped) is tried again now, from a
// fresh count of attempts — after someone fixed the address, the SMTP settings or the template.
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findAction, type ActionRow } from '../../db/queries/actions.ts';
import { wakeDispatchers } from '../../db/queries/outbox.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';

const retryable = ['failed', 'blocked', 'cancelled'] as const;

/** `now`: the caller's clock; the send is due again then, and the retry is on the timeline at it. */
export async function retrySend(db: Executor, orgId: bigint, actionId: bigint, actor: string, now: Temporal.Instant): Promise<ActionRow> {
  return inTransaction(db, async (tx) => {
    const action = await findSend(tx, orgId, actionId);
    if (!(retryable as readonly string[]).includes(action.status)) {
      throw new AppError('conflict', `send ${actionId} is ${action.status}: only a failed, blocked or cancelled send can be retried`);
    }
    await tx
      .updateTable('actions')
      .set({ status: 'ready', attempts: 0, next_attempt_at: null, last_error: null, finished_at: null, due_at: now.toString(), updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', actionId)
      .execute();
    await recordActivity(tx, orgId, {
      customerId: action.customer_id,
      kind: 'send_retried',
      actor,
      summary: `"${action.step_name}" by ${action.channel} queued again (it was ${action.status}${action.last_error ? `: ${action.last_error}` : ''}).`,
      data: { actionId: actionId.toString(), previousStatus: action.status },
      at: now,
    });
    await wakeDispatchers(tx);
    return (await findAction(tx, orgId, actionId))!;
  });
}

/** A send action of this organisation, or a clear error. */
export async function findSend(db: Executor, orgId: bigint, actionId: bigint): Promise<ActionRow> {
  const action = await findAction(db, orgId, actionId);
  if (!action) throw new AppError('not_found', `there is no action ${actionId}`);
  if (action.kind !== 'send') throw new AppError('invalid_input', `action ${actionId} is a ${action.channel} task for a person, not a send in the outbox`);
  return action;
}
