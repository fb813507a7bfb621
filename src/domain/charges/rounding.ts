// The one rounding rule of charges: work exactly in decimals, then round once per charge to the
// currency's minor unit, half-up (half away from zero). Everything before that point is exact:
// amounts enter as integer minor units, rates as decimal strings, and the precision below is far
// beyond anything a sum of (minor units × percent × days) can need, so the one division that does
// not terminate (by 365) is decided correctly when it is rounded.
import { Decimal } from 'decimal.js';

/** decimal.js configured for charges: 80 significant digits, ROUND_HALF_UP. */
export const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
export type ExactDecimal = InstanceType<typeof Exact>;

/** A value in minor units rounded to a whole minor unit, half-up: the only rounding a charge has. */
export function roundMinorHalfUp(minorUnits: ExactDecimal): bigint {
  return BigInt(minorUnits.toDecimalPlaces(0, Exact.ROUND_HALF_UP).toFixed(0));
}

/** Decimal text of a rate or percent ("8", "3.75"): digits, optional sign and decimals. */
export const decimalText = /^-?\d{1,6}(\.\d{1,6})?$/;
