// Sets the organisation's arrangement policy (settings.collections.arrangementPolicy): the bounds
// of payment plans and the settlement approval threshold (app/shared/set-collection-policy.ts).
import type { Executor } from '../../db/executor.ts';
import { parseArrangementPolicy, type ArrangementPolicy } from '../../domain/arrangements/policy.ts';
import { setCollectionPolicy, type CollectionPolicyChange } from '../shared/set-collection-policy.ts';

export function setArrangementPolicy(db: Executor, orgId: bigint, change: CollectionPolicyChange): Promise<ArrangementPolicy> {
  return setCollectionPolicy(db, orgId, { key: 'arrangementPolicy', activityKind: 'arrangement_policy', name: 'arrangement policy', parse: parseArrangementPolicy }, change);
}
