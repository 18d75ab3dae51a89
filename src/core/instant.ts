/**
 * The one grammar for instants (and the wall-clock times they are built from). Pure: no clock, no environment; local
 * times are read with the runtime's zone data through ./zone.ts.
 *
 * An instant is, after trimming surrounding white space, one of:
 * - ISO-8601 with its own offset: `YYYY-MM-DDTHH[:MM[:SS[.fraction]]]` followed by `Z`, `z`, `±HH`, `±HH:MM` or
 *   `±HHMM`; the colons inside the time may be left out (`T1230Z`); the fraction (`.` or `,`, 1 to 30 digits) is cut
 *   to milliseconds. The date must exist (2026-02-30 is refused, not rolled over), hours 00-23 or exactly
 *   24:00[:00[.000]] (midnight at the end of the day), minutes and seconds 00-59, offsets up to ±23:59.
 * - only when a time zone is given: a local date-time `YYYY-MM-DDTHH:MM` (or with a space instead of the `T`), or a
 *   date `YYYY-MM-DD` (its midnight), read in that zone with Temporal's "compatible" disambiguation; years from 1900,
 *   hours 00-23, no seconds.
 * This is the union of what `--at`, `input "at"` (rollback, incidents) and the window section's freezes accepted.
 *
 * A clock time (a window's start or end) is `HH:MM`, 00:00 to 23:59.
 */
import { UserError } from "./errors.ts";
import { resolveLocal, utcOf, type LocalDateTime } from "./zone.ts";

export type { LocalDateTime } from "./zone.ts";

export const INSTANT_EXAMPLE = "2026-03-01T12:00:00Z";
export const LOCAL_DATE_TIME_FORMAT = 'a local date-time "YYYY-MM-DDTHH:MM" or date "YYYY-MM-DD" (or an ISO-8601 instant with an offset)';
export const CLOCK_FORMAT = 'a time "HH:MM" from 00:00 to 23:59';

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,30}))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function daysIn(year: number, month: number): number {
  return new Date(utcOf(year, month + 1, 0)).getUTCDate();
}

function isDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** Milliseconds since the epoch of an ISO-8601 instant that carries its own offset, else undefined. */
export function parseOffsetInstant(text: string): number | undefined {
  const match = WITH_OFFSET.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour] = match.slice(1, 5).map(Number) as [number, number, number, number];
  const minute = Number(match[5] ?? 0);
  const second = Number(match[6] ?? 0);
  const millisecond = Number((match[7] ?? "").padEnd(3, "0").slice(0, 3));
  if (!isDate(year, month, day) || minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute > 0 || second > 0 || /[1-9]/.test(match[7] ?? "")))) return undefined;
  let offset = 0;
  if (!match[8] && match[9]) {
    const offsetHours = Number(match[10]);
    const offsetMinutes = Number(match[11] ?? 0);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offset = (match[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  }
  return utcOf(year, month, day, hour, minute, second, millisecond) - offset;
}

/** A local date-time (or a date, at midnight) without a zone, when it is a real calendar date and clock time. */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const match = LOCAL.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const hour = Number(match[4] ?? 0);
  const minute = Number(match[5] ?? 0);
  if (year < 1900 || !isDate(year, month, day) || hour > 23 || minute > 59) return undefined;
  return { year, month, day, hour, minute };
}

/**
 * Milliseconds since the epoch of an instant, else undefined. Without `timeZone` only the form with an offset is
 * accepted; with it, a local date-time or date is read in that zone too.
 */
export function parseInstant(text: string, timeZone?: string): number | undefined {
  if (timeZone !== undefined) {
    const local = parseLocalDateTime(text);
    if (local) {
      const instant = resolveLocal(local, timeZone);
      return Number.isFinite(instant) ? instant : undefined;
    }
  }
  return parseOffsetInstant(text);
}

/** The instant as a Date, or a UserError naming `where` (the option, input or key) and what it accepts. */
export function requireInstant(text: string, where: string, timeZone?: string): Date {
  const instant = parseInstant(text, timeZone);
  if (instant !== undefined) return new Date(instant);
  if (timeZone !== undefined) throw new UserError(`${where}: expected ${LOCAL_DATE_TIME_FORMAT}, got "${text}"`);
  throw new UserError(`${where}: "${text}" is not an ISO-8601 time with a zone, e.g. ${INSTANT_EXAMPLE}`);
}

/** A clock time "HH:MM". */
export function parseClock(text: string): { hour: number; minute: number } | undefined {
  const match = CLOCK.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}
