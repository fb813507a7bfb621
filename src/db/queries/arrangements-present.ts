// Whether an organisation has anything the daily cycle's arrangement steps work on (promises to
// settle, payment plans to follow, settlements on offer), in one read. Most organisations on a
// host have none on most days, and those steps are seven statements: skipped, they are seven
// round trips less for each such organisation.
import { sql } from 'kysely';
import { openSettlementStatuses } from '../../domain/arrangements/settlement-rules.ts';
import type { Executor } from '../executor.ts';

export interface ArrangementsPresent {
  /** A promise to pay waiting to be settled. */
  pendingPromises: boolean;
  /** Any payment plan, whatever its status (a finished one may still owe a receipt). */
  paymentPlans: boolean;
  /** A settlement awaiting approval or on offer. */
  openSettlements: boolean;
}

export async function arrangementsPresent(db: Executor, orgId: bigint): Promise<ArrangementsPresent> {
  const { rows } = await sql<{ pending_promises: boolean; payment_plans: boolean; open_settlements: boolean }>`
    select exists (select 1 from promises where org_id = ${orgId} and status = 'pending') as pending_promises,
           exists (select 1 from payment_plans where org_id = ${orgId}) as payment_plans,
           exists (select 1 from settlements where org_id = ${orgId} and status in (${sql.join(openSettlementStatuses.map((status) => sql.lit(status)))})) as open_settlements`.execute(db);
  const row = rows[0]!;
  return { pendingPromises: row.pending_promises, paymentPlans: row.payment_plans, openSettlements: row.open_settlements };
}
