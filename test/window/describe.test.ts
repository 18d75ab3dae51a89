import { describe, expect, it } from "vitest";
import { formatDuration, formatInstant } from "../../src/window/describe.ts";

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [400, "0 s"],
    [59 * S, "59 s"],
    [60 * S, "1 min"],
    [45 * MIN + 20 * S, "45 min"],
    [3 * H + 5 * MIN, "3 h 5 min"],
    [2 * H, "2 h"],
    [2 * D + 14 * H, "2 d 14 h"],
    [2 * D + 14 * H - 1 * S, "2 d 14 h"],
    [2 * D + 13 * H + 20 * MIN, "2 d 13 h"],
    [3 * D, "3 d"],
  ])("%i ms -> %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatInstant", () => {
  const now = Date.parse("2026-11-21T19:00:00Z");
  it.each([
    ["2026-11-24T09:00:00Z", "Europe/Paris", "Tue 24 Nov 10:00 CET"],
    ["2026-07-14T08:00:00Z", "Europe/Paris", "Tue 14 Jul 10:00 CEST"],
    ["2027-01-05T09:00:00Z", "Europe/Paris", "Tue 5 Jan 2027 10:00 CET"],
    ["2026-11-24T15:00:00Z", "America/New_York", "Tue 24 Nov 10:00 EST"],
    ["2026-11-23T03:30:00Z", "Asia/Kolkata", "Mon 23 Nov 09:00 GMT+5:30"],
    ["2026-11-23T03:30:00Z", "UTC", "Mon 23 Nov 03:30 UTC"],
  ])("%s in %s -> %s", (iso, zone, text) => {
    expect(formatInstant(Date.parse(iso), zone, now)).toBe(text);
  });
});
