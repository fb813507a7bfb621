// Turns a bearer API key into the organisation and role it was issued for.
import { timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from './principal.ts';
import { apiKeyPrefix, hashApiKey } from './credentials.ts';

export type { Principal } from './principal.ts';

export async function authenticateApiKey(db: Executor, key: string): Promise<Principal> {
  const prefix = apiKeyPrefix(key);
  const row = prefix
    ? await db
        .selectFrom('api_keys')
        .select(['org_id', 'id', 'role', 'key_hash', 'revoked_at', 'last_used_at'])
        .where('key_prefix', '=', prefix)
        .executeTakeFirst()
    : undefined;
  const valid =
    row !== undefined &&
    row.revoked_at === null &&
    timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hashApiKey(key), 'hex'));
  if (!valid) throw new AppError('unauthenticated', 'the API key is not valid; send "Authorization: Bearer arr_…" with a key of your organisation');
  await touchLastUsed(db, row);
  return { via: 'api_key', orgId: row.org_id, role: row.role, keyId: row.id };
}

/**
 * Records when a key was last used, to the minute: a write on every request would cost more than
 * the request itself, so at most one a minute per key, and the condition in the update keeps
 * concurrent requests (other processes) from writing it again.
 */
async function touchLastUsed(db: Executor, key: { org_id: bigint; id: bigint; last_used_at: string | null }): Promise<void> {
  if (key.last_used_at !== null && Date.now() - Date.parse(key.last_used_at) < 60_000) return;
  await db
    .updateTable('api_keys')
    .set({ last_used_at: sql<string>`now()` })
    .where('org_id', '=', key.org_id)
    .where('id', '=', key.id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<string>`now() - interval '1 minute'`)]))
    .execute();
}
