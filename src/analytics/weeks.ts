/**
 * Weeks in the policy's time zone: each starts on Monday 00:00 local time, so a week with a daylight-saving change
 * lasts 167 or 169 hours. Pure: the zone data of the runtime, no clock.
 */
import { offsetMinutes, resolveLocal, utcOf, type LocalDate } from "../core/zone.ts";

const DAY_MS = 86_400_000;

export interface Week {
  /** ISO 8601 week name, e.g. "2026-W10". */
  name: string;
  /** The local date of its Monday, "YYYY-MM-DD". */
  monday: string;
  start: number;
  end: number;
}

function localDateOf(instant: number, zone: string): LocalDate {
  const wall = new Date(instant + offsetMinutes(zone, instant) * 60_000);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(utcOf(date.year, date.month, date.day) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

const pad = (n: number): string => String(n).padStart(2, "0");

function isoWeekName(monday: LocalDate): string {
  // The ISO year of a week is the year of its Thursday; week 1 holds the year's first Thursday.
  const thursday = addDays(monday, 3);
  const dayOfYear = (utcOf(thursday.year, thursday.month, thursday.day) - utcOf(thursday.year, 1, 1)) / DAY_MS;
  return `${thursday.year}-W${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

function weekOf(monday: LocalDate, zone: string): Week {
  const next = addDays(monday, 7);
  return {
    name: isoWeekName(monday),
    monday: `${monday.year}-${pad(monday.month)}-${pad(monday.day)}`,
    start: resolveLocal({ ...monday, hour: 0, minute: 0 }, zone),
    end: resolveLocal({ ...next, hour: 0, minute: 0 }, zone),
  };
}

/** The Monday (local) of the week holding `instant`. */
function mondayOf(instant: number, zone: string): LocalDate {
  const date = localDateOf(instant, zone);
  const weekday = (new Date(utcOf(date.year, date.month, date.day)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The `count` complete weeks before the week holding `at`, oldest first. */
export function completeWeeksBefore(at: number, count: number, zone: string): Week[] {
  const current = mondayOf(at, zone);
  return Array.from({ length: count }, (_, index) => weekOf(addDays(current, -7 * (count - index)), zone));
}

/** The week of `weeks` an instant falls in, or undefined outside them. */
export function weekIndexOf(weeks: Week[], instant: number): number | undefined {
  const index = weeks.findIndex((week) => instant >= week.start && instant < week.end);
  return index < 0 ? undefined : index;
}
