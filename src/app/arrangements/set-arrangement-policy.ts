// Sets the organisation's arrangement policy (settings.collections.arrangementPolicy): the bounds
// of payment plans and the settlement approval threshold. Validated whole, so a stored policy is
// always one the plans and settlements can read; the fields not given take their defaults.
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import type { Role } from '../../db/schema.ts';
import { parseArrangementPolicy, type ArrangementPolicy } from '../../domain/arrangements/policy.ts';
import { AppError } from '../../errors.ts';
import { stringifyJson } from '../../json.ts';
import { recordActivity } from '../shared/record-activity.ts';

export async function setArrangementPolicy(db: Executor, orgId: bigint, input: { value: unknown; role: Role; actor: string; now: Temporal.Instant }): Promise<ArrangementPolicy> {
  if (input.role !== 'owner') throw new AppError('forbidden', `changing the arrangement policy needs the owner role (this is the ${input.role} role)`);
  const parsed = parseArrangementPolicy(input.value);
  if (!parsed.ok) throw new AppError('invalid_input', `the arrangement policy is not valid: ${parsed.message}`);
  await sql`
    update orgs
       set settings = jsonb_set(settings, '{collections}',
                                coalesce(settings -> 'collections', '{}'::jsonb) || jsonb_build_object('arrangementPolicy', ${stringifyJson(parsed.value)}::jsonb))
     where id = ${orgId}`.execute(db);
  await recordActivity(db, orgId, { customerId: null, kind: 'arrangement_policy', actor: input.actor, summary: 'Arrangement policy changed', data: { policy: parsed.value }, at: input.now });
  return parsed.value;
}
