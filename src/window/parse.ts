import { DateTime } from "luxon";
import { resolveLocal, type LocalDateTime } from "./local-time.ts";

/**
 * Parsers for the text forms of the windows section. Each returns undefined for text it does not accept,
 * so that the policy check can name the key and the caller of a validated policy can rely on a value.
 */
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;
const WITH_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const DURATION = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+)s)?$/i;

export const CLOCK_FORMAT = 'a time "HH:MM" from 00:00 to 23:59';
export const DATE_TIME_FORMAT = 'a local date-time "YYYY-MM-DDTHH:MM" or date "YYYY-MM-DD" (or an ISO-8601 instant with an offset)';
export const DURATION_FORMAT = 'a duration such as "0", "90m", "2h" or "1h30m"';

export function parseClock(text: string): { hour: number; minute: number } | undefined {
  const match = CLOCK.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** A freeze boundary: a local date-time in `zone`, or an instant that carries its own offset. */
export function parseDateTime(text: string, zone: string): number | undefined {
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const wall: LocalDateTime = {
      year: Number(local[1]),
      month: Number(local[2]),
      day: Number(local[3]),
      hour: Number(local[4] ?? 0),
      minute: Number(local[5] ?? 0),
    };
    // Luxon rejects 2026-02-30 and 24:00; we only want real calendar dates and clock times, in years Date.UTC reads as such.
    if (wall.year < 1900 || !DateTime.fromObject(wall, { zone: "utc" }).isValid) return undefined;
    return resolveLocal(wall, zone);
  }
  if (!WITH_OFFSET.test(text) || !/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const instant = DateTime.fromISO(text, { setZone: true });
  return instant.isValid ? instant.toMillis() : undefined;
}

/** Milliseconds of a duration like "2h", "90m", "1h30m", "45s" or "0". */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "0") return 0;
  const match = DURATION.exec(trimmed);
  if (!trimmed || !match || match.slice(1).every((part) => part === undefined)) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}
