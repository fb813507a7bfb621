// Adds a reference rate for a half-year to the organisation's table (e.g. a new Bank of England or
// ECB rate before Arrears ships it, or a national central bank's rate). Its row wins over a shipped
// one for the same scheme and half-year.
import type { Executor } from '../../db/executor.ts';
import { saveReferenceRate } from '../../db/queries/reference-rates.ts';
import { isIsoDate } from '../../domain/calendar.ts';
import { isHalfYearStart, normalizeRatePercent, rateSchemes, referenceRateFor, shippedReferenceRates, type RateScheme, type ReferenceRate } from '../../domain/charges/reference-rates.ts';
import { Exact } from '../../domain/charges/rounding.ts';
import { AppError } from '../../errors.ts';

export interface NewReferenceRate {
  scheme: string;
  from: string;
  rate: string;
  source: string;
  /** Change the organisation's existing row for that half-year instead of refusing. */
  replace?: boolean;
}

export interface AddedReferenceRate {
  rate: ReferenceRate;
  /** The shipped row this one takes the place of, if any. */
  overrides?: ReferenceRate;
}

function validated(input: NewReferenceRate): Omit<ReferenceRate, 'origin'> {
  if (!(rateSchemes as readonly string[]).includes(input.scheme)) throw new AppError('invalid_input', `--scheme must be one of ${rateSchemes.join(', ')} (got "${input.scheme}")`);
  if (!isIsoDate(input.from) || !isHalfYearStart(input.from)) {
    throw new AppError('invalid_input', `reference rates are set per half-year: --from must be 1 January or 1 July, written YYYY-01-01 or YYYY-07-01 (got "${input.from}")`);
  }
  // numeric(7, 4) in the table; below −8 the statutory rate (reference + 8) would be negative.
  if (!/^-?\d{1,3}(\.\d{1,4})?$/.test(input.rate) || new Exact(input.rate).lt(-8) || new Exact(input.rate).gt(100)) {
    throw new AppError('invalid_input', `--rate must be a percentage between -8 and 100 with at most 4 decimals, e.g. 5.25 (got "${input.rate}")`);
  }
  const source = input.source.trim();
  if (source === '') throw new AppError('invalid_input', '--source must say where the rate is published, e.g. "Bank of England Bank Rate on 30 June 2026"');
  return { scheme: input.scheme as RateScheme, effectiveFrom: input.from, ratePercent: normalizeRatePercent(input.rate), source };
}

export async function addReferenceRate(db: Executor, orgId: bigint, input: NewReferenceRate): Promise<AddedReferenceRate> {
  const rate = validated(input);
  const saved = await saveReferenceRate(db, orgId, rate, input.replace ?? false);
  if (!saved) {
    throw new AppError('conflict', `a ${rate.scheme} rate for the half-year from ${rate.effectiveFrom} is already set for this organisation; add --replace to change it`);
  }
  const overrides = referenceRateFor(shippedReferenceRates, rate.scheme, rate.effectiveFrom);
  return { rate: { ...rate, origin: 'organisation' }, ...(overrides ? { overrides } : {}) };
}
