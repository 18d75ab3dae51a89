import { DateTime, IANAZone } from "luxon";

/**
 * Local wall-clock times to instants. Luxon supplies every UTC offset; this file only decides which
 * offset a wall time takes, because Luxon's own choice for a repeated time depends on the zone's history,
 * while shipgate promises Temporal's "compatible" disambiguation:
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

/** The wall time read as if it were UTC: the starting point for trying offsets. */
function wallAsUtc(wall: LocalDateTime): number {
  return DateTime.fromObject(wall, { zone: "utc" }).toMillis();
}

/** The instant of a local wall time in a zone, disambiguated like Temporal's "compatible". */
export function resolveLocal(wall: LocalDateTime, zoneName: string): number {
  const zone = zoneOf(zoneName);
  const naive = wallAsUtc(wall);
  // As Temporal does: the offsets a day before and a day after bracket any transition near this wall time.
  const offsetBefore = zone.offset(naive - DAY_MS);
  const offsetAfter = zone.offset(naive + DAY_MS);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => naive - offset * MINUTE_MS)
    .filter((instant) => wallAsUtc(localOf(instant, zoneName)) === naive);
  if (candidates.length > 0) return Math.min(...candidates);
  return naive - offsetBefore * MINUTE_MS;
}

/** The local wall time (to the minute) of an instant in a zone. */
export function localOf(instant: number, zoneName: string): LocalDateTime {
  const local = DateTime.fromMillis(instant, { zone: zoneOf(zoneName) });
  return { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute };
}

/** The calendar date `days` after a date (days may be negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const next = DateTime.fromObject(date, { zone: "utc" }).plus({ days });
  return { year: next.year, month: next.month, day: next.day };
}

/** ISO weekday: 1 Monday ... 7 Sunday. */
export function weekdayOf(date: LocalDate): number {
  return DateTime.fromObject(date, { zone: "utc" }).weekday;
}

export function daysInMonth(date: LocalDate): number {
  return DateTime.fromObject(date, { zone: "utc" }).daysInMonth ?? 31;
}

/** An instant as ISO-8601 with the zone's offset, e.g. 2026-11-24T10:00:00+01:00. */
export function isoInZone(instant: number, zoneName: string): string {
  const text = DateTime.fromMillis(instant, { zone: zoneOf(zoneName) }).toISO({ suppressMilliseconds: true });
  return text ?? new Date(instant).toISOString();
}
