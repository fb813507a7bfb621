// Business dates are plain calendar dates, written 'YYYY-MM-DD' everywhere (database, JSON, code).
// Arithmetic goes through Temporal.PlainDate so no time zone or DST can shift a due date.
import { Temporal } from 'temporal-polyfill';
import type { ParseResult } from './money.ts';

/** A calendar date as 'YYYY-MM-DD'. */
export type IsoDate = string;

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));
}

/** Today's date in an IANA time zone, for an instant given by the caller (pure code takes no clock). */
export function dateInZone(instant: Temporal.Instant, timeZone: string): IsoDate {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

export function isTimeZone(name: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(name);
    return true;
  } catch {
    return false;
  }
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Date layouts accepted by `--date-format`; tokens: YYYY, YY, MM, M, DD, D, MMM (month name). */
export const dateFormats = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'D MMM YYYY', 'DD.MM.YYYY', 'YYYY/MM/DD', 'DD-MM-YYYY', 'MM-DD-YYYY'] as const;

function formatPattern(format: string): { regex: RegExp; order: Array<'Y' | 'M' | 'D' | 'N'> } {
  const order: Array<'Y' | 'M' | 'D' | 'N'> = [];
  const source = format.replace(/YYYY|YY|MMM|MM|M|DD|D|[.*+?^${}()|[\]\\/]/g, (token) => {
    switch (token) {
      case 'YYYY':
        order.push('Y');
        return '(\\d{4})';
      case 'YY':
        order.push('Y');
        return '(\\d{2})';
      case 'MMM':
        order.push('N');
        return '([A-Za-z]{3,9})';
      case 'MM':
      case 'M':
        order.push('M');
        return '(\\d{1,2})';
      case 'DD':
      case 'D':
        order.push('D');
        return '(\\d{1,2})';
      default:
        return `\\${token}`;
    }
  });
  return { regex: new RegExp(`^${source.replace(/ /g, '\\s+')}$`), order };
}

export function isDateFormat(format: string): boolean {
  const { order } = formatPattern(format);
  return order.includes('Y') && (order.includes('M') || order.includes('N')) && order.includes('D');
}

/**
 * Parses a date written in `format` (e.g. 'DD/MM/YYYY'). Also accepts an ISO date whatever the
 * format, since exports often mix them. Two-digit years are 20YY. Impossible dates are errors.
 */
export function parseDate(text: string, format: string): ParseResult<IsoDate> {
  const value = text.trim();
  if (value === '') return { ok: false, message: `is empty; write a date as ${format}` };
  const isoPrefix = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$/.exec(value);
  if (isoPrefix?.[1] && isIsoDate(isoPrefix[1])) return { ok: true, value: isoPrefix[1] };
  const { regex, order } = formatPattern(format);
  const match = regex.exec(value);
  if (!match) return { ok: false, message: `is not a date in the format ${format}; use --date-format if the file uses another layout` };
  let year = 0;
  let month = 0;
  let day = 0;
  order.forEach((part, index) => {
    const token = match[index + 1] ?? '';
    if (part === 'Y') year = token.length === 2 ? 2000 + Number(token) : Number(token);
    else if (part === 'M') month = Number(token);
    else if (part === 'D') day = Number(token);
    else month = monthNames.indexOf(token.slice(0, 3).toLowerCase()) + 1;
  });
  try {
    return { ok: true, value: Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }).toString() };
  } catch {
    return { ok: false, message: `is not a real calendar date (read as ${format}); check day and month order` };
  }
}
