import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargePolicySchema, customerChargePolicy, orgChargePolicy, parseChargePolicy, policyProblemFor, type ChargePolicy } from './policy.ts';

const business = { kind: 'business' as const, chargesLiable: false, chargePolicy: null };
const consumer = { kind: 'consumer' as const, chargesLiable: false, chargePolicy: null };
const ok = (policy: ChargePolicy) => ({ ok: true as const, value: policy });

const anyPolicy: fc.Arbitrary<ChargePolicy> = fc.oneof(
  fc.constant({ type: 'none' as const }),
  fc.constant({ type: 'fixed_fee' as const, amounts: { GBP: '25.00', EUR: '30' } }),
  fc.integer({ min: 1, max: 100 }).map((n) => ({ type: 'percentage' as const, percent: String(n) })),
  fc.integer({ min: 1, max: 100 }).map((n) => ({ type: 'simple_interest' as const, annualPercent: String(n) })),
  fc.constant({ type: 'uk_late_payment' as const }),
  fc.constant({ type: 'eu_late_payment' as const }),
);

describe('chargePolicySchema', () => {
  it('accepts each policy type', () => {
    for (const policy of [
      { type: 'none' },
      { type: 'fixed_fee', amounts: { GBP: '25.00', JPY: '3000' } },
      { type: 'percentage', percent: '5' },
      { type: 'simple_interest', annualPercent: '8.25' },
      { type: 'uk_late_payment' },
      { type: 'eu_late_payment' },
    ]) {
      expect(chargePolicySchema.safeParse(policy).success, JSON.stringify(policy)).toBe(true);
    }
  });

  it('rejects bad input with a sentence naming where', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ type: 'fixed_fee', amounts: { GBP: '25.001' } }, /GBP: "25.001" has 3 decimals but GBP has 2/],
      [{ type: 'fixed_fee', amounts: { XYZ: '1' } }, /XYZ: "XYZ" is not an ISO 4217/],
      [{ type: 'fixed_fee', amounts: {} }, /at least one currency/],
      [{ type: 'fixed_fee', amounts: { GBP: '0' } }, /more than zero/],
      [{ type: 'percentage', percent: 5 }, /percent/],
      [{ type: 'percentage', percent: '0' }, /more than 0/],
      [{ type: 'simple_interest', annualPercent: '800' }, /at most 100/],
      [{ type: 'uk_late_payment', extra: true }, /extra|Unrecognized/i],
      [{ type: 'late_fee' }, /types: none, fixed_fee/],
    ];
    for (const [value, message] of cases) {
      const result = parseChargePolicy(value);
      expect(result.ok, JSON.stringify(value)).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });
});

describe('orgChargePolicy', () => {
  it('defaults to none and reads settings.collections.chargePolicy', () => {
    expect(orgChargePolicy({})).toEqual(ok({ type: 'none' }));
    expect(orgChargePolicy(null)).toEqual(ok({ type: 'none' }));
    expect(orgChargePolicy({ collections: { chargePolicy: { type: 'uk_late_payment' } } })).toEqual(ok({ type: 'uk_late_payment' }));
    expect(orgChargePolicy({ collections: { chargePolicy: { type: 'bogus' } } }).ok).toBe(false);
  });
});

describe('customerChargePolicy', () => {
  it("uses the customer's own policy over the organisation's", () => {
    expect(customerChargePolicy(ok({ type: 'uk_late_payment' }), { ...business, chargePolicy: { type: 'percentage', percent: '5' } })).toEqual({
      ok: true,
      policy: { type: 'percentage', percent: '5' },
      origin: 'customer',
    });
    expect(customerChargePolicy(ok({ type: 'uk_late_payment' }), business)).toEqual({ ok: true, policy: { type: 'uk_late_payment' }, origin: 'organisation' });
    // a customer set to none is not charged whatever the organisation does
    expect(customerChargePolicy(ok({ type: 'uk_late_payment' }), { ...business, chargePolicy: { type: 'none' } })).toMatchObject({ ok: false, reason: "the customer's charge policy is none" });
  });

  it('says when a stored policy is not valid and how to fix it', () => {
    const decision = customerChargePolicy(ok({ type: 'none' }), { ...business, chargePolicy: { type: 'percentage' } });
    expect(decision).toMatchObject({ ok: false, reason: expect.stringMatching(/customer's charge policy is not valid .*--customer/) });
  });

  it('charges a consumer only when marked liable, and then never under a statutory scheme', () => {
    expect(customerChargePolicy(ok({ type: 'fixed_fee', amounts: { GBP: '10' } }), consumer)).toMatchObject({ ok: false, reason: expect.stringMatching(/contractually liable/) });
    expect(customerChargePolicy(ok({ type: 'fixed_fee', amounts: { GBP: '10' } }), { ...consumer, chargesLiable: true })).toMatchObject({ ok: true });
    expect(customerChargePolicy(ok({ type: 'uk_late_payment' }), { ...consumer, chargesLiable: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/business debts only/) });
    expect(customerChargePolicy(ok({ type: 'eu_late_payment' }), { ...consumer, chargesLiable: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/business debts only/) });
  });

  it('never lets a consumer without the flag be charged, whatever the policies (property)', () => {
    fc.assert(
      fc.property(anyPolicy, fc.option(anyPolicy, { nil: null }), (orgPolicy, own) => {
        expect(customerChargePolicy(ok(orgPolicy), { kind: 'consumer', chargesLiable: false, chargePolicy: own }).ok).toBe(false);
      }),
    );
  });

  it('never applies a statutory scheme to a consumer, liable or not (property)', () => {
    fc.assert(
      fc.property(anyPolicy, fc.option(anyPolicy, { nil: null }), fc.boolean(), (orgPolicy, own, liable) => {
        const decision = customerChargePolicy(ok(orgPolicy), { kind: 'consumer', chargesLiable: liable, chargePolicy: own });
        if (decision.ok) expect(['fixed_fee', 'percentage', 'simple_interest']).toContain(decision.policy.type);
      }),
    );
  });
});

describe('policyProblemFor', () => {
  it('refuses statutory schemes for consumers only', () => {
    expect(policyProblemFor('consumer', { type: 'uk_late_payment' })).toMatch(/business debts only/);
    expect(policyProblemFor('business', { type: 'uk_late_payment' })).toBeUndefined();
    expect(policyProblemFor('consumer', { type: 'simple_interest', annualPercent: '8' })).toBeUndefined();
  });
});
