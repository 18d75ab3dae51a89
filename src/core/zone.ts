/**
 * Time zones: whether an IANA name exists, a zone's UTC offset at an instant, and local wall times to instants.
 * Pure apart from the runtime's zone data (Intl, the same data Luxon reads): no clock, no environment.
 *
 * resolveLocal promises Temporal's "compatible" disambiguation, because Luxon's own choice for a repeated time varies
 * by zone (3.7 takes the second 01:30 in New York on 1 Nov 2026 but the first 01:45 at Lord Howe on 5 Apr 2026):
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
/** 400 Gregorian years are exactly this many days: shifting a year by 400 keeps Date.UTC off its 0..99 -> 19xx rule. */
const FOUR_CENTURIES_MS = 146_097 * DAY_MS;

/** The instant of a wall time read as UTC, in the proleptic Gregorian calendar, for any year in Date's range. */
export function utcOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  if (year >= 0 && year < 100) return Date.UTC(year + 400, month - 1, day, hour, minute, second, millisecond) - FOUR_CENTURIES_MS;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

/** Date's range: an instant beyond it has no wall time. */
export const MAX_DATE_MS = 8.64e15;

/** The wall-clock fields of an instant at an offset from UTC (weekday 0 is Sunday, as Date counts). */
export interface Wall extends LocalDateTime {
  second: number;
  millisecond: number;
  weekday: number;
}

/** Date's UTC fields of the instant moved by the offset; undefined when the offset is unknown or either is beyond Date. */
export function wallAt(instant: number, offset: number): Wall | undefined {
  if (!(Math.abs(instant) <= MAX_DATE_MS)) return undefined;
  // Minutes to seconds to milliseconds, in Luxon's order: an offset with seconds (local mean time) is a fraction of a
  // minute, and rounding the other way would move the wall time by a millisecond.
  const date = new Date(instant + offset * 60 * 1000);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year)) return undefined;
  return { year, month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(), millisecond: date.getUTCMilliseconds(), weekday: date.getUTCDay() };
}

/** Whether the name is a time zone the runtime knows (as Luxon's IANAZone.isValidZone decides). */
export function isKnownZone(name: string): boolean {
  if (!name) return false;
  // The default zone of every policy: known without asking Intl, whose first zone lookup loads ICU's zone data,
  // a large share of the start of a run that never meets another zone.
  if (name === "UTC") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name }).format();
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (!formatter) {
    if (!isKnownZone(zone)) return undefined;
    formatter = new Intl.DateTimeFormat("en-US", {
      hour12: false,
      timeZone: zone,
      era: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * From here on UTC's offset is 0 without asking Intl (whose first use costs as much as `node -e 0`): ICU's
 * calendar is Julian before 15 October 1582, so only from 1583 are its UTC fields the proleptic Gregorian ones
 * that utcOf reads; to the end of Date's range.
 */
const UTC_AS_GREGORIAN = { from: utcOf(1583, 1, 1), to: MAX_DATE_MS };

/** Minutes east of UTC in `zone` at `instant` (computed as Luxon's IANAZone.offset does); NaN for an unknown zone. */
export function offsetMinutes(zone: string, instant: number): number {
  if (zone === "UTC" && instant >= UTC_AS_GREGORIAN.from && instant <= UTC_AS_GREGORIAN.to) return 0;
  const formatter = formatterOf(zone);
  if (!formatter || !Number.isFinite(instant)) return NaN;
  const fields: Record<string, string> = {};
  for (const { type, value } of formatter.formatToParts(instant)) fields[type] = value;
  const year = fields.era === "BC" ? 1 - Number(fields.year) : Number(fields.year);
  // hour12: false writes midnight as 24 in some engines.
  const hour = Number(fields.hour) % 24;
  const wall = utcOf(year, Number(fields.month), Number(fields.day), hour, Number(fields.minute), Number(fields.second));
  const over = instant % 1000;
  const whole = instant - (over >= 0 ? over : 1000 + over);
  return (wall - whole) / MINUTE_MS;
}

/** The instant of a local wall time in a zone, disambiguated like Temporal's "compatible". */
export function resolveLocal(wall: LocalDateTime, zone: string): number {
  const naive = utcOf(wall.year, wall.month, wall.day, wall.hour, wall.minute);
  // As Temporal does: the offsets a day before and a day after bracket any transition near this wall time.
  const offsetBefore = offsetMinutes(zone, naive - DAY_MS);
  const offsetAfter = offsetMinutes(zone, naive + DAY_MS);
  // No transition in between (the common case): one offset, one instant.
  if (offsetBefore === offsetAfter) return naive - offsetBefore * MINUTE_MS;
  // An offset fits when the instant it gives really has that offset; two fit in a repeated hour: take the earlier.
  const candidates = [offsetBefore, offsetAfter]
    .filter((offset) => offsetMinutes(zone, naive - offset * MINUTE_MS) === offset)
    .map((offset) => naive - offset * MINUTE_MS);
  if (candidates.length > 0) return Math.min(...candidates);
  return naive - offsetBefore * MINUTE_MS;
}
