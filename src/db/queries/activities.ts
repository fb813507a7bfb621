// Timeline entries written by set-based passes (the daily cycle's), all in one statement however
// many: one JSON parameter, not a statement or six parameters per entry. One entry by a use case
// goes through app/shared/record-activity.ts.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';

export interface ActivityEntry {
  customerId: string;
  kind: string;
  summary: string;
  data: Record<string, unknown>;
  /** When it happened (an ISO instant), as the caller decides it: never the database's clock. */
  at: string;
}

export async function insertActivities(db: Executor, orgId: bigint, actor: string, entries: readonly ActivityEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`insert into activities (org_id, customer_id, kind, actor, summary, data, occurred_at)
            select ${orgId}, (e->>'customerId')::bigint, e->>'kind', ${actor}, e->>'summary', e->'data', (e->>'at')::timestamptz
              from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) e`.execute(db);
}
