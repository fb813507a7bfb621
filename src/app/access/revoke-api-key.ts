// Revokes an API key of the organisation; a revoked key fails authentication from then on.
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';

export async function revokeApiKey(db: Executor, orgId: bigint, prefix: string): Promise<void> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where('org_id', '=', orgId)
    .where('key_prefix', '=', prefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new AppError('not_found', `no active API key with the prefix ${prefix} in this organisation; \`arrears key list\` shows them`);
}
