import { describe, expect, it } from "vitest";
import type { FreezeSpec, WindowSpec, WindowsPolicy } from "../../src/policy/types.ts";
import { evaluateWindow, evaluateWindowDetail, type WindowKind, type WindowVerdict } from "../../src/window/evaluate.ts";
import { verdictLine } from "../../src/window/describe.ts";

function policy(parts: { timezone?: string; deploy?: WindowSpec[]; maintenance?: WindowSpec[]; freezes?: FreezeSpec[] }): WindowsPolicy {
  return {
    timezone: parts.timezone ?? "Europe/Paris",
    deploy: parts.deploy ?? [],
    maintenance: parts.maintenance ?? [],
    freezes: parts.freezes ?? [],
    wait: "0",
    override: { enabled: true, label: "deploy-override", comment: false, "disabled-environments": [] },
  };
}

const offPeak: WindowSpec = { name: "off-peak", days: ["tue", "wed"], start: "10:00", end: "12:00" };
const weekly: WindowSpec = { name: "weekly", days: ["sun"], start: "02:00", end: "04:00" };
const monthly: WindowSpec = { name: "monthly", days: ["sat"], weeks: [1], start: "23:00", end: "02:00" };
const yearEnd: FreezeSpec = { name: "year-end", from: "2026-12-19T00:00", to: "2027-01-04T00:00" };
const procedure = policy({ deploy: [offPeak], maintenance: [weekly, monthly], freezes: [yearEnd] });

/** An instant given with its offset, shifted by `ms` (for the ±1 ms cases). */
const at = (iso: string, ms = 0) => new Date(new Date(iso).getTime() + ms);
const open = (window: string, closesAt: string | null): Partial<WindowVerdict> => ({ open: true, window, closesAt, nextOpen: null });
const closed = (nextOpen: string | null): Partial<WindowVerdict> => ({ open: false, window: null, closesAt: null, nextOpen });

interface Case {
  name: string;
  policy: WindowsPolicy;
  kind?: WindowKind;
  now: Date;
  expected: Partial<WindowVerdict>;
}

const cases: Case[] = [
  // The procedure's deploy window, boundaries and 1 ms around them (Tue 24 Nov 2026, CET).
  { name: "Saturday evening: closed until Tuesday", policy: procedure, now: at("2026-11-21T20:00+01:00"), expected: closed("2026-11-24T10:00:00+01:00") },
  { name: "1 ms before the start", policy: procedure, now: at("2026-11-24T10:00+01:00", -1), expected: closed("2026-11-24T10:00:00+01:00") },
  { name: "exactly the start (inclusive)", policy: procedure, now: at("2026-11-24T10:00+01:00"), expected: open("off-peak", "2026-11-24T12:00:00+01:00") },
  { name: "1 ms after the start", policy: procedure, now: at("2026-11-24T10:00+01:00", 1), expected: open("off-peak", "2026-11-24T12:00:00+01:00") },
  { name: "1 ms before the end", policy: procedure, now: at("2026-11-24T12:00+01:00", -1), expected: open("off-peak", "2026-11-24T12:00:00+01:00") },
  { name: "exactly the end (exclusive): next is Wednesday", policy: procedure, now: at("2026-11-24T12:00+01:00"), expected: closed("2026-11-25T10:00:00+01:00") },
  { name: "Wednesday in summer time follows its own offset", policy: procedure, now: at("2026-07-15T10:30+02:00"), expected: open("off-peak", "2026-07-15T12:00:00+02:00") },

  // Paris DST: weekly maintenance on the Sunday of each change.
  { name: "Paris spring: 02:00 is in the gap, the window opens at 03:00 CEST", policy: procedure, kind: "maintenance", now: at("2026-03-29T01:59+01:00"), expected: closed("2026-03-29T03:00:00+02:00") },
  { name: "Paris spring: open from 03:00 to 04:00 CEST", policy: procedure, kind: "maintenance", now: at("2026-03-29T03:00+02:00"), expected: open("weekly", "2026-03-29T04:00:00+02:00") },
  { name: "Paris autumn: opens at the first 02:00 (CEST)", policy: procedure, kind: "maintenance", now: at("2026-10-25T02:00+02:00", -1), expected: closed("2026-10-25T02:00:00+02:00") },
  { name: "Paris autumn: still open in the repeated 02:30 CET, three real hours", policy: procedure, kind: "maintenance", now: at("2026-10-25T02:30+01:00"), expected: open("weekly", "2026-10-25T04:00:00+01:00") },

  // First Saturday 23:00-02:00 crosses midnight and touches the weekly Sunday window at 02:00: they merge.
  { name: "first Saturday of December is the 5th", policy: policy({ maintenance: [monthly] }), kind: "maintenance", now: at("2026-11-21T20:00+01:00"), expected: closed("2026-12-05T23:00:00+01:00") },
  { name: "monthly open before midnight, merged with weekly", policy: procedure, kind: "maintenance", now: at("2026-12-05T23:00+01:00"), expected: open("monthly", "2026-12-06T04:00:00+01:00") },
  { name: "monthly open after midnight", policy: procedure, kind: "maintenance", now: at("2026-12-06T01:59+01:00"), expected: open("monthly", "2026-12-06T04:00:00+01:00") },
  { name: "at 02:00 the adjacent weekly window is the open one", policy: procedure, kind: "maintenance", now: at("2026-12-06T02:00+01:00"), expected: open("weekly", "2026-12-06T04:00:00+01:00") },
  { name: "alone, monthly ends at 02:00 the next day", policy: policy({ maintenance: [monthly] }), kind: "maintenance", now: at("2026-12-06T01:59+01:00"), expected: open("monthly", "2026-12-06T02:00:00+01:00") },
  { name: "the third Saturday is not the first", policy: policy({ maintenance: [monthly] }), kind: "maintenance", now: at("2026-11-21T23:30+01:00"), expected: closed("2026-12-05T23:00:00+01:00") },
  { name: "last Saturday (-1)", policy: policy({ maintenance: [{ ...monthly, weeks: [-1] }] }), kind: "maintenance", now: at("2026-11-21T20:00+01:00"), expected: closed("2026-11-28T23:00:00+01:00") },
  { name: "fifth Saturday exists only in some months (Aug 2026: 1..29)", policy: policy({ timezone: "UTC", maintenance: [{ name: "fifth", days: ["sat"], weeks: [5], start: "10:00", end: "11:00" }] }), kind: "maintenance", now: at("2026-08-02T00:00Z"), expected: closed("2026-08-29T10:00:00+00:00") },
  { name: "fifth-last Saturday is the first of a five-Saturday month", policy: policy({ timezone: "UTC", maintenance: [{ name: "fifth-last", days: ["sat"], weeks: [-5], start: "10:00", end: "11:00" }] }), kind: "maintenance", now: at("2026-07-20T00:00Z"), expected: closed("2026-08-01T10:00:00+00:00") },

  // New York DST.
  { name: "NY autumn: 01:30 means its first occurrence (EDT), 02:30 is EST: two real hours", policy: policy({ timezone: "America/New_York", deploy: [{ name: "night", days: ["sun"], start: "01:30", end: "02:30" }] }), now: at("2026-11-01T01:30-04:00"), expected: open("night", "2026-11-01T02:30:00-05:00") },
  { name: "NY autumn: open in the second 01:45", policy: policy({ timezone: "America/New_York", deploy: [{ name: "night", days: ["sun"], start: "01:30", end: "02:30" }] }), now: at("2026-11-01T01:45-05:00"), expected: open("night", "2026-11-01T02:30:00-05:00") },
  { name: "NY spring: a window entirely inside the gap is empty that day", policy: policy({ timezone: "America/New_York", deploy: [{ name: "gap", days: ["sun"], start: "02:30", end: "03:00" }] }), now: at("2026-03-08T01:00-05:00"), expected: closed("2026-03-15T02:30:00-04:00") },
  { name: "NY spring: window crossing midnight into the gap day lasts 3 real hours", policy: policy({ timezone: "America/New_York", deploy: [{ name: "late", days: ["sat"], start: "23:00", end: "03:00" }] }), now: at("2026-03-07T23:00-05:00"), expected: open("late", "2026-03-08T03:00:00-04:00") },
  { name: "NY: each Saturday at 10:00 local, before and after the change", policy: policy({ timezone: "America/New_York", deploy: [{ name: "sat", days: ["sat"], start: "10:00", end: "11:00" }] }), now: at("2026-03-07T11:00-05:00"), expected: closed("2026-03-14T10:00:00-04:00") },

  // Half-hour offsets and a window's own zone.
  { name: "Kolkata window, 1 ms before", policy: policy({ timezone: "Asia/Kolkata", deploy: [{ name: "ist", days: ["mon"], start: "09:00", end: "09:30" }] }), now: at("2026-11-23T09:00+05:30", -1), expected: closed("2026-11-23T09:00:00+05:30") },
  { name: "Kolkata window in a UTC policy prints UTC", policy: policy({ timezone: "UTC", deploy: [{ name: "ist", days: ["mon"], start: "09:00", end: "09:30", timezone: "Asia/Kolkata" }] }), now: at("2026-11-23T03:30Z"), expected: open("ist", "2026-11-23T04:00:00+00:00") },
  { name: "a New York window in a Paris policy", policy: policy({ deploy: [{ ...offPeak, name: "ny", timezone: "America/New_York" }] }), now: at("2026-11-21T20:00+01:00"), expected: closed("2026-11-24T16:00:00+01:00") },

  // Freezes.
  { name: "open a week before the freeze", policy: procedure, now: at("2026-12-15T10:30+01:00"), expected: open("off-peak", "2026-12-15T12:00:00+01:00") },
  { name: "the freeze closes Tuesday windows across the year end", policy: procedure, now: at("2026-12-22T10:30+01:00"), expected: closed("2027-01-05T10:00:00+01:00") },
  { name: "a freeze starting inside a window cuts it", policy: policy({ deploy: [offPeak], freezes: [{ name: "cut", from: "2026-11-24T11:00", to: "2026-11-25T00:00" }] }), now: at("2026-11-24T10:30+01:00"), expected: open("off-peak", "2026-11-24T11:00:00+01:00") },
  { name: "a freeze ending inside a window opens it at the freeze's end", policy: policy({ deploy: [offPeak], freezes: [{ name: "cut", from: "2026-11-23T00:00", to: "2026-11-24T11:00" }] }), now: at("2026-11-24T10:30+01:00"), expected: closed("2026-11-24T11:00:00+01:00") },
  { name: "no windows of the kind, 1 ms before the freeze", policy: policy({ freezes: [yearEnd] }), now: at("2026-12-19T00:00+01:00", -1), expected: { open: true, window: null, closesAt: "2026-12-19T00:00:00+01:00", nextOpen: null } },
  { name: "no windows of the kind, exactly at the freeze start", policy: policy({ freezes: [yearEnd] }), now: at("2026-12-19T00:00+01:00"), expected: closed("2027-01-04T00:00:00+01:00") },
  { name: "no windows of the kind, 1 ms before the freeze ends", policy: policy({ freezes: [yearEnd] }), now: at("2027-01-04T00:00+01:00", -1), expected: closed("2027-01-04T00:00:00+01:00") },
  { name: "no windows of the kind, exactly at the freeze end", policy: policy({ freezes: [yearEnd] }), now: at("2027-01-04T00:00+01:00"), expected: { open: true, window: null, closesAt: null, nextOpen: null } },
  { name: "a freeze with its own zone and an instant with an offset", policy: policy({ deploy: [offPeak], freezes: [{ name: "ny", from: "2026-11-24T04:30", to: "2026-11-24T11:00:00+01:00", timezone: "America/New_York" }] }), now: at("2026-11-24T10:00+01:00"), expected: open("off-peak", "2026-11-24T10:30:00+01:00") },

  // Overlaps, and the 400-day horizon.
  { name: "overlapping windows: the first listed names it, the union closes it", policy: policy({ deploy: [{ name: "late", days: ["tue"], start: "10:00", end: "12:00" }, { name: "early", days: ["tue"], start: "09:00", end: "11:00" }] }), now: at("2026-11-24T10:30+01:00"), expected: open("late", "2026-11-24T12:00:00+01:00") },
  { name: "overlapping windows: before the later one starts", policy: policy({ deploy: [{ name: "late", days: ["tue"], start: "10:00", end: "12:00" }, { name: "early", days: ["tue"], start: "09:00", end: "11:00" }] }), now: at("2026-11-24T09:30+01:00"), expected: open("early", "2026-11-24T12:00:00+01:00") },
  { name: "every day all day never closes", policy: policy({ deploy: [{ name: "always", days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "00:00", end: "00:00" }] }), now: at("2026-11-24T10:30+01:00"), expected: open("always", null) },
  { name: "an opening four weeks ahead (beyond the first search pass)", policy: policy({ maintenance: [monthly] }), kind: "maintenance", now: at("2026-11-08T02:00+01:00"), expected: closed("2026-12-05T23:00:00+01:00") },
  { name: "open for four weeks until a freeze (beyond the first search pass)", policy: policy({ deploy: [{ name: "always", days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "00:00", end: "00:00" }], freezes: [yearEnd] }), now: at("2026-11-21T12:00+01:00"), expected: open("always", "2026-12-19T00:00:00+01:00") },
  { name: "a freeze longer than the horizon: no opening", policy: policy({ deploy: [offPeak], freezes: [{ name: "long", from: "2026-01-01", to: "2028-06-01" }] }), now: at("2026-11-24T10:30+01:00"), expected: closed(null) },
  { name: "an opening 399 days ahead is found", policy: policy({ deploy: [offPeak], freezes: [{ name: "long", from: "2026-01-01", to: "2027-12-29T00:00" }] }), now: at("2026-11-24T10:30+01:00"), expected: closed("2027-12-29T10:00:00+01:00") },
];

describe("evaluateWindow", () => {
  it.each(cases)("$name", ({ policy: p, kind, now, expected }) => {
    expect(evaluateWindow(p, { now, kind: kind ?? "deploy" })).toMatchObject(expected);
  });

  it("names the freeze or the windows in its reason", () => {
    expect(evaluateWindow(procedure, { now: at("2026-12-22T10:30+01:00"), kind: "deploy" }).reason).toBe(
      "in freeze year-end (2026-12-19 00:00 to 2027-01-04 00:00 Europe/Paris)",
    );
    expect(evaluateWindow(procedure, { now: at("2026-11-22T12:00+01:00"), kind: "maintenance" }).reason).toBe(
      "outside weekly (Sun 02:00-04:00 Europe/Paris), monthly (first Sat 23:00-02:00 Europe/Paris)",
    );
  });

  it("writes the verdict line of the procedure", () => {
    const evaluation = evaluateWindowDetail(procedure, { now: at("2026-11-21T20:00+01:00"), kind: "deploy" });
    expect(verdictLine(evaluation)).toBe("Deploy window closed · opens Tue 24 Nov 10:00 Europe/Paris, in 2 d 14 h");
    const inside = evaluateWindowDetail(procedure, { now: at("2026-11-24T11:15+01:00"), kind: "deploy" });
    expect(verdictLine(inside)).toBe("Deploy window open (off-peak) until Tue 24 Nov 12:00 Europe/Paris, 45 min left");
  });
});
