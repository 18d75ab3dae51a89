import { EN_GB_MONTHS, EN_GB_WEEKDAYS } from "../report/time.ts";
import type { WindowEvaluation } from "./evaluate.ts";
import { pad, wallInZone } from "./local-time.ts";

/** Human texts for verdicts and instants, e.g. "Tue 24 Nov 10:00 CET" and "2 d 14 h"; evaluate.ts never imports this file. */

const abbreviations = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at an instant in a locale: "CET" in en-GB, "GMT-5" in en-GB where en-US says "EST". */
function shortName(instant: number, zone: string, locale: string): string {
  const key = `${locale} ${zone}`;
  let format = abbreviations.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    abbreviations.set(key, format);
  }
  return format.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? "";
}

/** "CET" where the English name is an abbreviation, else the offset form "GMT+5:30"; UTC's name without asking Intl. */
function zoneAbbreviation(instant: number, zone: string): string {
  if (/^(utc|gmt)$/i.test(zone)) return "UTC";
  const names = ["en-GB", "en-US"].map((locale) => shortName(instant, zone, locale));
  return names.find((name) => !/^(GMT|UTC)[+-]/.test(name)) ?? names[0]!;
}

/**
 * "Tue 24 Nov 10:00" in ICU's en-GB names and Latin digits on every machine, whatever its locale; the year is shown
 * when it differs from the year of `now`. None for an instant beyond Date's range or in an unknown zone.
 */
function wallText(instant: number, zone: string, now: number): string | undefined {
  const local = wallInZone(instant, zone);
  if (!local) return undefined;
  const year = local.year === wallInZone(now, zone)?.year ? "" : ` ${pad(local.year, 4)}`;
  return `${EN_GB_WEEKDAYS[local.weekday]} ${local.day} ${EN_GB_MONTHS[local.month - 1]}${year} ${pad(local.hour)}:${pad(local.minute)}`;
}

/** "Tue 24 Nov 10:00 CET"; the year is shown when it differs from the year of `now`; "Invalid Date" for none. */
export function formatInstant(instant: number, zone: string, now: number): string {
  const text = wallText(instant, zone, now);
  return text === undefined ? "Invalid Date" : `${text} ${zoneAbbreviation(instant, zone)}`;
}

/** "2026-11-24 10:00": the wall time in the zone, as the timeline chart reads it. */
export function chartTime(instant: number, zone: string): string {
  const local = wallInZone(instant, zone);
  return local ? `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}` : "Invalid Date";
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

/** "Tue 24 Nov 10:00 Europe/Paris": the wall time in the policy's zone, named as the policy names it. */
export function formatLocal(instant: number, zone: string, now: number): string {
  const text = wallText(instant, zone, now);
  return text === undefined ? "Invalid Date" : `${text} ${zone}`;
}

/** What the one-line verdict adds to the evaluation: the freezes before the next opening, how to override. */
export interface VerdictContext {
  /** Names of the freezes between now and the next opening (or in effect now). */
  freezes?: string[];
  /** "override: input override-reason", "no override for production", ... */
  override?: string;
}

/**
 * The one-line verdict, key figure first: "Deploy window closed · opens Tue 24 Nov 10:00 Europe/Paris, in 2 d 14 h,
 * after the year-end freeze · override: input override-reason".
 */
export function verdictLine(evaluation: WindowEvaluation, context: VerdictContext = {}): string {
  const { now, timezone: zone } = evaluation;
  const what = `${evaluation.kind === "deploy" ? "Deploy" : "Maintenance"} window`;
  if (evaluation.open) {
    const name = evaluation.window ? ` (${evaluation.window})` : "";
    const until = evaluation.closesAtMs === null ? "beyond the next 400 days" : `until ${formatLocal(evaluation.closesAtMs, zone, now)}, ${formatDuration(evaluation.closesAtMs - now)} left`;
    return evaluation.window || evaluation.closesAtMs !== null ? `${what} open${name} ${until}` : `${what} open: no ${evaluation.kind} windows defined, no freeze in effect`;
  }
  const next = evaluation.nextOpenMs === null ? "no opening within the next 400 days" : `opens ${formatLocal(evaluation.nextOpenMs, zone, now)}, in ${formatDuration(evaluation.nextOpenMs - now)}`;
  const freezes = (context.freezes ?? []).map((name) => `“${name}”`);
  const after = freezes.length > 0 ? `, after the ${freezes.join(" and ")} freeze${freezes.length === 1 ? "" : "s"}` : "";
  return [`${what} closed`, `${next}${after}`, ...(context.override ? [context.override] : [])].join(" · ");
}
