// A wall-clock time in someone else's time zone (the customer's "call me back at 3 pm"), turned
// into ISO 8601 with that zone's offset on that day, as the API takes it. Intl gives the offset;
// the second look finds the right one when the guess crossed a daylight-saving change.

/** The zone's offset from UTC, in minutes, at an instant. */
function offsetMinutes(instantMs: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instantMs).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0; // "GMT": UTC itself
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** "2026-12-07T15:00" in `timeZone` → "2026-12-07T15:00:00-05:00". */
export function wallTimeInZone(local: string, timeZone: string): string {
  const [date, time] = local.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asIfUtc = Date.UTC(y, m - 1, d, hh, mm);
  const guess = offsetMinutes(asIfUtc, timeZone);
  const offset = offsetMinutes(asIfUtc - guess * 60_000, timeZone);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date}T${time.slice(0, 5)}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The time now in `timeZone`, as a datetime-local value ("2026-12-07T14:05"). */
export function nowInZone(timeZone: string, now = Date.now()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
