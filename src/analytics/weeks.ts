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

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const MOMENT = /^(mon|tue|wed|thu|fri|sat|sun) ([01][0-9]|2[0-3]):([0-5][0-9])$/;
export const WEEK_MOMENT_FORMAT = 'a weekday and local time such as "mon 09:00"';

/** Minutes since Monday 00:00 of a weekly moment "mon 09:00", or undefined when the text is not one. */
export function parseWeekMoment(text: string): number | undefined {
  const match = MOMENT.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  return WEEKDAYS.indexOf(match[1] as (typeof WEEKDAYS)[number]) * 1440 + Number(match[2]) * 60 + Number(match[3]);
}

/** Local minutes since Monday 00:00 of the week holding `instant` (wall-clock, so 09:00 is 09:00 across a DST change). */
export function minutesIntoWeek(instant: number, zone: string): number {
  const wall = new Date(instant + offsetMinutes(zone, instant) * 60_000);
  return ((wall.getUTCDay() + 6) % 7) * 1440 + wall.getUTCHours() * 60 + wall.getUTCMinutes();
}
