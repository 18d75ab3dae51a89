import { DateTime, IANAZone } from "luxon";

/**
 * Local wall-clock times to instants. Luxon supplies every UTC offset; this file only decides which
 * offset a wall time takes, because Luxon's own choice for a repeated time varies by zone (3.7 takes the second
 * 01:30 in New York on 1 Nov 2026 but the first 01:45 at Lord Howe on 5 Apr 2026), while shipgate promises
 * Temporal's "compatible" disambiguation:
 * - a time in a gap (spring forward) is read with the offset before the gap, which moves it forward by the gap;
 * - a time that occurs twice (fall back) means its first occurrence.
 */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const zones = new Map<string, IANAZone>();

export function isKnownZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

/**
 * Calendar arithmetic on dates and wall times is zone-free (the proleptic Gregorian calendar read as UTC), so plain
 * Date.UTC does it; every UTC offset comes from Luxon's zone data.
 */
function wallAsUtc(wall: LocalDateTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/** The instant of a local wall time in a zone, disambiguated like Temporal's "compatible". */
export function resolveLocal(wall: LocalDateTime, zoneName: string): number {
  const zone = zoneOf(zoneName);
  const naive = wallAsUtc(wall);
  // As Temporal does: the offsets a day before and a day after bracket any transition near this wall time.
  const offsetBefore = zone.offset(naive - DAY_MS);
  const offsetAfter = zone.offset(naive + DAY_MS);
  // No transition in between (the common case): one offset, one instant.
  if (offsetBefore === offsetAfter) return naive - offsetBefore * MINUTE_MS;
  // An offset fits when the instant it gives really has that offset; two fit in a repeated hour: take the earlier.
  const candidates = [offsetBefore, offsetAfter]
    .filter((offset) => zone.offset(naive - offset * MINUTE_MS) === offset)
    .map((offset) => naive - offset * MINUTE_MS);
  if (candidates.length > 0) return Math.min(...candidates);
  return naive - offsetBefore * MINUTE_MS;
}

/** The local wall time (to the minute) of an instant in a zone. */
export function localOf(instant: number, zoneName: string): LocalDateTime {
  const local = DateTime.fromMillis(instant, { zone: zoneOf(zoneName) });
  return { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute };
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

/** An instant as ISO-8601 with the zone's offset, e.g. 2026-11-24T10:00:00+01:00. */
export function isoInZone(instant: number, zoneName: string): string {
  const text = DateTime.fromMillis(instant, { zone: zoneOf(zoneName) }).toISO({ suppressMilliseconds: true });
  return text ?? new Date(instant).toISOString();
}
