// Simple daily interest on an overdue invoice, exactly:
//
//   interest = Σ over each day d from (due date + 1) to the charge date of
//              principal(d) × annual rate(d) / 100 / 365
//
// principal(d) is the invoice total less everything allocated to it on or before d (never below
// zero), so a partial payment stops interest on what it paid from its own date on. The year is 365
// days even in a leap year: UK practice for statutory interest (a daily rate of 1/365 of the annual
// rate), and what a person checking with a calculator expects. Days with the same principal and
// rate are grouped into periods, each shown in the calculation. The sum is exact (decimal.js) and is
// rounded once, half-up, to the minor unit (rounding.ts); no period is rounded.
import { addDays, daysBetween, type IsoDate } from '../calendar.ts';
import { nextHalfYearStart } from './reference-rates.ts';
import { Exact, roundMinorHalfUp, type ExactDecimal } from './rounding.ts';

export const daysPerYear = 365;

/** An amount allocated to the invoice (payment or credit) on a date. */
export interface DatedAmount {
  on: IsoDate;
  amount: bigint;
}

/** The annual rate for a day, or why there is none (e.g. a reference rate missing from the table). */
export type RateLookup = (day: IsoDate) => { ok: true; percent: string; basis: string } | { ok: false; reason: string };

export interface InterestInput {
  total: bigint;
  dueDate: IsoDate;
  /** The last day interest runs for (the charge date). */
  to: IsoDate;
  allocations: readonly DatedAmount[];
  rateFor: RateLookup;
  /** True when the rate may change at each half-year (EU); periods are then split there. */
  rateVariesByHalfYear: boolean;
}

export interface InterestPeriod {
  from: IsoDate;
  to: IsoDate;
  days: number;
  /** Minor units outstanding on each day of the period. */
  principal: bigint;
  annualRatePercent: string;
  rateBasis: string;
  /** principal × rate × days / 36500, exact, in minor units (not rounded). */
  interest: ExactDecimal;
}

export interface AccruedInterest {
  periods: InterestPeriod[];
  /** The exact sum in minor units. */
  exact: ExactDecimal;
  /** `exact` rounded half-up to a whole minor unit: the one rounding. */
  rounded: bigint;
}

export type InterestResult = { ok: true; value: AccruedInterest } | { ok: false; reason: string };

/** Minor units of the total still unpaid on `day`: total less allocations on or before it, never below zero. */
export function outstandingPrincipal(total: bigint, allocations: readonly DatedAmount[], day: IsoDate): bigint {
  let unpaid = total;
  for (const { on, amount } of allocations) if (on <= day) unpaid -= amount;
  return unpaid > 0n ? unpaid : 0n;
}

/** The days on which principal or rate may change, from the first day of interest to `to`. */
function periodStarts(input: InterestInput, first: IsoDate): IsoDate[] {
  const starts = new Set<IsoDate>([first]);
  for (const { on } of input.allocations) if (on > first && on <= input.to) starts.add(on);
  if (input.rateVariesByHalfYear) {
    for (let start = nextHalfYearStart(first); start <= input.to; start = nextHalfYearStart(start)) starts.add(start);
  }
  // ISO dates sort as text.
  return [...starts].sort();
}

/** Interest accrued on the invoice from the day after its due date up to and including `to`. */
export function accruedInterest(input: InterestInput): InterestResult {
  const first = addDays(input.dueDate, 1);
  const periods: InterestPeriod[] = [];
  let numerator = new Exact(0); // Σ principal × percent × days: the one division comes at the end
  if (input.to >= first) {
    const starts = periodStarts(input, first);
    for (const [index, from] of starts.entries()) {
      const to = index + 1 < starts.length ? addDays(starts[index + 1]!, -1) : input.to;
      const rate = input.rateFor(from);
      if (!rate.ok) return rate;
      const principal = outstandingPrincipal(input.total, input.allocations, from);
      const days = daysBetween(from, to) + 1;
      const periodNumerator = new Exact(principal.toString()).times(rate.percent).times(days);
      numerator = numerator.plus(periodNumerator);
      const previous = periods.at(-1);
      if (previous && previous.principal === principal && previous.annualRatePercent === rate.percent && previous.rateBasis === rate.basis) {
        previous.to = to;
        previous.days += days;
        previous.interest = previous.interest.plus(periodNumerator.div(100 * daysPerYear));
      } else {
        periods.push({ from, to, days, principal, annualRatePercent: rate.percent, rateBasis: rate.basis, interest: periodNumerator.div(100 * daysPerYear) });
      }
    }
  }
  const exact = numerator.div(100 * daysPerYear);
  return { ok: true, value: { periods, exact, rounded: roundMinorHalfUp(exact) } };
}
