import { DateTime } from "luxon";
import type { WindowEvaluation } from "./evaluate.ts";

/** Human texts for verdicts and instants, e.g. "Tue 24 Nov 10:00 CET" and "2 d 14 h"; evaluate.ts never imports this file. */

/** "CET" where the English name is an abbreviation, else the offset form "GMT+5:30". */
function zoneAbbreviation(instant: DateTime): string {
  const names = ["en-GB", "en-US"].map((locale) => instant.setLocale(locale).toFormat("ZZZZ"));
  return names.find((name) => !/^(GMT|UTC)[+-]/.test(name)) ?? names[0]!;
}

/** "Tue 24 Nov 10:00 CET"; the year is shown when it differs from the year of `now`. */
export function formatInstant(instant: number, zone: string, now: number): string {
  const local = DateTime.fromMillis(instant, { zone }).setLocale("en-GB");
  const sameYear = local.year === DateTime.fromMillis(now, { zone }).year;
  return `${local.toFormat(sameYear ? "ccc d LLL HH:mm" : "ccc d LLL yyyy HH:mm")} ${zoneAbbreviation(local)}`;
}

/**
 * Prose for a duration in verdicts and logs (not the duration grammar: that is formatDuration in core/duration.ts):
 * "2 d 14 h", "3 h 5 min", "45 min", "20 s": the two largest units, the smaller one rounded to the nearest.
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds >= 86_400) {
    const hours = Math.round(seconds / 3600);
    const days = Math.floor(hours / 24);
    return hours % 24 > 0 ? `${days} d ${hours % 24} h` : `${days} d`;
  }
  if (seconds >= 3600) {
    const minutes = Math.round(seconds / 60);
    const hours = Math.floor(minutes / 60);
    return minutes % 60 > 0 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  }
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
}

/** The one-line verdict: "closed: outside off-peak (...); next opening Tue 24 Nov 10:00 CET, in 2 d 14 h". */
export function verdictLine(evaluation: WindowEvaluation): string {
  const { now, timezone: zone } = evaluation;
  if (evaluation.open) {
    const until = evaluation.closesAtMs === null ? "open beyond the next 400 days" : `closes ${formatInstant(evaluation.closesAtMs, zone, now)}, in ${formatDuration(evaluation.closesAtMs - now)}`;
    return `open: ${evaluation.reason}; ${until}`;
  }
  const next = evaluation.nextOpenMs === null ? "no opening within the next 400 days" : `next opening ${formatInstant(evaluation.nextOpenMs, zone, now)}, in ${formatDuration(evaluation.nextOpenMs - now)}`;
  return `closed: ${evaluation.reason}; ${next}`;
}
