// An instant as a person in a given time zone reads it: "Tue 24 Nov 09:00 Europe/London", with the
// year only when it is not the reader's current year.
import { Temporal } from 'temporal-polyfill';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function localTime(instant: string, timeZone: string, now: Temporal.Instant): string {
  const at = Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone);
  const year = at.year === now.toZonedDateTimeISO(timeZone).year ? '' : ` ${at.year}`;
  const clock = `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
  return `${weekdays[at.dayOfWeek - 1]} ${at.day} ${months[at.month - 1]}${year} ${clock} ${timeZone}`;
}
