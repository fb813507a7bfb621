// `arrears letters posted --date D` (and POST /api/v1/letters/posted): a person confirms the day's
// batch went in the post. Every letter of that batch still `printed` becomes `posted` — what
// reached the debtor, so the case may move on from it — with an entry on each customer's timeline.
// The batch is the same selection `arrears letters batch` prints: letters made on that day in the
// organisation's calendar.
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface LettersPosted {
  date: IsoDate;
  /** Letters that became posted now (a second confirmation of the same day finds none). */
  posted: number;
  actionIds: string[];
}

/** `now`: the caller's clock, when the person confirmed the posting: the letters finish, and the timeline entries are, at it. */
export async function lettersPosted(db: Kysely<DB>, org: Org, date: IsoDate, actor: string, now: Temporal.Instant): Promise<LettersPosted> {
  return inTransaction(db, async (tx) => {
    const { rows } = await sql<{ id: bigint; customer_id: bigint; step_name: string }>`
      update actions a set status = 'posted', updated_at = now(), finished_at = coalesce(a.finished_at, ${now.toString()}::timestamptz)
        from communications c
       where a.org_id = ${org.id} and a.status = 'printed' and a.channel = 'letter'
         and c.org_id = a.org_id and c.action_id = a.id and c.channel = 'letter' and c.direction = 'outbound'
         and (c.sent_at at time zone ${org.time_zone})::date = ${date}::date
      returning a.id, a.customer_id, a.step_name`.execute(tx);
    await recordPosted(tx, org, date, actor, now, rows);
    return { date, posted: rows.length, actionIds: rows.map((row) => row.id.toString()).sort((a, b) => Number(BigInt(a) - BigInt(b))) };
  });
}

/** One timeline entry per letter, written in one statement. */
async function recordPosted(db: Executor, org: Org, date: IsoDate, actor: string, at: Temporal.Instant, rows: readonly { id: bigint; customer_id: bigint; step_name: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('activities')
    .values(
      rows.map((row) => ({
        org_id: org.id,
        customer_id: row.customer_id,
        kind: 'letter_posted',
        actor,
        summary: `Letter "${row.step_name}" of the ${date} batch was posted.`,
        data: JSON.stringify({ actionId: row.id.toString(), batchDate: date }),
        occurred_at: at.toString(),
      })),
    )
    .execute();
}
