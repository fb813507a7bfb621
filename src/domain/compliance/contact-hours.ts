// Contact hours in the debtor's local time, as spans of instants for one day. When the debtor's
// time zone is unknown, only the hours that are inside the window in every time zone of the
// debtor's country (from the platform's CLDR data) are allowed.
import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from '../calendar.ts';
import type { Interval } from './contact-attempt.ts';

/** 'HH:MM' → minutes after midnight. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

function instantAt(day: IsoDate, minutes: number, timeZone: string): number {
  const date = Temporal.PlainDate.from(day);
  // 24:00 is the start of the next day
  const at = minutes >= 24 * 60 ? date.add({ days: 1 }).toPlainDateTime({ hour: 0 }) : date.toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  return at.toZonedDateTime(timeZone).epochMilliseconds;
}

/** The span [from, to) local minutes of `day` in `timeZone`, as instants. */
export function localSpan(day: IsoDate, from: number, to: number, timeZone: string): Interval {
  return { from: instantAt(day, from, timeZone), to: instantAt(day, to, timeZone) };
}

/** The IANA time zones of a country, or [] when the platform does not know it. */
export function timeZonesOfCountry(country: string): readonly string[] {
  let zones = zonesByCountry.get(country);
  if (!zones) {
    zones = platformTimeZones(country);
    zonesByCountry.set(country, zones);
  }
  return zones;
}
const zonesByCountry = new Map<string, readonly string[]>();

function platformTimeZones(country: string): string[] {
  try {
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
    return locale.getTimeZones?.() ?? locale.timeZones ?? [];
  } catch {
    return [];
  }
}

/**
 * The instants of `day` (in `referenceZone`'s calendar) that are within [from, to) local time in
 * every one of `zones`: the latest opening to the earliest closing.
 */
export function spanInEveryZone(day: IsoDate, from: number, to: number, zones: readonly string[]): Interval | null {
  // asked for every consumer on every day planned, with few distinct answers
  const key = `${day} ${from} ${to} ${zones.join(',')}`;
  if (spanCache.has(key)) return spanCache.get(key)!;
  if (spanCache.size >= 10_000) spanCache.clear();
  const span = computeSpanInEveryZone(day, from, to, zones);
  spanCache.set(key, span);
  return span;
}
const spanCache = new Map<string, Interval | null>();

function computeSpanInEveryZone(day: IsoDate, from: number, to: number, zones: readonly string[]): Interval | null {
  let span: Interval | null = null;
  for (const zone of zones) {
    const local = localSpan(day, from, to, zone);
    span = span === null ? local : { from: Math.max(span.from, local.from), to: Math.min(span.to, local.to) };
  }
  return span && span.from < span.to ? span : null;
}

/** `whole` less each of `gaps` (the debtor's stated inconvenient times). */
export function subtract(whole: readonly Interval[], gaps: readonly Interval[]): Interval[] {
  let result = [...whole];
  for (const gap of gaps) {
    result = result.flatMap((span) => {
      if (gap.to <= span.from || gap.from >= span.to) return [span];
      const parts: Interval[] = [];
      if (gap.from > span.from) parts.push({ from: span.from, to: gap.from });
      if (gap.to < span.to) parts.push({ from: gap.to, to: span.to });
      return parts;
    });
  }
  return result;
}
