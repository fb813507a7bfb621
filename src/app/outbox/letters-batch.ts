// `arrears letters batch --date D --out file.pdf`: every letter the dispatcher produced on a day
// (the organisation's calendar), as one PDF to print and post — the stored copies themselves, in
// the order they were made, each starting on a fresh sheet.
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { mergeLetters } from '../../channels/letters/merge-letters.ts';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface LettersBatch {
  date: IsoDate;
  letters: number;
  /** The communications in the batch, in order. */
  communicationIds: string[];
  pdf: Uint8Array | null;
}

/** `now`: the caller's clock, when the batch was put together (on the timeline). */
export async function lettersBatch(db: Executor, org: Org, date: IsoDate, actor: string, now: Temporal.Instant): Promise<LettersBatch> {
  const { rows } = await sql<{ communication_id: bigint; bytes: Uint8Array }>`
    select f.communication_id, f.bytes
      from communications c join communication_files f on f.org_id = c.org_id and f.communication_id = c.id
     where c.org_id = ${org.id} and c.channel = 'letter' and c.direction = 'outbound' and f.content_type = 'application/pdf'
       and (c.sent_at at time zone ${org.time_zone})::date = ${date}::date
     order by c.id, f.id`.execute(db);
  const communicationIds = rows.map((row) => row.communication_id.toString());
  if (rows.length === 0) return { date, letters: 0, communicationIds, pdf: null };
  const pdf = await mergeLetters(rows.map((row) => row.bytes));
  await recordActivity(db, org.id, {
    customerId: null,
    kind: 'letters_batch',
    actor,
    summary: `${rows.length} letter(s) of ${date} put together for posting.`,
    data: { date, communicationIds },
    at: now,
  });
  return { date, letters: rows.length, communicationIds, pdf };
}
