// What one invoice is charged under a policy on a date: the ledger entries to add, each with the
// calculation a person can check, and why anything was not charged. Pure: the ledger (allocations,
// charges already made) and the reference rates come in as arguments.
//
// Once-only charges (fee, compensation) are made when the invoice has no entry of that kind yet.
// Interest is a running figure: the interest accrued to the date (recomputed from the whole payment
// history, rounded once) less the interest already charged, so re-running a step or a later step
// adds only what accrued since; when the history changed (a payment recorded late with an earlier
// date, a corrected rate) the difference can be negative, and is then a visible correcting entry.
import { addDays, type IsoDate } from '../calendar.ts';
import { currencyExponent } from '../currencies.ts';
import { toDecimalString } from '../money.ts';
import { euCompensation, fixedFee, percentageFee, ukCompensation, ukCompensationBands, ukCompensationSource } from './fees.ts';
import { accruedInterest, daysPerYear, outstandingPrincipal, type DatedAmount, type RateLookup } from './interest.ts';
import { policyLabel, type ActiveChargePolicy } from './policy.ts';
import { halfYearStart, referenceRateFor, statutoryMarginPercent, type RateScheme, type ReferenceRate } from './reference-rates.ts';
import { Exact, type ExactDecimal } from './rounding.ts';

export const chargeKinds = ['fee', 'interest', 'compensation'] as const;
export type ChargeKind = (typeof chargeKinds)[number];

export interface InvoiceLedger {
  id: bigint;
  number: string;
  currency: string;
  total: bigint;
  dueDate: IsoDate;
  status: 'open' | 'paid' | 'void' | 'written_off';
  /** An open dispute on the invoice: disputed amounts are not chased, nor charged. */
  disputed: boolean;
  /**
   * Collection of some of it is paused on the day (src/db/queries/chaseable.ts: disputed, on
   * hold, or its customer promised to pay). The law (the UK Act, the EU Directive) lets interest
   * run on the whole debt from the due date whatever the pause, and Arrears recomputes interest
   * from the due date at every step that charges: so a paused invoice is simply not charged until
   * the pause ends, and the step after it charges everything accrued meanwhile — nothing is lost,
   * and nothing is charged while a person is looking at the debt or waiting for a promised date.
   */
  paused: boolean;
  allocations: readonly DatedAmount[];
  /** What has been charged so far, per kind: the net amount and the number of entries. */
  charged: Partial<Record<ChargeKind, { amount: bigint; entries: number }>>;
}

export interface PlannedCharge {
  kind: ChargeKind;
  /** Minor units; negative only for an interest correction. */
  amount: bigint;
  calculation: Record<string, unknown>;
}

export interface InvoicePlan {
  charges: PlannedCharge[];
  /** Why something was not charged, one sentence each. */
  skipped: string[];
}

const roundingRule = 'exact decimal arithmetic; rounded once per charge to the minor unit, half-up';

/** Why the invoice is not charged at all on `date`, or undefined when it may be. */
function notChargeable(invoice: InvoiceLedger, date: IsoDate): string | undefined {
  if (invoice.status !== 'open') return `invoice ${invoice.number} is ${invoice.status.replace('_', ' ')}, not open`;
  if (invoice.disputed) return `invoice ${invoice.number} has an open dispute`;
  if (invoice.paused) return `collection of invoice ${invoice.number} is paused on ${date} (on hold, or its customer promised to pay)`;
  if (date <= invoice.dueDate) return `invoice ${invoice.number} is not overdue on ${date} (due ${invoice.dueDate})`;
  return undefined;
}

export function planInvoiceCharges(policy: ActiveChargePolicy, invoice: InvoiceLedger, date: IsoDate, rates: readonly ReferenceRate[]): InvoicePlan {
  const plan: InvoicePlan = { charges: [], skipped: [] };
  const reason = notChargeable(invoice, date);
  if (reason) return { charges: [], skipped: [reason] };
  const common = { policy: policyLabel(policy), policyType: policy.type, invoice: invoice.number, currency: invoice.currency, date, rounding: roundingRule };
  const money = (minor: bigint) => toDecimalString(minor, invoice.currency);
  const onceOnly = (kind: ChargeKind, make: () => { ok: true; charge: PlannedCharge } | { ok: false; reason: string }) => {
    if ((invoice.charged[kind]?.entries ?? 0) > 0) {
      plan.skipped.push(`invoice ${invoice.number} already has a ${kind} (charged once per invoice)`);
      return;
    }
    const made = make();
    if (made.ok) plan.charges.push(made.charge);
    else plan.skipped.push(made.reason);
  };
  const principalToday = outstandingPrincipal(invoice.total, invoice.allocations, date);

  switch (policy.type) {
    case 'fixed_fee':
      onceOnly('fee', () => {
        const fee = fixedFee(policy.amounts, invoice.currency);
        if (!fee.ok) return { ok: false, reason: `invoice ${invoice.number}: ${fee.reason}` };
        return { ok: true, charge: { kind: 'fee', amount: fee.amount, calculation: { ...common, method: 'fixed fee, once per invoice', fee: money(fee.amount) } } };
      });
      break;
    case 'percentage':
      onceOnly('fee', () => {
        const amount = percentageFee(principalToday, policy.percent);
        if (amount === 0n) return { ok: false, reason: `invoice ${invoice.number}: nothing of its total is unpaid on ${date}, so the percentage fee is zero` };
        const exact = new Exact(principalToday.toString()).times(policy.percent).div(100);
        const calculation = { ...common, method: 'percentage of the unpaid amount of the invoice total, once per invoice', unpaid: money(principalToday), percent: policy.percent, exact: majorExact(exact, invoice.currency), fee: money(amount) };
        return { ok: true, charge: { kind: 'fee', amount, calculation } };
      });
      break;
    case 'simple_interest':
      addInterest(plan, invoice, date, common, false, (day) => contractualRate(policy.annualPercent, day));
      break;
    case 'uk_late_payment':
    case 'eu_late_payment': {
      const scheme: RateScheme = policy.type;
      // UK: the rate is fixed by the half-year in which interest starts to run (SI 2002/1675 art. 4);
      // EU: each half-year's reference rate applies to the days in it.
      const fixedOn = scheme === 'uk_late_payment' ? addDays(invoice.dueDate, 1) : undefined;
      addInterest(plan, invoice, date, common, fixedOn === undefined, (day) => statutoryRate(rates, scheme, fixedOn ?? day));
      onceOnly('compensation', () => compensation(scheme, invoice, common));
      break;
    }
  }
  return plan;
}

function contractualRate(annualPercent: string, _day: IsoDate): ReturnType<RateLookup> {
  return { ok: true, percent: new Exact(annualPercent).toString(), basis: 'contractual rate' };
}

function statutoryRate(rates: readonly ReferenceRate[], scheme: RateScheme, day: IsoDate): ReturnType<RateLookup> {
  const reference = referenceRateFor(rates, scheme, day);
  if (!reference) {
    const start = halfYearStart(day);
    return {
      ok: false,
      reason: `there is no ${scheme} reference rate for the half-year starting ${start}; add it with \`arrears rates add --scheme ${scheme} --from ${start} --rate <percent> --source "<where it is published>"\``,
    };
  }
  const percent = new Exact(reference.ratePercent).plus(statutoryMarginPercent).toString();
  return { ok: true, percent, basis: `reference rate ${reference.ratePercent}% for the half-year from ${reference.effectiveFrom} + ${statutoryMarginPercent} (${reference.origin}: ${reference.source})` };
}

function addInterest(plan: InvoicePlan, invoice: InvoiceLedger, date: IsoDate, common: Record<string, unknown>, rateVariesByHalfYear: boolean, rateFor: RateLookup): void {
  const result = accruedInterest({ total: invoice.total, dueDate: invoice.dueDate, to: date, allocations: invoice.allocations, rateFor, rateVariesByHalfYear });
  if (!result.ok) {
    plan.skipped.push(`invoice ${invoice.number}: no interest charged: ${result.reason}`);
    return;
  }
  const accrued = result.value;
  const already = invoice.charged.interest?.amount ?? 0n;
  const amount = accrued.rounded - already;
  if (amount === 0n) {
    plan.skipped.push(`invoice ${invoice.number}: no interest has accrued since the interest already charged`);
    return;
  }
  const money = (minor: bigint) => toDecimalString(minor, invoice.currency);
  plan.charges.push({
    kind: 'interest',
    amount,
    calculation: {
      ...common,
      method: `simple daily interest: Σ unpaid principal × annual rate × days / ${daysPerYear} (${daysPerYear}-day year, also in leap years), from the day after the due date; payments reduce the principal from the day they were received`,
      dueDate: invoice.dueDate,
      from: addDays(invoice.dueDate, 1),
      to: date,
      periods: accrued.periods.map((period) => ({
        from: period.from,
        to: period.to,
        days: period.days,
        principal: money(period.principal),
        annualRatePercent: period.annualRatePercent,
        rateBasis: period.rateBasis,
        interest: majorExact(period.interest, invoice.currency),
      })),
      accruedExact: majorExact(accrued.exact, invoice.currency),
      accrued: money(accrued.rounded),
      alreadyCharged: money(already),
      charge: money(amount),
      ...(amount < 0n ? { correction: 'the interest already charged is more than has accrued on the payment history as it stands now; this entry corrects it' } : {}),
    },
  });
}

function compensation(scheme: RateScheme, invoice: InvoiceLedger, common: Record<string, unknown>): { ok: true; charge: PlannedCharge } | { ok: false; reason: string } {
  // The debt is what was unpaid when the invoice became late.
  const debt = outstandingPrincipal(invoice.total, invoice.allocations, invoice.dueDate);
  if (debt === 0n) return { ok: false, reason: `invoice ${invoice.number}: nothing was unpaid on its due date, so no compensation is due` };
  if (scheme === 'uk_late_payment') {
    if (invoice.currency !== 'GBP') return { ok: false, reason: `invoice ${invoice.number}: UK fixed compensation is set in sterling and the invoice is in ${invoice.currency}` };
    const amount = ukCompensation(debt);
    const bands = ukCompensationBands.map((band) => ({ debtBelow: band.below === null ? null : toDecimalString(band.below, 'GBP'), compensation: toDecimalString(band.amount, 'GBP') }));
    return { ok: true, charge: { kind: 'compensation', amount, calculation: { ...common, method: 'fixed compensation by the size of the debt, once per invoice', debt: toDecimalString(debt, 'GBP'), bands, compensation: toDecimalString(amount, 'GBP'), source: ukCompensationSource } } };
  }
  if (invoice.currency !== euCompensation.currency) return { ok: false, reason: `invoice ${invoice.number}: EU fixed compensation is set in euro and the invoice is in ${invoice.currency}` };
  const amount = euCompensation.amount;
  return { ok: true, charge: { kind: 'compensation', amount, calculation: { ...common, method: 'fixed compensation for recovery costs, once per invoice', debt: toDecimalString(debt, 'EUR'), compensation: toDecimalString(amount, 'EUR'), source: euCompensation.source } } };
}

/** An exact amount of minor units as major units with 6 more decimals than the currency has, for reading. */
function majorExact(minor: ExactDecimal, currency: string): string {
  const exponent = currencyExponent(currency);
  return minor.div(new Exact(10).pow(exponent)).toFixed(exponent + 6, Exact.ROUND_HALF_UP);
}
