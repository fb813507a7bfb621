// The order of the collector's worklist: what is most worth doing first. One rule, stated to the
// user in the same words as it is applied here.
import { currencyExponent } from './currencies.ts';

export const worklistRule =
  'Promises due today first; then the largest amount at stake × days late (amounts compared in whole units of their own currency, without exchange rates); then the longest overdue, then the oldest item.';

export interface Rankable {
  promiseDueToday: boolean;
  atStake: ReadonlyArray<{ currency: string; amount: bigint }>;
  daysLate: number;
  /** Stable last resort: an item's sequence (its action's or promise's id). */
  sequence: bigint;
}

const scaleDigits = 4; // the most minor-unit digits of any ISO 4217 currency

/** What one minor unit of the currency weighs in the stake: 10^(4 − its exponent). */
export function stakeScale(currency: string): bigint {
  return 10n ** BigInt(scaleDigits - currencyExponent(currency));
}

/**
 * The stake in 1/10,000 of a whole unit, added over currencies: for ordering only, never shown.
 * The worklist's query (app/tasks/worklist-entries.ts) ranks by the same weight, from stakeScale.
 */
function stakeWeight(atStake: Rankable['atStake']): bigint {
  let weight = 0n;
  for (const { currency, amount } of atStake) weight += amount * stakeScale(currency);
  return weight;
}

export function compareWorklistItems(a: Rankable, b: Rankable): number {
  if (a.promiseDueToday !== b.promiseDueToday) return a.promiseDueToday ? -1 : 1;
  const scoreA = stakeWeight(a.atStake) * BigInt(Math.max(a.daysLate, 0));
  const scoreB = stakeWeight(b.atStake) * BigInt(Math.max(b.daysLate, 0));
  if (scoreA !== scoreB) return scoreA > scoreB ? -1 : 1;
  if (a.daysLate !== b.daysLate) return b.daysLate - a.daysLate;
  return a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0;
}
