/**
 * When a runbook falls due: its schedule text ("every Sunday 02:00", "first Saturday 23:00", "quarterly, first
 * Monday") and the occurrences it gives in a time zone. Pure: text and instants in, data out.
 *
 * Start and end are wall times in the zone, read as Temporal's "compatible" does (core/zone.ts): a start in the
 * spring-forward gap moves forward by the gap, a start in the repeated hour of the fall-back means its first
 * occurrence. So "Sunday 02:00-04:00" ends at 04:00 local on the days of a change too, one hour shorter or longer.
 */
import { resolveLocal, type LocalDate, type LocalDateTime } from "../core/zone.ts";
import { addDays, daysInMonth, localOf, weekdayOf } from "../window/local-time.ts";
import { ORDINALS, WEEKDAYS, type Schedule } from "../core/schedule.ts";

export interface Occurrence {
  /** Stable key of the occurrence: its local start date, e.g. 2026-12-06. */
  key: string;
  start: number;
  /** The end of the window: start plus the duration, in wall time. */
  end: number;
  /** When the checklist is overdue: start plus `due`, in wall time. */
  due: number;
}

/** The months a quarterly or yearly schedule falls in. */
const MONTHS_OF: Record<"monthly" | "quarterly" | "yearly", number[]> = { monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], quarterly: [1, 4, 7, 10], yearly: [1] };

/** The schedule in words, as the issue shows it. */
export function describeSchedule(schedule: Schedule): string {
  const clock = `${String(schedule.hour).padStart(2, "0")}:${String(schedule.minute).padStart(2, "0")}`;
  if (schedule.cadence === "daily") return `every day at ${clock}`;
  const day = WEEKDAYS[(schedule.weekday ?? 1) - 1]!;
  const dayName = day[0]!.toUpperCase() + day.slice(1);
  if (schedule.cadence === "weekly") return `every ${dayName} at ${clock}`;
  const ordinal = Object.entries(ORDINALS).find(([word, value]) => value === schedule.ordinal && !/\d/.test(word))?.[0] ?? "first";
  const period = { monthly: "month", quarterly: "quarter (January, April, July, October)", yearly: "year (January)" }[schedule.cadence];
  return `the ${ordinal} ${dayName} of every ${period} at ${clock}`;
}

/** The day in a month that is the schedule's ordinal weekday. */
function nthWeekday(year: number, month: number, weekday: number, ordinal: number): LocalDate {
  if (ordinal > 0) {
    const first: LocalDate = { year, month, day: 1 };
    return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + (ordinal - 1) * 7);
  }
  const last: LocalDate = { year, month, day: daysInMonth({ year, month, day: 1 }) };
  return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
}

/** The local start dates of the schedule from `from` on (inclusive), in order; `count` of them. */
function datesFrom(schedule: Schedule, from: LocalDate, count: number): LocalDate[] {
  const dates: LocalDate[] = [];
  if (schedule.cadence === "daily" || schedule.cadence === "weekly") {
    const step = schedule.cadence === "daily" ? 1 : 7;
    let date = schedule.cadence === "daily" ? from : addDays(from, (schedule.weekday! - weekdayOf(from) + 7) % 7);
    for (let index = 0; index < count; index++, date = addDays(date, step)) dates.push(date);
    return dates;
  }
  const months = MONTHS_OF[schedule.cadence];
  // At most 12 months a year, so count + 1 years hold count dates whatever the month of `from`.
  for (let year = from.year; dates.length < count && year <= from.year + count + 1; year++) {
    for (const month of months) {
      const date = nthWeekday(year, month, schedule.weekday!, schedule.ordinal!);
      if (dates.length < count && compareDates(date, from) >= 0) dates.push(date);
    }
  }
  return dates;
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function plusWallMinutes(wall: LocalDateTime, minutes: number): LocalDateTime {
  const total = wall.hour * 60 + wall.minute + minutes;
  const days = Math.floor(total / 1440);
  const date = addDays(wall, days);
  const rest = total - days * 1440;
  return { ...date, hour: Math.floor(rest / 60), minute: rest % 60 };
}

function occurrenceOn(schedule: Schedule, date: LocalDate, zone: string, durationMinutes: number, dueMinutes: number): Occurrence {
  const wall: LocalDateTime = { ...date, hour: schedule.hour, minute: schedule.minute };
  const key = `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
  return { key, start: resolveLocal(wall, zone), end: resolveLocal(plusWallMinutes(wall, durationMinutes), zone), due: resolveLocal(plusWallMinutes(wall, dueMinutes), zone) };
}

/** How far back the latest occurrence is looked for: a year and a quarter holds one of every cadence. */
const LOOKBACK_DAYS = 400;

/**
 * The occurrence in progress or last begun at `now` (the latest whose start is not after now), and the one before
 * it; undefined when none began in the last 400 days (a schedule always has one).
 */
export function currentOccurrence(
  schedule: Schedule,
  zone: string,
  now: number,
  window: { durationMinutes: number; dueMinutes: number },
): { current: Occurrence; previous: Occurrence | undefined } | undefined {
  const today = localOf(now, zone);
  const from = addDays(today, -LOOKBACK_DAYS);
  const perYear = { daily: 366, weekly: 53, monthly: 12, quarterly: 4, yearly: 1 }[schedule.cadence];
  // Enough dates to pass today (400 days ahead of `from`) plus one for a start later today.
  const count = Math.ceil(((LOOKBACK_DAYS + 2) * perYear) / 365) + 2;
  const occurrences = datesFrom(schedule, from, count).map((date) => occurrenceOn(schedule, date, zone, window.durationMinutes, window.dueMinutes));
  let index = -1;
  for (let at = 0; at < occurrences.length; at++) if (occurrences[at]!.start <= now) index = at;
  if (index < 0) return undefined;
  return { current: occurrences[index]!, previous: occurrences[index - 1] };
}

/** The next occurrence that starts after `now`. */
export function nextOccurrence(schedule: Schedule, zone: string, now: number, window: { durationMinutes: number; dueMinutes: number }): Occurrence | undefined {
  const today = localOf(now, zone);
  return datesFrom(schedule, addDays(today, -1), 800)
    .map((date) => occurrenceOn(schedule, date, zone, window.durationMinutes, window.dueMinutes))
    .find((occurrence) => occurrence.start > now);
}
