// Date options of report commands: validated 'YYYY-MM-DD' values, and "today" in the organisation's
// time zone (ARREARS_NOW, when set, stands in for the clock).
import { Temporal } from 'temporal-polyfill';
import type { Config } from '../config.ts';
import type { Org } from '../db/schema.ts';
import { dateInZone, isoDateProblem, type IsoDate } from '../domain/calendar.ts';
import { AppError } from '../errors.ts';

/** The current instant: the real clock, or ARREARS_NOW when set (demos, tests). */
export function currentInstant(config: Config): Temporal.Instant {
  return config.fixedNow ? Temporal.Instant.from(config.fixedNow) : Temporal.Now.instant();
}

/** Today's date in the organisation's own time zone. */
export function orgToday(org: Org, config: Config): IsoDate {
  return dateInZone(currentInstant(config), org.time_zone);
}

/** The value of a date option, or an invalid_input error (exit code 2) naming the option. */
export function dateOption(option: string, value: string | undefined): IsoDate | undefined {
  if (value === undefined) return undefined;
  const problem = isoDateProblem(value);
  if (problem) throw new AppError('invalid_input', `${option} ${problem}, e.g. 2026-11-30 (got "${value}")`);
  return value;
}
