// The organisation's arrangement policy, read from its settings; a stored policy that no longer
// validates is a configuration error to fix, not something to guess around.
import type { Executor } from '../../db/executor.ts';
import { orgArrangementPolicy, type ArrangementPolicy } from '../../domain/arrangements/policy.ts';
import { AppError } from '../../errors.ts';

export async function arrangementPolicyOf(db: Executor, orgId: bigint): Promise<ArrangementPolicy> {
  const org = await db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  return checkedArrangementPolicy(org.settings);
}

/** The policy from settings already read (the cycle has the organisation's row). */
export function checkedArrangementPolicy(orgSettings: unknown): ArrangementPolicy {
  const policy = orgArrangementPolicy(orgSettings);
  if (!policy.ok) throw new AppError('invalid_config', `the organisation's arrangement policy (settings.collections.arrangementPolicy) is not valid: ${policy.message}`);
  return policy.value;
}
