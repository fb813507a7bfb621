import { describe, expect, it } from 'vitest';
import { planInvoiceCharges, type InvoiceLedger } from './invoice-charges.ts';
import type { ActiveChargePolicy } from './policy.ts';
import { mergeReferenceRates, shippedReferenceRates } from './reference-rates.ts';

const uk: ActiveChargePolicy = { type: 'uk_late_payment' };
const eu: ActiveChargePolicy = { type: 'eu_late_payment' };

/** £10,000 due 2026-01-31 with £4,000 paid on 2026-03-02: the running example of docs/charges.md. */
const invoice = (overrides: Partial<InvoiceLedger> = {}): InvoiceLedger => ({
  id: 1n,
  number: 'INV-1',
  currency: 'GBP',
  total: 10_000_00n,
  dueDate: '2026-01-31',
  status: 'open',
  disputed: false,
  paused: false,
  allocations: [{ on: '2026-03-02', amount: 4_000_00n }],
  charged: {},
  ...overrides,
});

const amounts = (plan: ReturnType<typeof planInvoiceCharges>) => Object.fromEntries(plan.charges.map((c) => [c.kind, c.amount]));

describe('planInvoiceCharges: UK Late Payment Act', () => {
  it('charges interest at Bank Rate on 31 Dec 2025 (3.75%) + 8 and £100 compensation, with the calculation', () => {
    // interest starts 2026-02-01 → the half-year from 1 January 2026 → 3.75 + 8 = 11.75%
    // 29 days × £10,000 + 60 days × £6,000 = 650,000 pound-days
    // 650,000 × 11.75% / 365 = 76,375 / 365 = 209.246575… → £209.25
    // compensation: £10,000 was unpaid on the due date → the £100 band (£10,000 or more)
    const plan = planInvoiceCharges(uk, invoice(), '2026-04-30', shippedReferenceRates);
    expect(plan.skipped).toEqual([]);
    expect(amounts(plan)).toEqual({ interest: 209_25n, compensation: 100_00n });
    const interest = plan.charges.find((c) => c.kind === 'interest')!.calculation;
    expect(interest).toMatchObject({
      policyType: 'uk_late_payment',
      invoice: 'INV-1',
      from: '2026-02-01',
      to: '2026-04-30',
      periods: [
        { from: '2026-02-01', to: '2026-03-01', days: 29, principal: '10000.00', annualRatePercent: '11.75', interest: '93.35616438' },
        { from: '2026-03-02', to: '2026-04-30', days: 60, principal: '6000.00', annualRatePercent: '11.75', interest: '115.89041096' },
      ],
      accruedExact: '209.24657534',
      accrued: '209.25',
      alreadyCharged: '0.00',
      charge: '209.25',
    });
    expect(String((interest.periods as Array<{ rateBasis: string }>)[0]!.rateBasis)).toMatch(/reference rate 3\.75% for the half-year from 2026-01-01 \+ 8 \(shipped: Bank of England/);
    expect(plan.charges.find((c) => c.kind === 'compensation')!.calculation).toMatchObject({ debt: '10000.00', compensation: '100.00' });
  });

  it('keeps the rate of the half-year in which interest started, across 1 July (SI 2002/1675 art. 4)', () => {
    // due 2025-05-31: interest starts 2025-06-01 → Bank Rate on 31 Dec 2024, 4.75 + 8 = 12.75% for the whole debt
    // £10,000 × 15 days + £6,000 × (15 + 31) days = 426,000 pound-days
    // 426,000 × 12.75% / 365 = 54,315 / 365 = 148.808219… → £148.81 (July is not at 4.25 + 8)
    const plan = planInvoiceCharges(uk, invoice({ dueDate: '2025-05-31', allocations: [{ on: '2025-06-16', amount: 4_000_00n }] }), '2025-07-31', shippedReferenceRates);
    expect(amounts(plan).interest).toBe(148_81n);
    const periods = plan.charges[0]!.calculation.periods as Array<{ from: string; days: number; annualRatePercent: string }>;
    expect(periods.map((p) => [p.from, p.days, p.annualRatePercent])).toEqual([
      ['2025-06-01', 15, '12.75'],
      ['2025-06-16', 46, '12.75'],
    ]);
  });

  it('uses an organisation rate row over the shipped one: 4.00% + 8 = 12% gives £213.70', () => {
    // 650,000 × 12% / 365 = 78,000 / 365 = 213.698630… → £213.70
    const rates = mergeReferenceRates(shippedReferenceRates, [{ scheme: 'uk_late_payment', effectiveFrom: '2026-01-01', ratePercent: '4.00', source: 'test', origin: 'organisation' }]);
    expect(amounts(planInvoiceCharges(uk, invoice(), '2026-04-30', rates)).interest).toBe(213_70n);
  });

  it('charges only what accrued since the last charge, rounding the running total once', () => {
    // accrued to 2026-05-31 = (76,375 + 6,000 × 11.75% × 31) / 365 = (76,375 + 21,855) / 365 = 269.123287… → £269.12
    // already charged £209.25 (and the compensation) → £59.87 now (not the £59.88 that rounding the month alone would give)
    const plan = planInvoiceCharges(uk, invoice({ charged: { interest: { amount: 209_25n, entries: 1 }, compensation: { amount: 100_00n, entries: 1 } } }), '2026-05-31', shippedReferenceRates);
    expect(amounts(plan)).toEqual({ interest: 59_87n });
    expect(plan.skipped).toEqual(['invoice INV-1 already has a compensation (charged once per invoice)']);
    expect(plan.charges[0]!.calculation).toMatchObject({ accrued: '269.12', alreadyCharged: '209.25', charge: '59.87' });
  });

  it('recomputes from the payment history after a later payment', () => {
    // £6,000 more paid on 2026-05-10: the principal is nil from that day
    // accrued = (76,375 + 6,000 × 11.75% × 9 days (1–9 May)) / 365 = 82,720 / 365 = 226.630136… → £226.63; less £209.25 → £17.38
    const paid = invoice({ allocations: [{ on: '2026-03-02', amount: 4_000_00n }, { on: '2026-05-10', amount: 6_000_00n }], charged: { interest: { amount: 209_25n, entries: 1 }, compensation: { amount: 100_00n, entries: 1 } } });
    expect(amounts(planInvoiceCharges(uk, paid, '2026-05-31', shippedReferenceRates)).interest).toBe(17_38n);
  });

  it('corrects with a negative entry when a payment recorded later turns out to predate a charge', () => {
    // £209.25 was charged without knowing of a £10,000 payment dated 2026-02-10:
    // accrued is really 9 days × £10,000 × 11.75% / 365 = 10,575 / 365 = 28.972602… → £28.97; correction −£180.28
    const late = invoice({ allocations: [{ on: '2026-02-10', amount: 10_000_00n }], charged: { interest: { amount: 209_25n, entries: 1 }, compensation: { amount: 100_00n, entries: 1 } } });
    const plan = planInvoiceCharges(uk, late, '2026-04-30', shippedReferenceRates);
    expect(amounts(plan)).toEqual({ interest: -180_28n });
    expect(plan.charges[0]!.calculation.correction).toMatch(/corrects it/);
  });

  it('charges nothing twice on the same day', () => {
    const plan = planInvoiceCharges(uk, invoice({ charged: { interest: { amount: 209_25n, entries: 1 }, compensation: { amount: 100_00n, entries: 1 } } }), '2026-04-30', shippedReferenceRates);
    expect(plan.charges).toEqual([]);
    expect(plan.skipped).toContain('invoice INV-1: no interest has accrued since the interest already charged');
  });

  it('sizes the compensation by what was unpaid on the due date and needs sterling', () => {
    expect(amounts(planInvoiceCharges(uk, invoice({ total: 999_99n, allocations: [] }), '2026-02-10', shippedReferenceRates)).compensation).toBe(40_00n);
    expect(amounts(planInvoiceCharges(uk, invoice({ total: 12_000_00n, allocations: [{ on: '2026-01-15', amount: 3_000_00n }] }), '2026-02-10', shippedReferenceRates)).compensation).toBe(70_00n);
    const usd = planInvoiceCharges(uk, invoice({ currency: 'USD' }), '2026-04-30', shippedReferenceRates);
    expect(amounts(usd)).toEqual({ interest: 209_25n });
    expect(usd.skipped).toEqual(['invoice INV-1: UK fixed compensation is set in sterling and the invoice is in USD']);
  });

  it('stops interest, with a way to fix it, when the reference rate of the half-year is missing', () => {
    const plan = planInvoiceCharges(uk, invoice({ dueDate: '2041-01-31', allocations: [] }), '2041-03-01', shippedReferenceRates);
    expect(amounts(plan)).toEqual({ compensation: 100_00n });
    expect(plan.skipped[0]).toMatch(/no uk_late_payment reference rate for the half-year starting 2041-01-01; add it with `arrears rates add --scheme uk_late_payment --from 2041-01-01/);
  });
});

describe('planInvoiceCharges: EU Late Payment Directive', () => {
  it('applies each half-year’s ECB rate + 8 to its days, and €40 once', () => {
    // 2025-06-01 … 06-15: €10,000 × 11.15% × 15; 06-16 … 06-30: €6,000 × 11.15% × 15; July: €6,000 × 10.15% × 31
    // = 4,563,900 / 36,500 = 125.038356… → €125.04
    const plan = planInvoiceCharges(eu, invoice({ currency: 'EUR', dueDate: '2025-05-31', allocations: [{ on: '2025-06-16', amount: 4_000_00n }] }), '2025-07-31', shippedReferenceRates);
    expect(amounts(plan)).toEqual({ interest: 125_04n, compensation: 40_00n });
  });
});

describe('planInvoiceCharges: contractual policies', () => {
  it('fixed fee once per invoice, in the invoice currency', () => {
    const policy: ActiveChargePolicy = { type: 'fixed_fee', amounts: { GBP: '25.00' } };
    expect(amounts(planInvoiceCharges(policy, invoice(), '2026-04-30', []))).toEqual({ fee: 25_00n });
    expect(planInvoiceCharges(policy, invoice({ charged: { fee: { amount: 0n, entries: 2 } } }), '2026-04-30', []).charges).toEqual([]);
    expect(planInvoiceCharges(policy, invoice({ currency: 'EUR' }), '2026-04-30', []).skipped).toEqual(['invoice INV-1: the fixed fee names no amount in EUR (it has GBP)']);
  });

  it('percentage of what is unpaid of the total on the date (never of earlier charges)', () => {
    // 5% of £6,000 = £300.00
    const plan = planInvoiceCharges({ type: 'percentage', percent: '5' }, invoice({ charged: { interest: { amount: 50_00n, entries: 1 } } }), '2026-04-30', []);
    expect(amounts(plan)).toEqual({ fee: 300_00n });
    expect(plan.charges[0]!.calculation).toMatchObject({ unpaid: '6000.00', percent: '5', fee: '300.00' });
  });

  it('simple interest at the contractual rate', () => {
    expect(amounts(planInvoiceCharges({ type: 'simple_interest', annualPercent: '12' }, invoice(), '2026-04-30', []))).toEqual({ interest: 213_70n });
  });
});

describe('planInvoiceCharges: what is never charged', () => {
  it('skips invoices that are not open, are disputed, held or promised, or are not overdue yet', () => {
    const reason = (ledger: InvoiceLedger, date = '2026-04-30') => planInvoiceCharges(uk, ledger, date, shippedReferenceRates);
    expect(reason(invoice({ status: 'paid' }))).toEqual({ charges: [], skipped: ['invoice INV-1 is paid, not open'] });
    expect(reason(invoice({ status: 'written_off' })).skipped).toEqual(['invoice INV-1 is written off, not open']);
    expect(reason(invoice({ disputed: true })).skipped).toEqual(['invoice INV-1 has an open dispute']);
    expect(reason(invoice({ paused: true })).skipped).toEqual(['collection of invoice INV-1 is paused on 2026-04-30 (on hold, or its customer promised to pay)']);
    expect(reason(invoice(), '2026-01-31').skipped).toEqual(['invoice INV-1 is not overdue on 2026-01-31 (due 2026-01-31)']);
  });
});
