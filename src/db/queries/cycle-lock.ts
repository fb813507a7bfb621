// The per-organisation lock of the daily cycle: one cycle of an organisation at a time across
// processes, and anything that must not interleave with one (an erasure) takes it too. A
// transaction-level advisory lock: released at commit or rollback, re-entrant within it.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';

const lockKey = (orgId: bigint) => sql`hashtextextended('arrears-cycle:' || ${orgId.toString()}, 0)`;

/**
 * Waits for the lock. `settings` are set for the rest of the transaction in the same statement
 * (`set_config(…, true)`, as `SET LOCAL`): the cycle's start is one round trip, not one a setting.
 */
export async function lockOrgCycle(tx: Executor, orgId: bigint, settings: Readonly<Record<string, string>> = {}): Promise<void> {
  const set = Object.entries(settings).map(([name, value]) => sql`, set_config(${name}, ${value}, true)`);
  await sql`select pg_advisory_xact_lock(${lockKey(orgId)})${sql.join(set, sql``)}`.execute(tx);
}

/**
 * The same lock if it is free now: false when another transaction holds it (that organisation's
 * cycle is running elsewhere), so a scheduler moves on instead of queueing behind it.
 */
export async function tryLockOrgCycle(tx: Executor, orgId: bigint): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${lockKey(orgId)}) as locked`.execute(tx);
  return rows[0]!.locked;
}
