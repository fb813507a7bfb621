// When an organisation's daily cycle is due: once a day, from its local cycle hour, for its
// local date. After downtime only today's cycle is due (the planner takes today's step once).
import type { Temporal } from 'temporal-polyfill';
import type { IsoDate } from '../calendar.ts';

export function cycleDueDate(now: Temporal.Instant, timeZone: string, cycleHour: number, lastRunDate: IsoDate | null): IsoDate | null {
  const local = now.toZonedDateTimeISO(timeZone);
  if (local.hour < cycleHour) return null;
  const today = local.toPlainDate().toString();
  return lastRunDate !== null && lastRunDate >= today ? null : today;
}
