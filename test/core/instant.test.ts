import { describe, expect, it } from "vitest";
import { LOCAL_DATE_TIME_FORMAT, parseClock, parseInstant, parseLocalDateTime, parseOffsetInstant, requireInstant } from "../../src/core/instant.ts";

describe("parseInstant with an offset", () => {
  it.each([
    ["2026-03-01T12:00:00Z", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T13:30+01:00", "2026-03-01T12:30:00.000Z"],
    ["2026-03-01T12:00:00.250Z", "2026-03-01T12:00:00.250Z"],
    ["2026-03-01T12:00:00.1Z", "2026-03-01T12:00:00.100Z"],
    ["2026-03-01T12:00:00.123456789Z", "2026-03-01T12:00:00.123Z"],
    ["2026-03-01T12:00:00,5Z", "2026-03-01T12:00:00.500Z"],
    ["2026-03-01T12:00z", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T07:00-05:00", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T17:30+0530", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T13:00+01", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T12Z", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T1230Z", "2026-03-01T12:30:00.000Z"],
    ["2026-03-01T12:00:00.000-00:00", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T24:00Z", "2026-03-02T00:00:00.000Z"],
    ["2026-12-31T24:00:00.000Z", "2027-01-01T00:00:00.000Z"],
    ["2028-02-29T10:00:00Z", "2028-02-29T10:00:00.000Z"],
    ["0050-06-01T00:00Z", "0050-06-01T00:00:00.000Z"],
    ["  2026-03-01T12:00:00Z  ", "2026-03-01T12:00:00.000Z"],
  ])("%j -> %s", (text, iso) => {
    expect(new Date(parseInstant(text)!).toISOString()).toBe(iso);
    expect(new Date(parseOffsetInstant(text)!).toISOString()).toBe(iso);
    expect(requireInstant(text, "--at").toISOString()).toBe(iso);
    // A zone changes nothing for an instant that carries its own offset.
    expect(new Date(parseInstant(text, "Asia/Tokyo")!).toISOString()).toBe(iso);
  });

  it.each([
    "",
    "now",
    "yesterday",
    "2026-03-01",
    "2026-03-01T12:00:00",
    "2026-03-01 12:00Z",
    "2026-03-01t12:00Z",
    "2026-13-01T12:00:00Z",
    "2026-00-01T12:00:00Z",
    "2026-02-30T10:00:00Z",
    "2027-02-29T10:00:00Z",
    "2026-04-31T10:00Z",
    "2026-03-01T25:00Z",
    "2026-03-01T24:30Z",
    "2026-03-01T24:00:00.001Z",
    "2026-03-01T12:60Z",
    "2026-03-01T12:00:60Z",
    "2026-03-01T12:00:00.Z",
    "2026-03-01T12:00+24:00",
    "2026-03-01T12:00+01:60",
    "2026-03-01T12:00+01:00[Europe/Paris]",
    "+002026-03-01T12:00Z",
  ])("rejects %j", (text) => {
    expect(parseInstant(text)).toBeUndefined();
    expect(() => requireInstant(text, "--at")).toThrow(`--at: "${text}" is not an ISO-8601 time with a zone, e.g. 2026-03-01T12:00:00Z`);
  });
});

describe("parseInstant with a zone", () => {
  it.each([
    ["2026-12-19T00:00", "Europe/Paris", "2026-12-18T23:00:00.000Z"],
    ["2026-12-19 10:30", "Europe/Paris", "2026-12-19T09:30:00.000Z"],
    ["2026-07-14", "Europe/Paris", "2026-07-13T22:00:00.000Z"],
    ["2026-11-23T09:00", "Asia/Kolkata", "2026-11-23T03:30:00.000Z"],
    ["2026-03-29T02:30", "Europe/Paris", "2026-03-29T01:30:00.000Z"],
    ["2026-10-25T02:30", "Europe/Paris", "2026-10-25T00:30:00.000Z"],
    ["2028-02-29T00:00", "UTC", "2028-02-29T00:00:00.000Z"],
    ["1900-01-01", "UTC", "1900-01-01T00:00:00.000Z"],
  ])("%j in %s -> %s", (text, zone, iso) => {
    expect(new Date(parseInstant(text, zone)!).toISOString()).toBe(iso);
    expect(requireInstant(text, "--at", zone).toISOString()).toBe(iso);
  });

  it.each(["2027-02-30T00:00", "2026-02-29", "2026-12-19T24:00", "2026-12-19T10:60", "2026-12-19T10:00:00", "1899-12-31", "2026-12-19T10", "tomorrow", "2026-12-19T10:00Q"])("rejects %j", (text) => {
    expect(parseInstant(text, "Europe/Paris")).toBeUndefined();
    expect(() => requireInstant(text, "--at", "Europe/Paris")).toThrow(`--at: expected ${LOCAL_DATE_TIME_FORMAT}, got "${text}"`);
  });

  it("needs a zone for a local date-time", () => {
    expect(parseInstant("2026-12-19T00:00")).toBeUndefined();
    expect(parseLocalDateTime("2026-12-19T00:00")).toEqual({ year: 2026, month: 12, day: 19, hour: 0, minute: 0 });
  });

  it("reads nothing in a zone the runtime does not know", () => {
    expect(parseInstant("2026-12-19T00:00", "Mars/Olympus")).toBeUndefined();
  });

  it("describes the grammar for messages", () => {
    expect(LOCAL_DATE_TIME_FORMAT).toBe('a local date-time "YYYY-MM-DDTHH:MM" or date "YYYY-MM-DD" (or an ISO-8601 instant with an offset)');
  });
});

describe("parseClock", () => {
  it.each([
    ["00:00", { hour: 0, minute: 0 }],
    ["10:00", { hour: 10, minute: 0 }],
    ["23:59", { hour: 23, minute: 59 }],
  ])("%s", (text, clock) => {
    expect(parseClock(text)).toEqual(clock);
  });

  it.each(["24:00", "25:00", "10", "9:00", "10:60", "10:00:00", " 10:00", ""])("rejects %j", (text) => {
    expect(parseClock(text)).toBeUndefined();
  });
});
