// The organisation's charge policy and, for a customer, its own policy and what applies to it.
import type { Executor } from '../../db/executor.ts';
import { orgSettings } from '../../db/queries/charge-policies.ts';
import { customerChargePolicy, orgChargePolicy, parseChargePolicy, policyLabel, type ChargePolicy } from '../../domain/charges/policy.ts';
import { customerByExternalId } from '../shared/customer-by-external-id.ts';

export interface ChargePolicyView {
  organisation: { policy: ChargePolicy; label: string } | { invalid: string };
  customer?: {
    externalId: string;
    name: string;
    kind: 'business' | 'consumer';
    chargesLiable: boolean;
    own: { policy: ChargePolicy; label: string } | { invalid: string } | null;
    applies: { policy: ChargePolicy; label: string; origin: 'customer' | 'organisation' } | { nothing: string };
  };
}

function described(parsed: ReturnType<typeof parseChargePolicy>) {
  return parsed.ok ? { policy: parsed.value, label: policyLabel(parsed.value) } : { invalid: parsed.message };
}

export async function showChargePolicy(db: Executor, orgId: bigint, customerExternalId?: string): Promise<ChargePolicyView> {
  const orgPolicy = orgChargePolicy(await orgSettings(db, orgId));
  const view: ChargePolicyView = { organisation: described(orgPolicy) };
  if (customerExternalId === undefined) return view;
  const customer = await customerByExternalId(db, orgId, customerExternalId);
  const decision = customerChargePolicy(orgPolicy, { kind: customer.kind, chargesLiable: customer.charges_liable, chargePolicy: customer.charge_policy });
  view.customer = {
    externalId: customer.external_id,
    name: customer.name,
    kind: customer.kind,
    chargesLiable: customer.charges_liable,
    own: customer.charge_policy === null ? null : described(parseChargePolicy(customer.charge_policy)),
    applies: decision.ok ? { policy: decision.policy, label: policyLabel(decision.policy), origin: decision.origin } : { nothing: decision.reason },
  };
  return view;
}
