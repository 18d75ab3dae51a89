import { DateTime, IANAZone } from "luxon";
import type { LocalDate, LocalDateTime } from "../core/zone.ts";

/**
 * Calendar arithmetic on local dates and the local wall time and ISO text of an instant in a zone. Reading a wall
 * time in a zone (resolveLocal) and whether a zone exists (isKnownZone) are in core/zone.ts, shared with the policy
 * checks; Luxon is used only here, for the way back from instants to wall times.
 */
const zones = new Map<string, IANAZone>();

function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

/**
 * UTC's wall time read from Date, as Luxon reads it once it has the zone's offset, without the Intl lookup that
 * IANAZone makes (its first use costs as much as `node -e 0`): the offset is 0 from 1583 on (ICU's calendar is
 * Julian before 15 October 1582) to the end of Date's range.
 */
function utcWallTime(instant: number): LocalDateTime | undefined {
  if (instant < Date.UTC(1583, 0, 1) || instant > 8.64e15) return undefined;
  const date = new Date(instant);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
}

/** The local wall time (to the minute) of an instant in a zone. */
export function localOf(instant: number, zoneName: string): LocalDateTime {
  const utc = zoneName === "UTC" ? utcWallTime(instant) : undefined;
  if (utc) return utc;
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
