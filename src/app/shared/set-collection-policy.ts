// Sets one of the organisation's collection policies (the arrangement policy, the review policy):
// the owner's alone; validated whole by the domain's own parser, so a stored policy is always one
// its readers can use, the fields not given taking their defaults; on the organisation's timeline.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { saveCollectionSetting } from '../../db/queries/orgs.ts';
import type { Role } from '../../db/schema.ts';
import type { ParseResult } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from './record-activity.ts';

export interface CollectionPolicyChange {
  value: unknown;
  role: Role;
  actor: string;
  at: Temporal.Instant;
}

export async function setCollectionPolicy<T>(
  db: Executor,
  orgId: bigint,
  policy: { key: 'arrangementPolicy' | 'reviewPolicy'; activityKind: string; name: string; parse: (value: unknown) => ParseResult<T> },
  change: CollectionPolicyChange,
): Promise<T> {
  if (change.role !== 'owner') throw new AppError('forbidden', `changing the ${policy.name} needs the owner role (this is the ${change.role} role)`);
  const parsed = policy.parse(change.value);
  if (!parsed.ok) throw new AppError('invalid_input', `the ${policy.name} is not valid: ${parsed.message}`);
  await saveCollectionSetting(db, orgId, policy.key, parsed.value);
  const name = policy.name.charAt(0).toUpperCase() + policy.name.slice(1);
  await recordActivity(db, orgId, { customerId: null, kind: policy.activityKind, actor: change.actor, summary: `${name} changed`, data: { policy: parsed.value as object }, at: change.at });
  return parsed.value;
}
