// One-off charges: a fixed fee, a percentage fee, and the statutory fixed compensation. Amounts are
// integer minor units; a percentage goes through the one rounding rule (rounding.ts).
import { parseAmount } from '../money.ts';
import { Exact, roundMinorHalfUp } from './rounding.ts';

export type FeeResult = { ok: true; amount: bigint } | { ok: false; reason: string };

/** The fee a fixed_fee policy sets for `currency`, in its minor units. */
export function fixedFee(amounts: Record<string, string>, currency: string): FeeResult {
  const text = amounts[currency];
  if (text === undefined) return { ok: false, reason: `the fixed fee names no amount in ${currency} (it has ${Object.keys(amounts).join(', ')})` };
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) return { ok: false, reason: `the fixed fee for ${currency} "${text}" ${parsed.message}` };
  return { ok: true, amount: parsed.value };
}

/** `percent` % of `principal` minor units, rounded half-up to a whole minor unit. */
export function percentageFee(principal: bigint, percent: string): bigint {
  return roundMinorHalfUp(new Exact(principal.toString()).times(percent).div(100));
}

export interface CompensationBand {
  /** The band covers debts below this many pence; null: no upper limit. */
  below: bigint | null;
  amount: bigint;
}

/**
 * Late Payment of Commercial Debts (Interest) Act 1998, s. 5A(2) (inserted by the Late Payment of
 * Commercial Debts Regulations 2002, SI 2002/1674): a debt under £1,000 → £40; £1,000 up to
 * £9,999.99 → £70; £10,000 or more → £100. Pence, GBP only.
 */
export const ukCompensationBands: readonly CompensationBand[] = [
  { below: 1_000_00n, amount: 40_00n },
  { below: 10_000_00n, amount: 70_00n },
  { below: null, amount: 100_00n },
];
export const ukCompensationSource = 'Late Payment of Commercial Debts (Interest) Act 1998, s. 5A (inserted by SI 2002/1674)';

/** The UK fixed compensation for a debt of `debt` pence. */
export function ukCompensation(debt: bigint): bigint {
  const band = ukCompensationBands.find((b) => b.below === null || debt < b.below);
  return band!.amount;
}

/** Directive 2011/7/EU art. 6(1): a fixed sum of at least EUR 40 as compensation for recovery costs. */
export const euCompensation = { currency: 'EUR', amount: 40_00n, source: 'Directive 2011/7/EU on combating late payment in commercial transactions, art. 6(1)' } as const;
