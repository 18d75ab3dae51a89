/**
 * The grammar of a runbook's schedule text ("every Sunday 02:00", "first Saturday 23:00", "quarterly, first Monday"):
 * in core so that the policy file is checked once, when it is loaded, and the runbooks read it the same way.
 */
export type Cadence = "daily" | "weekly" | "monthly" | "quarterly" | "yearly";

export interface Schedule {
  cadence: Cadence;
  /** ISO weekday 1 (Monday) ... 7 (Sunday); undefined for daily. */
  weekday?: number;
  /** Which of that weekday in the month: 1..4, or -1 for the last; monthly, quarterly and yearly only. */
  ordinal?: number;
  hour: number;
  minute: number;
}

export const SCHEDULE_FORMAT =
  'a schedule such as "every day 06:00", "every Sunday 02:00", "first Saturday 23:00", "last Friday 16:00", "quarterly, first Monday" or "yearly, first Monday 09:00"';

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
export const ORDINALS: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, last: -1 };

function weekdayNamed(word: string): number | undefined {
  // "sundays" reads as sunday, "sun" and "tues" as their day.
  const name = word.endsWith("s") && WEEKDAYS.includes(word.slice(0, -1)) ? word.slice(0, -1) : word;
  const index = WEEKDAYS.findIndex((day) => day === name || (name.length >= 3 && day.startsWith(name)));
  return index >= 0 ? index + 1 : undefined;
}

function clockOf(word: string | undefined): { hour: number; minute: number } | undefined {
  if (word === undefined) return { hour: 0, minute: 0 };
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(word);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** The schedule a text describes, or undefined when it is not one (the caller names where it came from). */
export function parseSchedule(text: string): Schedule | undefined {
  const words = text.trim().toLowerCase().replace(/,/g, " ").split(/\s+/).filter((word) => word !== "" && word !== "at" && word !== "on" && word !== "the");
  let cadence: Cadence | undefined;
  const head = words[0];
  if (head === "daily" || head === "weekly" || head === "monthly" || head === "quarterly" || head === "yearly") {
    cadence = head;
    words.shift();
  } else if (head === "every") words.shift();
  if (words[0] === "day" && (cadence === undefined || cadence === "daily")) {
    words.shift();
    cadence = "daily";
  }
  if (cadence === "daily") {
    const clock = words.length <= 1 ? clockOf(words[0]) : undefined;
    return clock ? { cadence: "daily", ...clock } : undefined;
  }
  const ordinal = words[0] !== undefined ? ORDINALS[words[0]] : undefined;
  if (ordinal !== undefined) words.shift();
  const weekday = words[0] !== undefined ? weekdayNamed(words[0]) : undefined;
  if (weekday === undefined || words.length > 2) return undefined;
  const clock = clockOf(words[1]);
  if (!clock) return undefined;
  if (ordinal === undefined) {
    if (cadence !== undefined && cadence !== "weekly") return undefined;
    return { cadence: "weekly", weekday, ...clock };
  }
  if (cadence === "weekly") return undefined;
  return { cadence: cadence ?? "monthly", weekday, ordinal, ...clock };
}
