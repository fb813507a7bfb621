// The reference rates behind statutory late-payment interest, as dated data with their source,
// and the rule that picks the rate for a date. Statutory rate = reference rate + 8 points.
//
// KEEP THIS TABLE UP TO DATE. A half-year with no row here (or in the organisation's own
// reference_rates rows) means no statutory interest is charged for it — Arrears never guesses a
// rate or carries an old one forward. Organisations add rows with `arrears rates add`; an
// organisation's row wins over a shipped one for the same scheme and half-year.
//
// The rows are one per half-year, starting 1 January or 1 July:
// - uk_late_payment: the Bank of England Bank Rate ("official dealing rate") in force at the close
//   of business on 31 December (for 1 January – 30 June) or 30 June (for 1 July – 31 December).
//   Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002 (SI 2002/1675), art. 4.
// - eu_late_payment: the ECB rate on its main refinancing operations in force on 1 January (for the
//   first half-year) or 1 July (for the second): Directive 2011/7/EU, art. 2(6)-(7). Member states
//   outside the euro area use their central bank's rate instead, which an organisation adds as its
//   own rows (they then win over the ECB rows).
import type { IsoDate } from '../calendar.ts';
import { Exact } from './rounding.ts';

export const rateSchemes = ['uk_late_payment', 'eu_late_payment'] as const;
export type RateScheme = (typeof rateSchemes)[number];

export interface ReferenceRate {
  scheme: RateScheme;
  /** First day of the half-year the rate is for: YYYY-01-01 or YYYY-07-01. */
  effectiveFrom: IsoDate;
  /** Percent per year, as exact decimal text ("3.75"). */
  ratePercent: string;
  source: string;
  origin: 'shipped' | 'organisation';
}

/** Points added to the reference rate by both statutes. */
export const statutoryMarginPercent = '8';

const boe = (day: string) => `Bank of England Bank Rate history (bankofengland.co.uk/boeapps/database/Bank-Rate.asp): rate in force on ${day}; SI 2002/1675 art. 4`;
const ecb = (day: string) => `ECB key interest rates, main refinancing operations (ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates): rate in force on ${day}; Directive 2011/7/EU art. 2(7)`;

const uk: Array<[IsoDate, string, string]> = [
  ['2019-01-01', '0.75', '31 December 2018'],
  ['2019-07-01', '0.75', '30 June 2019'],
  ['2020-01-01', '0.75', '31 December 2019'],
  ['2020-07-01', '0.10', '30 June 2020'],
  ['2021-01-01', '0.10', '31 December 2020'],
  ['2021-07-01', '0.10', '30 June 2021'],
  ['2022-01-01', '0.25', '31 December 2021'],
  ['2022-07-01', '1.25', '30 June 2022'],
  ['2023-01-01', '3.50', '31 December 2022'],
  ['2023-07-01', '5.00', '30 June 2023'],
  ['2024-01-01', '5.25', '31 December 2023'],
  ['2024-07-01', '5.25', '30 June 2024'],
  ['2025-01-01', '4.75', '31 December 2024'],
  ['2025-07-01', '4.25', '30 June 2025'],
  ['2026-01-01', '3.75', '31 December 2025'],
];

const eu: Array<[IsoDate, string, string]> = [
  ['2019-01-01', '0.00', '1 January 2019'],
  ['2019-07-01', '0.00', '1 July 2019'],
  ['2020-01-01', '0.00', '1 January 2020'],
  ['2020-07-01', '0.00', '1 July 2020'],
  ['2021-01-01', '0.00', '1 January 2021'],
  ['2021-07-01', '0.00', '1 July 2021'],
  ['2022-01-01', '0.00', '1 January 2022'],
  ['2022-07-01', '0.00', '1 July 2022'],
  ['2023-01-01', '2.50', '1 January 2023'],
  ['2023-07-01', '4.00', '1 July 2023'],
  ['2024-01-01', '4.50', '1 January 2024'],
  ['2024-07-01', '4.25', '1 July 2024'],
  ['2025-01-01', '3.15', '1 January 2025'],
  ['2025-07-01', '2.15', '1 July 2025'],
  ['2026-01-01', '2.15', '1 January 2026'],
];

/** The rates Arrears ships, 2019 to the first half of 2026. Add each new half-year as it starts. */
export const shippedReferenceRates: readonly ReferenceRate[] = [
  ...uk.map(([effectiveFrom, ratePercent, day]): ReferenceRate => ({ scheme: 'uk_late_payment', effectiveFrom, ratePercent, source: boe(day), origin: 'shipped' })),
  ...eu.map(([effectiveFrom, ratePercent, day]): ReferenceRate => ({ scheme: 'eu_late_payment', effectiveFrom, ratePercent, source: ecb(day), origin: 'shipped' })),
];

/** A rate as people write it: "4.0000" (numeric(7, 4) from the database) → "4.00", "3.125" stays. */
export function normalizeRatePercent(text: string): string {
  const value = new Exact(text);
  return value.toFixed(Math.max(2, value.decimalPlaces()));
}

/** The first day of the half-year `date` falls in: YYYY-01-01 or YYYY-07-01. */
export function halfYearStart(date: IsoDate): IsoDate {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${month <= 6 ? '01' : '07'}-01`;
}

/** The first day of the half-year after the one `date` falls in. */
export function nextHalfYearStart(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) <= 6 ? `${year}-07-01` : `${year + 1}-01-01`;
}

export function isHalfYearStart(date: IsoDate): boolean {
  return /^\d{4}-(01|07)-01$/.test(date);
}

/** Shipped rows with the organisation's rows laid over them (same scheme and half-year: theirs wins). */
export function mergeReferenceRates(shipped: readonly ReferenceRate[], organisation: readonly ReferenceRate[]): ReferenceRate[] {
  const byKey = new Map<string, ReferenceRate>();
  for (const rate of [...shipped, ...organisation]) byKey.set(`${rate.scheme}|${rate.effectiveFrom}`, rate);
  return [...byKey.values()].sort((a, b) => a.scheme.localeCompare(b.scheme) || a.effectiveFrom.localeCompare(b.effectiveFrom));
}

/**
 * The reference rate for the half-year `date` falls in, or undefined when the table has no row for
 * that half-year (an out-of-date table must stop statutory interest, not carry a stale rate).
 */
export function referenceRateFor(rates: readonly ReferenceRate[], scheme: RateScheme, date: IsoDate): ReferenceRate | undefined {
  const start = halfYearStart(date);
  return rates.find((rate) => rate.scheme === scheme && rate.effectiveFrom === start);
}
