// The organisation's arrangement policy, read from its settings; a stored policy that no longer
// validates is a configuration error to fix, not something to guess around.
import type { Executor } from '../../db/executor.ts';
import { orgArrangementPolicy, policyForCustomer, type ArrangementPolicy, type CustomerArrangementPolicy } from '../../domain/arrangements/policy.ts';
import type { IsoDate } from '../../domain/calendar.ts';
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

/** The policy in force for one customer's plan or settlement: the first segment the customer is in, over the organisation's (policyForCustomer). */
export async function arrangementPolicyForCustomer(db: Executor, orgId: bigint, customerId: bigint, today: IsoDate): Promise<CustomerArrangementPolicy> {
  const policy = await arrangementPolicyOf(db, orgId);
  const customer = await db.selectFrom('customers').select(['kind', 'tags', 'risk', 'customer_since']).where('org_id', '=', orgId).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw new AppError('not_found', `there is no customer ${customerId}`);
  return policyForCustomer(policy, { kind: customer.kind, tags: customer.tags, risk: customer.risk, customerSince: customer.customer_since }, today);
}
