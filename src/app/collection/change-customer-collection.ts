// The one way the per-customer collection settings (playbook override, exclusion, an agency's
// creditor) change: under
// a row lock, recorded on the customer's timeline with who did it, and not at all (no entry) when
// the value is already what was asked.
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import type { Customer } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface CollectionChange {
  column: 'playbook_override' | 'excluded_reason' | 'creditor_name';
  value: string | null;
  actor: string;
  /** When it is changed, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  /** The timeline entry, given the value before. */
  activity: (previous: string | null) => { kind: string; summary: string };
}

export function changeCustomerCollection(db: Executor, orgId: bigint, customerId: bigint, change: CollectionChange): Promise<Customer> {
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('customers').selectAll().where('org_id', '=', orgId).where('id', '=', customerId).forUpdate().executeTakeFirst();
    if (!current) throw new AppError('not_found', `there is no customer ${customerId}`);
    const previous = current[change.column];
    if (previous === change.value) return current;
    const updated = await tx
      .updateTable('customers')
      .set({ [change.column]: change.value, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', customerId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { kind, summary } = change.activity(previous);
    await recordActivity(tx, orgId, { customerId, kind, actor: change.actor, summary, data: { [change.column]: change.value, previous }, at: change.now });
    return updated;
  });
}
