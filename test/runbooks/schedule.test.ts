/** Runbook schedules: the grammar, and occurrences in a zone across DST changes both ways. */
import { describe, expect, it } from "vitest";
import { parseSchedule } from "../../src/core/schedule.ts";
import { currentOccurrence, describeSchedule, nextOccurrence } from "../../src/runbooks/schedule.ts";

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe("schedule grammar", () => {
  it.each([
    ["every Sunday 02:00", { cadence: "weekly", weekday: 7, hour: 2, minute: 0 }],
    ["every sun at 2:30", { cadence: "weekly", weekday: 7, hour: 2, minute: 30 }],
    ["weekly, Tuesdays 10:00", { cadence: "weekly", weekday: 2, hour: 10, minute: 0 }],
    ["every day 06:15", { cadence: "daily", hour: 6, minute: 15 }],
    ["first Saturday 23:00", { cadence: "monthly", weekday: 6, ordinal: 1, hour: 23, minute: 0 }],
    ["monthly, last Friday 16:00", { cadence: "monthly", weekday: 5, ordinal: -1, hour: 16, minute: 0 }],
    ["quarterly, first Monday", { cadence: "quarterly", weekday: 1, ordinal: 1, hour: 0, minute: 0 }],
    ["yearly, second Wednesday 09:00", { cadence: "yearly", weekday: 3, ordinal: 2, hour: 9, minute: 0 }],
  ])("%s", (text, expected) => {
    expect(parseSchedule(text)).toEqual(expected);
  });

  it.each(["", "every", "every Sunday 25:00", "fifth Monday", "weekly, first Monday", "quarterly Sunday 02:00", "every Funday 02:00", "daily Monday", "every Sunday 02:00 03:00"])("refuses %j", (text) => {
    expect(parseSchedule(text)).toBeUndefined();
  });

  it("describes a schedule in words", () => {
    expect(describeSchedule(parseSchedule("quarterly, first Monday")!)).toBe("the first Monday of every quarter (January, April, July, October) at 00:00");
    expect(describeSchedule(parseSchedule("every Sunday 02:00")!)).toBe("every Sunday at 02:00");
  });
});

describe("occurrences", () => {
  const twoHours = { durationMinutes: 120, dueMinutes: 120 };

  it("finds the weekly occurrence in progress and the one before it", () => {
    const found = currentOccurrence(parseSchedule("every Sunday 02:00")!, "Europe/Paris", at("2026-12-06T01:30:00Z"), twoHours)!;
    // 02:00 in Paris in December is 01:00 UTC.
    expect([found.current.key, iso(found.current.start), iso(found.current.end)]).toEqual(["2026-12-06", "2026-12-06T01:00:00.000Z", "2026-12-06T03:00:00.000Z"]);
    expect(found.previous?.key).toBe("2026-11-29");
  });

  it("starts in the spring-forward gap an hour late and ends at the local end of the window", () => {
    // Paris skips 02:00-03:00 on Sunday 28 March 2027: the window is 03:00-04:00 CEST, one hour long.
    const found = currentOccurrence(parseSchedule("every Sunday 02:00")!, "Europe/Paris", at("2027-03-28T01:30:00Z"), twoHours)!;
    expect([found.current.key, iso(found.current.start), iso(found.current.end)]).toEqual(["2027-03-28", "2027-03-28T01:00:00.000Z", "2027-03-28T02:00:00.000Z"]);
  });

  it("starts at the first of the repeated hour of the fall-back and lasts three hours", () => {
    // Paris repeats 02:00-03:00 on Sunday 31 October 2027: 02:00 CEST is 00:00 UTC, 04:00 CET is 03:00 UTC.
    const found = currentOccurrence(parseSchedule("every Sunday 02:00")!, "Europe/Paris", at("2027-10-31T02:00:00Z"), twoHours)!;
    expect([iso(found.current.start), iso(found.current.end)]).toEqual(["2027-10-31T00:00:00.000Z", "2027-10-31T03:00:00.000Z"]);
  });

  it("keeps the local hour across a change between two occurrences (New York, March 2027)", () => {
    const schedule = parseSchedule("every Monday 09:00")!;
    const before = currentOccurrence(schedule, "America/New_York", at("2027-03-08T20:00:00Z"), twoHours)!;
    const after = currentOccurrence(schedule, "America/New_York", at("2027-03-15T20:00:00Z"), twoHours)!;
    expect([iso(before.current.start), iso(after.current.start)]).toEqual(["2027-03-08T14:00:00.000Z", "2027-03-15T13:00:00.000Z"]);
  });

  it("a monthly window that crosses midnight ends the next day", () => {
    const found = currentOccurrence(parseSchedule("first Saturday 23:00")!, "Europe/Paris", at("2026-12-06T00:30:00Z"), { durationMinutes: 180, dueMinutes: 180 })!;
    expect([found.current.key, iso(found.current.start), iso(found.current.end)]).toEqual(["2026-12-05", "2026-12-05T22:00:00.000Z", "2026-12-06T01:00:00.000Z"]);
    expect(found.previous?.key).toBe("2026-11-07");
  });

  it("quarterly falls on the first Monday of January, April, July and October", () => {
    const schedule = parseSchedule("quarterly, first Monday 09:00")!;
    const found = currentOccurrence(schedule, "UTC", at("2026-12-02T12:00:00Z"), twoHours)!;
    expect([found.current.key, found.previous?.key]).toEqual(["2026-10-05", "2026-07-06"]);
    expect(nextOccurrence(schedule, "UTC", at("2026-12-02T12:00:00Z"), twoHours)?.key).toBe("2027-01-04");
  });

  it("the last Friday of a month", () => {
    const found = currentOccurrence(parseSchedule("last Friday 16:00")!, "UTC", at("2027-01-31T00:00:00Z"), twoHours)!;
    expect(found.current.key).toBe("2027-01-29");
  });

  it("before today's start the occurrence is yesterday's (daily)", () => {
    const found = currentOccurrence(parseSchedule("every day 06:00")!, "Asia/Tokyo", at("2026-12-02T20:00:00Z"), twoHours)!;
    // 20:00 UTC is 05:00 on 3 December in Tokyo: the 06:00 of the 3rd has not begun.
    expect(found.current.key).toBe("2026-12-02");
  });
});
