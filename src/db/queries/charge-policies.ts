// Where charge policies are kept: the organisation's in orgs.settings.collections.chargePolicy, a
// customer's own in customers.charge_policy, with the customer's charges_liable flag.
import { sql } from 'kysely';
import { stringifyJson } from '../../json.ts';
import type { Executor } from '../executor.ts';

export async function orgSettings(db: Executor, orgId: bigint): Promise<unknown> {
  const row = await db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  return row.settings;
}

/** Sets (or with null, clears) a customer's own policy. */
export async function saveCustomerChargePolicy(db: Executor, orgId: bigint, customerId: bigint, policy: unknown | null): Promise<void> {
  await db
    .updateTable('customers')
    .set({ charge_policy: policy === null ? null : stringifyJson(policy), updated_at: sql<string>`now()` })
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .execute();
}

export async function saveChargesLiable(db: Executor, orgId: bigint, customerId: bigint, liable: boolean): Promise<void> {
  await db.updateTable('customers').set({ charges_liable: liable, updated_at: sql<string>`now()` }).where('org_id', '=', orgId).where('id', '=', customerId).execute();
}
