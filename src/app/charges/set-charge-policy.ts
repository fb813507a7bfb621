// Sets the organisation's charge policy, or one customer's own (which overrides it; null clears
// it), after validating it: a statutory scheme is refused for a consumer outright.
import type { Executor } from '../../db/executor.ts';
import { saveCustomerChargePolicy } from '../../db/queries/charge-policies.ts';
import { saveCollectionSetting } from '../../db/queries/orgs.ts';
import { parseChargePolicy, policyLabel, policyProblemFor, type ChargePolicy } from '../../domain/charges/policy.ts';
import { AppError } from '../../errors.ts';
import { customerByExternalId } from '../shared/customer-by-external-id.ts';

export interface ChargePolicyChange {
  scope: 'organisation' | 'customer';
  customerExternalId?: string;
  /** The policy now set; null when a customer's own policy was cleared. */
  policy: ChargePolicy | null;
  label: string;
  /** Things the user should know: the change is valid but will not charge as they may expect. */
  warnings: string[];
}

function validPolicy(value: unknown): ChargePolicy {
  const parsed = parseChargePolicy(value);
  if (!parsed.ok) throw new AppError('invalid_input', `the charge policy is not valid: ${parsed.message}`);
  return parsed.value;
}

export async function setOrgChargePolicy(db: Executor, orgId: bigint, value: unknown): Promise<ChargePolicyChange> {
  const policy = validPolicy(value);
  await saveCollectionSetting(db, orgId, 'chargePolicy', policy);
  const warnings = policy.type === 'uk_late_payment' || policy.type === 'eu_late_payment' ? ['consumer customers are never charged under a statutory scheme; they are skipped'] : [];
  return { scope: 'organisation', policy, label: policyLabel(policy), warnings };
}

export async function setCustomerChargePolicy(db: Executor, orgId: bigint, externalId: string, value: unknown | null): Promise<ChargePolicyChange> {
  const customer = await customerByExternalId(db, orgId, externalId);
  const policy = value === null ? null : validPolicy(value);
  const problem = policy && policyProblemFor(customer.kind, policy);
  if (problem) throw new AppError('invalid_input', `customer ${externalId} is a consumer: ${problem}`);
  await saveCustomerChargePolicy(db, orgId, customer.id, policy);
  const warnings =
    policy && policy.type !== 'none' && customer.kind === 'consumer' && !customer.charges_liable
      ? [`customer ${externalId} is a consumer not marked as contractually liable for charges: nothing is charged until \`arrears charges liable ${externalId}\``]
      : [];
  return { scope: 'customer', customerExternalId: externalId, policy, label: policy ? policyLabel(policy) : "the organisation's policy", warnings };
}
