// Appends one entry to a customer's timeline (activities are append-only). Amounts in `data` are
// written as strings of minor units, as the importer does, so no reader ever sees a rounded float.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';

export interface ActivityInput {
  customerId: bigint | null;
  /** e.g. 'payment', 'credit_note', 'invoice_status' */
  kind: string;
  /** Who did it: 'api-key:<id>', 'user:<id>', 'import', 'system'. */
  actor: string;
  /** One sentence a person reads on the timeline. */
  summary: string;
  data: Record<string, string | number | boolean | null | object>;
  /** When it happened, on the clock the use case was given by its transport (the HTTP server's or
   * the CLI's clock, ARREARS_NOW, a job's injected clock). Required: the database's own clock would
   * stamp a time nobody chose, so a demo or a test could not say when its timeline happened. */
  at: Temporal.Instant;
}

export async function recordActivity(db: Executor, orgId: bigint, activity: ActivityInput): Promise<void> {
  await db
    .insertInto('activities')
    .values({
      org_id: orgId,
      customer_id: activity.customerId,
      kind: activity.kind,
      actor: activity.actor,
      summary: activity.summary,
      data: JSON.stringify(activity.data),
      occurred_at: activity.at.toString(),
    })
    .execute();
}
