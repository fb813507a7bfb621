// `arrears outbox cancel <id>`: a send that has not gone out is withdrawn, with who and why on the
// timeline. Nothing sent can be cancelled or changed afterwards.
import { textLimits } from '../../domain/text-limits.ts';
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findAction, type ActionRow } from '../../db/queries/actions.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';
import { findSend } from './retry-send.ts';

const cancellable = ['planned', 'ready', 'deferred', 'failed', 'blocked'] as const;

/** `now`: the caller's clock; the send is finished, and the cancellation on the timeline, at it. */
export async function cancelSend(db: Executor, orgId: bigint, actionId: bigint, reason: string, actor: string, now: Temporal.Instant): Promise<ActionRow> {
  const why = requiredText(reason, 'the reason', textLimits.reason, 'say why this message should not go out');
  return inTransaction(db, async (tx) => {
    // lock it: a dispatcher claiming it at this moment either got it first (then it is 'sending') or waits
    await sql`select 1 from actions where org_id = ${orgId} and id = ${actionId} for update`.execute(tx);
    const action = await findSend(tx, orgId, actionId);
    if (!(cancellable as readonly string[]).includes(action.status)) {
      const detail = action.status === 'sending' ? 'it is being sent right now' : action.status === 'sent' ? 'it was sent, and nothing sent can be changed' : `it is ${action.status}`;
      throw new AppError('conflict', `send ${actionId} cannot be cancelled: ${detail}`);
    }
    await tx
      .updateTable('actions')
      .set({ status: 'cancelled', reason: why, finished_at: now.toString(), updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', actionId)
      .execute();
    await recordActivity(tx, orgId, {
      customerId: action.customer_id,
      kind: 'send_cancelled',
      actor,
      summary: `"${action.step_name}" by ${action.channel} cancelled before sending: ${why}`,
      data: { actionId: actionId.toString(), previousStatus: action.status, reason: why },
      at: now,
    });
    return (await findAction(tx, orgId, actionId))!;
  });
}
