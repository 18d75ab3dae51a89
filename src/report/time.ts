/** Instants as people read them: the wall time in the policy's zone, named, with UTC beside it. */
import { DateTime } from "luxon";

/** "Wed 2 Dec 2026 11:45 Europe/Paris (10:45 UTC)"; in UTC itself, "Wed 2 Dec 2026 10:45 UTC". */
export function zonedTime(instant: string | Date, zone: string): string {
  const at = typeof instant === "string" ? DateTime.fromISO(instant, { zone: "utc" }) : DateTime.fromJSDate(instant, { zone: "utc" });
  if (!at.isValid) return String(instant);
  const utc = `${at.toFormat("HH:mm")} UTC`;
  const local = at.setZone(zone);
  if (!local.isValid || local.offset === 0 && /^(utc|etc\/utc|gmt|etc\/gmt)$/i.test(zone)) return `${at.setLocale("en-GB").toFormat("ccc d LLL yyyy")} ${utc}`;
  return `${local.setLocale("en-GB").toFormat("ccc d LLL yyyy HH:mm")} ${zone} (${utc}${local.toISODate() === at.toISODate() ? "" : ` ${at.toFormat("d LLL")}`})`;
}
