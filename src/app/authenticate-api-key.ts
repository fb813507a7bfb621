// Turns a bearer API key into the organisation and role it was issued for.
import { timingSafeEqual } from 'node:crypto';
import type { Executor } from '../db/executor.ts';
import type { Role } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { apiKeyPrefix, hashApiKey } from './credentials.ts';

export interface Principal {
  orgId: bigint;
  role: Role;
  keyId: bigint;
}

export async function authenticateApiKey(db: Executor, key: string): Promise<Principal> {
  const prefix = apiKeyPrefix(key);
  const row = prefix
    ? await db
        .selectFrom('api_keys')
        .select(['org_id', 'id', 'role', 'key_hash', 'revoked_at'])
        .where('key_prefix', '=', prefix)
        .executeTakeFirst()
    : undefined;
  const valid =
    row !== undefined &&
    row.revoked_at === null &&
    timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hashApiKey(key), 'hex'));
  if (!valid) throw new AppError('unauthenticated', 'the API key is not valid; send "Authorization: Bearer arr_…" with a key of your organisation');
  return { orgId: row.org_id, role: row.role, keyId: row.id };
}
