// The charges contract: the organisation's charge policy (the domain's own schema, so the API,
// the CLI and the stored settings are one format; docs/charges.md) and the reference rates the
// statutory schemes add 8 points to.
import { z } from '@hono/zod-openapi';
import type { ChargePolicyChange } from '../../app/charges/set-charge-policy.ts';
import type { ChargePolicyView } from '../../app/charges/show-charge-policy.ts';
import { chargePolicySchema } from '../../domain/charges/policy.ts';
import { rateSchemes, type ReferenceRate as DomainReferenceRate } from '../../domain/charges/reference-rates.ts';
import { IsoDate } from './common.ts';

// Rebuilt from the domain's variants: schemas made before @hono/zod-openapi extends Zod lack .openapi().
export const ChargePolicy = z
  .discriminatedUnion('type', [chargePolicySchema.options[0], chargePolicySchema.options[1], chargePolicySchema.options[2], chargePolicySchema.options[3], chargePolicySchema.options[4], chargePolicySchema.options[5]])
  .openapi('ChargePolicy', {
    description: 'none; fixed_fee { amounts: { "GBP": "25.00" } }; percentage { percent: "5" }; simple_interest { annualPercent: "8" }; uk_late_payment; eu_late_payment (docs/charges.md)',
    example: { type: 'fixed_fee', amounts: { GBP: '25.00' } },
  });

export const OrgChargePolicy = z
  .object({
    policy: ChargePolicy.nullable().openapi({ description: 'the policy in force; null when the stored one is not valid (see invalid)' }),
    label: z.string().nullable().openapi({ description: 'the policy in words, e.g. "a fixed fee of GBP 25.00 per invoice"' }),
    invalid: z.string().nullable().openapi({ description: 'why the stored policy cannot be used (nothing is charged until it is set again)' }),
  })
  .openapi('OrgChargePolicy');

export const ChargePolicySet = z
  .object({
    policy: ChargePolicy,
    label: z.string(),
    warnings: z.array(z.string()).openapi({ description: 'valid, but will not charge everyone as one may expect' }),
  })
  .openapi('ChargePolicySet');

export function toOrgChargePolicy(view: ChargePolicyView['organisation']): z.input<typeof OrgChargePolicy> {
  return 'invalid' in view ? { policy: null, label: null, invalid: view.invalid } : { policy: view.policy, label: view.label, invalid: null };
}

export function toChargePolicySet(change: ChargePolicyChange): z.input<typeof ChargePolicySet> {
  return { policy: change.policy!, label: change.label, warnings: change.warnings };
}

const Scheme = z.enum(rateSchemes).openapi({ description: 'the statutory scheme the rate is for' });

export const ReferenceRate = z
  .object({
    scheme: Scheme,
    effectiveFrom: IsoDate.openapi({ description: 'first day of the half-year: YYYY-01-01 or YYYY-07-01' }),
    ratePercent: z.string().openapi({ description: 'percent a year, exact decimal text', example: '4.25' }),
    source: z.string(),
    origin: z.enum(['shipped', 'organisation']).openapi({ description: 'shipped with Arrears, or added by the organisation (which wins for its half-year)' }),
  })
  .openapi('ReferenceRate');

export const ReferenceRateList = z
  .object({ data: z.array(ReferenceRate) })
  .openapi('ReferenceRateList', { description: 'The whole table, by scheme and date: two rows a year per scheme, so it is never paged' });

export const ReferenceRateQuery = z.strictObject({ scheme: Scheme.optional() });

export const NewReferenceRate = z
  .strictObject({
    scheme: Scheme,
    from: z.string().openapi({ description: 'the half-year it is for: YYYY-01-01 or YYYY-07-01', example: '2027-01-01' }),
    rate: z.string().max(20).openapi({ description: 'percent a year, as text (at most 4 decimals)', example: '4.25' }),
    source: z.string().max(500).openapi({ description: 'where the rate is published', example: 'Bank of England Bank Rate on 31 December 2026' }),
    replace: z.boolean().optional().openapi({ description: 'change the organisation’s row for that half-year instead of refusing' }),
  })
  .openapi('NewReferenceRate');

export const AddedReferenceRate = z
  .object({ rate: ReferenceRate, overrides: ReferenceRate.nullable().openapi({ description: 'the shipped row it takes the place of' }) })
  .openapi('AddedReferenceRate');

export function toReferenceRate(rate: DomainReferenceRate): z.input<typeof ReferenceRate> {
  return rate;
}
