// Cancels a pending promise to pay (e.g. recorded by mistake, or withdrawn by the customer): the
// customer is chased again by the next cycle. Cancelled is not broken: no firmer step follows.
import type { Temporal } from 'temporal-polyfill';
import { textLimits } from '../../domain/text-limits.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findPromise, type PromiseRow } from '../../db/queries/promises.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { optionalText } from '../shared/required-text.ts';

export interface CancelPromiseInput {
  promiseId: bigint;
  /** Why, for the timeline (optional). */
  reason?: string | null | undefined;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function cancelPromise(db: Executor, orgId: bigint, input: CancelPromiseInput): Promise<PromiseRow> {
  const reason = optionalText(input.reason, 'the reason', textLimits.reason);
  return inTransaction(db, async (tx) => {
    const promise = await tx.selectFrom('promises').selectAll().where('org_id', '=', orgId).where('id', '=', input.promiseId).forUpdate().executeTakeFirst();
    if (!promise) throw new AppError('not_found', `there is no promise ${input.promiseId}`);
    if (promise.status !== 'pending') {
      throw new AppError('conflict', `promise ${promise.id} is already ${promise.status} (on ${promise.resolved_on}); only a pending promise can be cancelled`);
    }
    await tx
      .updateTable('promises')
      .set({ status: 'cancelled', resolved_on: input.today, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', promise.id)
      .execute();
    await recordActivity(tx, orgId, {
      customerId: promise.customer_id,
      kind: 'promise_cancelled',
      actor: input.actor,
      summary: `Promise to pay ${formatMoney(promise.amount, promise.currency)} by ${promise.due_on} cancelled${reason ? `: ${reason}` : ''}`,
      data: { promiseId: String(promise.id), amount: String(promise.amount), currency: promise.currency, dueOn: promise.due_on, reason },
      at: input.now,
    });
    return (await findPromise(tx, orgId, promise.id))!;
  });
}
