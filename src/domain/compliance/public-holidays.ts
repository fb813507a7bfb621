// Public holidays of a debtor's jurisdiction, from the date-holidays package, cached per country,
// region and year (the cycle asks for every customer).
import Holidays from 'date-holidays';
import { epochDay, type IsoDate } from '../calendar.ts';

const cache = new Map<string, ReadonlySet<IsoDate>>();

export function isPublicHoliday(day: IsoDate, country: string, region: string | null): boolean {
  const year = Number(day.slice(0, 4));
  const key = `${country} ${region ?? ''} ${year}`;
  let days = cache.get(key);
  if (!days) {
    const known = country in new Holidays().getCountries();
    const holidays = known ? (region ? new Holidays(country, region) : new Holidays(country)).getHolidays(year) : [];
    days = new Set(holidays.filter((holiday) => holiday.type === 'public').map((holiday) => holiday.date.slice(0, 10)));
    cache.set(key, days);
  }
  return days.has(day);
}

/** Saturday or Sunday (ISO weekday 6 or 7), on the day's own calendar. */
export function isWeekend(day: IsoDate): boolean {
  // 1970-01-01 was a Thursday: weekday 0 is Sunday
  const weekday = (((epochDay(day) + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}
