// An agency's commission: a percentage of what it collects, held as hundredths of a percent
// (basis points) so it is exact, and applied to an amount in minor units with half-up rounding,
// the way an agency's remittance statement rounds it.
import { basisPointsOf } from '../money.ts';

/** 25 → 2500, 12.5 → 1250, 33.33 → 3333; anything else (negative, over 100, more than 2 decimals) is a problem string. */
export function commissionBasisPoints(percent: string): { ok: true; value: number } | { ok: false; message: string } {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!match) return { ok: false, message: `the commission must be a percentage such as 25 or 12.5, with at most 2 decimals (got "${percent}")` };
  const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (value > 10000) return { ok: false, message: `the commission cannot be more than 100% (got ${percent})` };
  return { ok: true, value };
}

/** The commission's percentage as people write it: 2500 → "25", 1250 → "12.5". */
export function commissionPercentText(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const cents = basisPoints % 100;
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** The commission on `amount` (minor units) at `basisPoints`, rounded half up to the minor unit. */
export function commissionOn(amount: bigint, basisPoints: number): bigint {
  return basisPointsOf(amount, BigInt(basisPoints));
}
