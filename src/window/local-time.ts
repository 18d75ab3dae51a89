import { MAX_DATE_MS, offsetMinutes, wallAt, type LocalDate, type LocalDateTime, type Wall } from "../core/zone.ts";

/**
 * Calendar arithmetic on local dates and the local wall time and ISO text of an instant in a zone. Reading a wall
 * time in a zone (resolveLocal) and whether a zone exists (isKnownZone) are in core/zone.ts, shared with the policy
 * checks; the way back, from instants to wall times, is here. Both take the zone's offset from core/zone.ts, so a
 * run that meets no zone but UTC never starts Intl, whose first use costs more than starting Node.
 */

/** The zone's offset at an instant, NaN for an unknown zone or an instant beyond Date (where Intl would throw). */
function offsetAt(zoneName: string, instant: number): number {
  return Math.abs(instant) <= MAX_DATE_MS ? offsetMinutes(zoneName, instant) : NaN;
}

/** The local wall time (to the minute) of an instant in a zone; NaN fields for an unknown zone. */
export function localOf(instant: number, zoneName: string): LocalDateTime {
  const wall = wallAt(instant, offsetAt(zoneName, instant));
  return wall ? { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute } : { year: NaN, month: NaN, day: NaN, hour: NaN, minute: NaN };
}

/**
 * A zone name read the way people write it in a policy: "UTC" and "GMT" in any case are UTC itself, offset 0 at
 * every instant; any other name is the zone Intl knows by it. The wall time is undefined for an unknown zone.
 */
export function wallInZone(instant: number, zoneName: string): Wall | undefined {
  return wallAt(instant, /^(utc|gmt)$/i.test(zoneName) ? 0 : offsetAt(zoneName, instant));
}

/** A field of a date in at least `width` digits, the sign before them. */
export const pad = (value: number, width = 2): string => (value < 0 ? `-${String(-value).padStart(width, "0")}` : String(value).padStart(width, "0"));

/** An instant as ISO-8601 with the zone's offset, e.g. 2026-11-24T10:00:00+01:00 (+00:00 in UTC: the offset is the zone's). */
export function isoInZone(instant: number, zoneName: string): string {
  const offset = offsetAt(zoneName, instant);
  const wall = wallAt(instant, offset);
  if (!wall) return new Date(instant).toISOString();
  const long = wall.year > 9999 || wall.year < 0;
  const year = `${long && wall.year >= 0 ? "+" : ""}${pad(wall.year, long ? 6 : 4)}`;
  const millisecond = wall.millisecond === 0 ? "" : `.${pad(wall.millisecond, 3)}`;
  const sign = offset < 0 ? "-" : "+";
  const zone = `${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.trunc(Math.abs(offset) % 60))}`;
  return `${year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${millisecond}${zone}`;
}

function utcDate(date: LocalDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day));
}

/** The calendar date `days` after a date (days may be negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** ISO weekday: 1 Monday ... 7 Sunday. */
export function weekdayOf(date: LocalDate): number {
  return utcDate(date).getUTCDay() || 7;
}

export function daysInMonth(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
}

/** Midnight UTC at the start of a date: for comparing dates and bounding instants. */
export function dateStartUtc(date: LocalDate): number {
  return utcDate(date).getTime();
}
