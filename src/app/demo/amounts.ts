// Invoice totals and credit limits in minor units of the customer's currency, sized like a small
// business's sales: a plumber's call-out to a consumer, a wholesaler's monthly order. Sizes are
// drawn in US-dollar terms and converted by a rough rate, so a yen invoice is ~150× the dollar
// figure and has no decimals. All integer arithmetic: amounts are bigint minor units.
import { currencyExponent } from '../../domain/currencies.ts';
import type { Prng } from './prng.ts';

/** Roughly how many units of the currency buy a dollar, as a fraction [numerator, denominator]. */
const perDollar: Record<string, readonly [number, number]> = {
  USD: [1, 1],
  GBP: [4, 5],
  EUR: [9, 10],
  AUD: [3, 2],
  CAD: [27, 20],
  JPY: [150, 1],
};

export const demoCurrencies = Object.keys(perDollar);

/** Dollar ranges (whole units) and how often each comes up. */
type SizeTable = ReadonlyArray<readonly [readonly [number, number], number]>;
const sizes: Record<'business' | 'consumer', SizeTable> = {
  business: [
    [[50, 250], 15],
    [[250, 1_000], 30],
    [[1_000, 5_000], 35],
    [[5_000, 20_000], 15],
    [[20_000, 60_000], 5],
  ],
  consumer: [
    [[15, 60], 30],
    [[60, 250], 40],
    [[250, 1_000], 25],
    [[1_000, 3_000], 5],
  ],
};

function convert(dollars: number, currency: string): number {
  const [numerator, denominator] = perDollar[currency] ?? [1, 1];
  return Math.max(1, Math.round((dollars * numerator) / denominator));
}

/** Whole units of `currency` to minor units, plus `fraction` minor units. */
function minor(units: number, currency: string, fraction: number): bigint {
  return BigInt(units) * 10n ** BigInt(currencyExponent(currency)) + BigInt(fraction);
}

export function invoiceTotal(rng: Prng, kind: 'business' | 'consumer', currency: string, large: boolean): bigint {
  const [lo, hi] = rng.weighted(sizes[kind]);
  const dollars = rng.int(lo, hi) * (large ? rng.int(2, 4) : 1);
  const units = convert(dollars, currency);
  const exponent = currencyExponent(currency);
  if (exponent === 0) return minor(Math.max(10, Math.round(units / 10) * 10), currency, 0);
  const scale = 10 ** exponent;
  // Businesses bill round sums or exact line totals; shops price at .99 and .95.
  if (kind === 'consumer' && rng.chance(45)) return minor(units, currency, scale - rng.pick([1, 5]));
  if (rng.chance(50)) return minor(units, currency, 0);
  return minor(units, currency, rng.int(0, scale - 1));
}

export function creditLimit(rng: Prng, currency: string): bigint {
  const dollars = rng.pick([5_000, 10_000, 25_000, 50_000, 100_000]);
  return minor(Math.round(convert(dollars, currency) / 1000) * 1000, currency, 0);
}
