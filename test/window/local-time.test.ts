import { describe, expect, it } from "vitest";
import { offsetMinutes, resolveLocal, type LocalDateTime } from "../../src/core/zone.ts";
import { localOf } from "../../src/window/local-time.ts";

const wall = (text: string): LocalDateTime => {
  const [date, time] = text.split("T") as [string, string];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return { year, month, day, hour, minute };
};

// Expected instants follow Temporal's "compatible" disambiguation: a gap moves the time forward by the gap,
// a repeated time means the first (earlier) instant.
const cases: { zone: string; local: string; instant: string; why: string }[] = [
  { zone: "Europe/Paris", local: "2026-01-15T10:00", instant: "2026-01-15T10:00+01:00", why: "winter time" },
  { zone: "Europe/Paris", local: "2026-07-15T10:00", instant: "2026-07-15T10:00+02:00", why: "summer time" },
  { zone: "Europe/Paris", local: "2026-03-29T02:00", instant: "2026-03-29T03:00+02:00", why: "start of the gap" },
  { zone: "Europe/Paris", local: "2026-03-29T02:30", instant: "2026-03-29T03:30+02:00", why: "inside the gap" },
  { zone: "Europe/Paris", local: "2026-03-29T03:00", instant: "2026-03-29T03:00+02:00", why: "just after the gap" },
  { zone: "Europe/Paris", local: "2026-10-25T02:30", instant: "2026-10-25T02:30+02:00", why: "repeated hour: first occurrence" },
  { zone: "Europe/Paris", local: "2026-10-25T02:00", instant: "2026-10-25T02:00+02:00", why: "start of the repeated hour" },
  { zone: "Europe/Paris", local: "2026-10-25T03:00", instant: "2026-10-25T03:00+01:00", why: "after the repeated hour" },
  { zone: "America/New_York", local: "2026-03-08T02:30", instant: "2026-03-08T03:30-04:00", why: "gap" },
  { zone: "America/New_York", local: "2026-11-01T01:30", instant: "2026-11-01T01:30-04:00", why: "repeated hour: first occurrence (EDT)" },
  { zone: "America/New_York", local: "2026-11-01T01:00", instant: "2026-11-01T01:00-04:00", why: "start of the repeated hour" },
  { zone: "America/New_York", local: "2026-11-01T02:00", instant: "2026-11-01T02:00-05:00", why: "after the repeated hour" },
  { zone: "Australia/Lord_Howe", local: "2026-10-04T02:15", instant: "2026-10-04T02:45+11:00", why: "30-minute gap" },
  { zone: "Australia/Lord_Howe", local: "2026-04-05T01:45", instant: "2026-04-05T01:45+11:00", why: "30-minute repeat: first occurrence" },
  { zone: "Asia/Kolkata", local: "2026-11-23T09:00", instant: "2026-11-23T09:00+05:30", why: "half-hour offset" },
];

describe("resolveLocal", () => {
  it.each(cases)("$zone $local -> $instant ($why)", ({ zone, local, instant }) => {
    expect(new Date(resolveLocal(wall(local), zone)).toISOString()).toBe(new Date(instant).toISOString());
  });
});

describe("UTC without Intl", () => {
  // "Etc/UTC" is the same zone read through Intl, as "UTC" was before it skipped Intl.
  const instants = [Date.UTC(1500, 5, 1), Date.UTC(1582, 9, 20), Date.UTC(1583, 0, 1) - 1, Date.UTC(1583, 0, 1), Date.UTC(2026, 11, 2, 7, 0, 59, 999), Date.UTC(9999, 11, 31, 23, 59), 8.64e15 - 146_097 * 86_400_000, 8.64e15 - 146_097 * 86_400_000 + 1, 8.64e15];
  it("gives the offsets and wall times that Intl gives for the same zone", () => {
    for (const instant of instants) {
      expect(offsetMinutes("UTC", instant), new Date(instant).toISOString()).toBe(offsetMinutes("Etc/UTC", instant));
      expect(localOf(instant, "UTC"), new Date(instant).toISOString()).toEqual(localOf(instant, "Etc/UTC"));
    }
  });
});
