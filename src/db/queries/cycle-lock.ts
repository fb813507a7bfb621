// The per-organisation lock of the daily cycle: one cycle of an organisation at a time across
// processes, and anything that must not interleave with one (an erasure) takes it too. A
// transaction-level advisory lock: released at commit or rollback, re-entrant within it.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';

export async function lockOrgCycle(tx: Executor, orgId: bigint): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('arrears-cycle:' || ${orgId.toString()}, 0))`.execute(tx);
}
