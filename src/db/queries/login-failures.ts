// Failed sign-ins, for rate limiting in the database so that every process sees the same counts.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';

export interface FailureCount {
  count: number;
  /** The oldest failure inside the window: the limit lifts when it leaves the window. */
  oldest: string | null;
}

export async function recentFailures(db: Executor, key: { account: string; address: string }, since: string): Promise<{ account: FailureCount; address: FailureCount }> {
  const count = async (column: 'account' | 'address', value: string): Promise<FailureCount> => {
    const row = await db
      .selectFrom('login_failures')
      .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('failed_at').as('oldest')])
      .where(column, '=', value)
      .where('failed_at', '>', sql<string>`${since}::timestamptz`)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldest: row.oldest };
  };
  return { account: await count('account', key.account), address: await count('address', key.address) };
}

/** Records a failure and forgets those older than a day (no window is that long). */
export async function recordLoginFailure(db: Executor, failure: { account: string; address: string; at: string }): Promise<void> {
  await db.insertInto('login_failures').values({ account: failure.account, address: failure.address, failed_at: failure.at }).execute();
  await db
    .deleteFrom('login_failures')
    .where('failed_at', '<', sql<string>`${failure.at}::timestamptz - interval '1 day'`)
    .execute();
}

/** A successful sign-in clears its account's failures (not its address's: others may be guessing from it). */
export async function clearAccountFailures(db: Executor, account: string): Promise<void> {
  await db.deleteFrom('login_failures').where('account', '=', account).execute();
}
