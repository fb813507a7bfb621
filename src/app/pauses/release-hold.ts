// Ends a hold early: collection resumes from today (the cycle of this very day may chase again).
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findHold, type HoldRow } from '../../db/queries/holds.ts';
import { compareDates, type IsoDate } from '../../domain/calendar.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { optionalText } from '../shared/required-text.ts';

export interface ReleaseHoldInput {
  holdId: bigint;
  /** Why it is released early, for the timeline (optional). */
  note?: string | null | undefined;
  /** The organisation's date today: the release takes effect on it. */
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function releaseHold(db: Executor, orgId: bigint, input: ReleaseHoldInput): Promise<HoldRow> {
  const note = optionalText(input.note, 'the note', textLimits.reason);
  return inTransaction(db, async (tx) => {
    // Locked, so two releases at once cannot both succeed and both write the timeline.
    const hold = await tx.selectFrom('holds').selectAll().where('org_id', '=', orgId).where('id', '=', input.holdId).forUpdate().executeTakeFirst();
    if (!hold) throw new AppError('not_found', `there is no hold ${input.holdId}`);
    if (hold.released_on !== null) throw new AppError('conflict', `hold ${hold.id} was already released on ${hold.released_on}`);
    if (hold.ends_on !== null && compareDates(hold.ends_on, input.today) < 0) {
      throw new AppError('conflict', `hold ${hold.id} ended on ${hold.ends_on}; there is nothing to release`);
    }
    await tx.updateTable('holds').set({ released_on: input.today }).where('org_id', '=', orgId).where('id', '=', hold.id).execute();
    const row = (await findHold(tx, orgId, hold.id))!;
    const what = row.invoice_number ? `Hold on invoice ${row.invoice_number} released` : 'Hold released';
    await recordActivity(tx, orgId, {
      customerId: hold.customer_id,
      kind: 'hold_released',
      actor: input.actor,
      summary: `${what}; collection resumes (it was on hold because: ${hold.reason})${note ? `. ${note}` : ''}`,
      data: { holdId: String(hold.id), invoiceId: hold.invoice_id === null ? null : String(hold.invoice_id), releasedOn: input.today, note },
      at: input.now,
    });
    return row;
  });
}
