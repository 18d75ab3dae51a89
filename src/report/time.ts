/**
 * Instants as people read them: the wall time in the policy's zone, named, with UTC beside it. The names are
 * ICU's en-GB ones on every machine, whatever its locale, so a report reads the same on any runner; only a zone
 * other than UTC asks Intl (through core/zone.ts) for its offset, because Intl's first use costs as much as
 * starting Node.
 */
import { offsetMinutes, utcOf, wallAt, type Wall } from "../core/zone.ts";

/** ICU's en-GB short names, Sunday first as Date counts: the names of every time shipgate writes. */
export const EN_GB_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
export const EN_GB_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];
const MINUTE_MS = 60_000;
/** Names of UTC itself, whose offset is 0 at every instant: they read as "… 10:45 UTC" alone. */
const UTC_NAMES = /^(utc|etc\/utc|gmt|etc\/gmt)$/i;
/** ISO 8601 extended date, or date and time to the minute or finer, with Z or an offset; no offset means UTC. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/** Epoch milliseconds (whole seconds: the text shows minutes) of an ISO text; NaN when it is not one. */
function parseIso(text: string): number {
  const m = ISO.exec(text);
  if (!m) return NaN;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
  const offset = m[8] ? (m[8] === "-" ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10] ?? 0) > 59))) return NaN;
  const wall = utcOf(year, month, day, hour, minute, second);
  // A day past the month's end (30 February) rolls over in Date.UTC: not a date.
  if (wallAt(wall, 0)?.day !== day) return NaN;
  return wall - offset * MINUTE_MS;
}

const pad = (n: number): string => String(n).padStart(2, "0");
const dateOf = (w: Wall): string => `${EN_GB_WEEKDAYS[w.weekday]} ${w.day} ${EN_GB_MONTHS[w.month - 1]} ${String(w.year).padStart(4, "0")}`;

/** "Wed 2 Dec 2026 11:45 Europe/Paris (10:45 UTC)"; in UTC itself, "Wed 2 Dec 2026 10:45 UTC". */
export function zonedTime(instant: string | Date, zone: string): string {
  const ms = typeof instant === "string" ? parseIso(instant) : instant.getTime();
  if (!Number.isFinite(ms) || ms < utcOf(0, 1, 1) || ms > utcOf(9999, 12, 31, 23, 59, 59)) return String(instant);
  // Within the years 0000-9999 and at a known offset, both walls exist.
  const at = wallAt(ms, 0)!;
  const utc = `${pad(at.hour)}:${pad(at.minute)} UTC`;
  const offset = UTC_NAMES.test(zone) ? 0 : offsetMinutes(zone, ms);
  // An unknown zone cannot be shown: UTC alone is still right.
  if (UTC_NAMES.test(zone) || Number.isNaN(offset)) return `${dateOf(at)} ${utc}`;
  const local = wallAt(ms, offset)!;
  const sameDate = local.year === at.year && local.month === at.month && local.day === at.day;
  return `${dateOf(local)} ${pad(local.hour)}:${pad(local.minute)} ${zone} (${utc}${sameDate ? "" : ` ${at.day} ${EN_GB_MONTHS[at.month - 1]}`})`;
}
