import type { FreezeSpec, Weekday, WindowSpec } from "../policy/types.ts";
import { parseClock, parseInstant } from "../core/instant.ts";
import { resolveLocal, type LocalDate } from "../core/zone.ts";
import { addDays, daysInMonth, localOf, weekdayOf } from "./local-time.ts";

/** A half-open interval of instants [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

export interface Occurrence extends Interval {
  /** Index of the window in its list: the first listed wins when several are open. */
  index: number;
}

export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Whether a date is the n-th (or, negative, the n-th last) of its weekday in its month. */
function inWeeks(date: LocalDate, weeks: number[]): boolean {
  const fromStart = Math.floor((date.day - 1) / 7) + 1;
  const fromEnd = -(Math.floor((daysInMonth(date) - date.day) / 7) + 1);
  return weeks.includes(fromStart) || weeks.includes(fromEnd);
}

/**
 * The occurrences of a window that start on local dates from `first` to `last` (inclusive), each resolved with
 * the offset of its own day. An occurrence whose end resolves to or before its start (a window shorter than the
 * DST gap it falls into) is empty and left out.
 */
export function occurrencesOf(window: WindowSpec, index: number, zone: string, first: LocalDate, last: LocalDate): Occurrence[] {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (!start || !end) return [];
  const days = new Set(window.days.map((day) => WEEKDAYS.indexOf(day) + 1));
  const nextDay = end.hour * 60 + end.minute <= start.hour * 60 + start.minute;
  const occurrences: Occurrence[] = [];
  for (let date = first; compareDates(date, last) <= 0; date = addDays(date, 1)) {
    if (!days.has(weekdayOf(date))) continue;
    if (window.weeks && window.weeks.length > 0 && !inWeeks(date, window.weeks)) continue;
    const endDate = nextDay ? addDays(date, 1) : date;
    const from = resolveLocal({ ...date, ...start }, zone);
    const to = resolveLocal({ ...endDate, ...end }, zone);
    if (to > from) occurrences.push({ start: from, end: to, index });
  }
  return occurrences;
}

export function freezeInterval(freeze: FreezeSpec, zone: string): Interval | undefined {
  const start = parseInstant(freeze.from, freeze.timezone ?? zone);
  const end = parseInstant(freeze.to, freeze.timezone ?? zone);
  return start !== undefined && end !== undefined && end > start ? { start, end } : undefined;
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The local date of an instant in a zone. */
export function dateOf(instant: number, zone: string): LocalDate {
  const { year, month, day } = localOf(instant, zone);
  return { year, month, day };
}

/** Sorted, merged union of intervals: adjacent or overlapping intervals become one. */
export function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ start: interval.start, end: interval.end });
  }
  return merged;
}

/** The parts of sorted disjoint `kept` that no interval of sorted disjoint `removed` covers. */
export function subtract(kept: Interval[], removed: Interval[]): Interval[] {
  const result: Interval[] = [];
  for (const interval of kept) {
    let cursor = interval.start;
    for (const cut of removed) {
      if (cut.end <= cursor || cut.start >= interval.end) continue;
      if (cut.start > cursor) result.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      if (cursor >= interval.end) break;
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}
