/**
 * zonedTime against Luxon, which it replaced: the same text for every instant, zone and ISO form the reports
 * meet. Luxon's version named the UTC date of a zone across midnight in the machine's locale ("Sep" under en-US,
 * where the rest said en-GB's "Sept"); the reference here says en-GB throughout, as zonedTime now does.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { zonedTime } from "../../src/report/time.ts";
import { seeded } from "../support/seeded.ts";

function luxonZonedTime(instant: string | Date, zone: string): string {
  const at = (typeof instant === "string" ? DateTime.fromISO(instant, { zone: "utc" }) : DateTime.fromJSDate(instant, { zone: "utc" })).setLocale("en-GB");
  if (!at.isValid) return String(instant);
  const utc = `${at.toFormat("HH:mm")} UTC`;
  const local = at.setZone(zone);
  if (!local.isValid || (local.offset === 0 && /^(utc|etc\/utc|gmt|etc\/gmt)$/i.test(zone))) return `${at.toFormat("ccc d LLL yyyy")} ${utc}`;
  return `${local.toFormat("ccc d LLL yyyy HH:mm")} ${zone} (${utc}${local.toISODate() === at.toISODate() ? "" : ` ${at.toFormat("d LLL")}`})`;
}

const ZONES = ["UTC", "utc", "GMT", "Etc/UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati", "Etc/GMT+12", "Mars/Olympus_Mons"];

describe("zonedTime", () => {
  it("reads as the policy's zone, named, with UTC beside it", () => {
    expect(zonedTime("2026-12-02T10:45:00Z", "Europe/Paris")).toBe("Wed 2 Dec 2026 11:45 Europe/Paris (10:45 UTC)");
    expect(zonedTime(new Date("2026-12-02T10:45:00Z"), "UTC")).toBe("Wed 2 Dec 2026 10:45 UTC");
    expect(zonedTime("2026-09-30T23:30:00Z", "Asia/Kolkata")).toBe("Thu 1 Oct 2026 05:00 Asia/Kolkata (23:30 UTC 30 Sept)");
  });

  it("gives Luxon's text for 6,000 instants from 1900 to 2200 in 14 zones, as a Date and as ISO text", () => {
    const random = seeded(16);
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2200, 0, 1);
    const differences: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const date = new Date(Math.floor(from + random() * (to - from)));
      const zone = ZONES[i % ZONES.length]!;
      for (const instant of [date, date.toISOString()]) {
        const [ours, luxon] = [zonedTime(instant, zone), luxonZonedTime(instant, zone)];
        if (ours !== luxon) differences.push(`${String(instant)} ${zone}: ${ours} / ${luxon}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it("gives Luxon's text around every daylight-saving change of 2020-2030 in zones that have one", () => {
    const differences: string[] = [];
    for (const zone of ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"]) {
      for (let day = Date.UTC(2020, 0, 1); day < Date.UTC(2031, 0, 1); day += 86_400_000) {
        if (DateTime.fromMillis(day, { zone }).offset === DateTime.fromMillis(day + 86_400_000, { zone }).offset) continue;
        // The day of a change, and an hour either side of it, every 5 minutes.
        for (let ms = day - 3_600_000; ms <= day + 90_000_000; ms += 300_000) {
          const instant = new Date(ms);
          if (zonedTime(instant, zone) !== luxonZonedTime(instant, zone)) differences.push(`${instant.toISOString()} ${zone}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it.each([
    "2026-12-02",
    "2026-12-02T10:45",
    "2026-12-02T10:45:59.999",
    "2026-12-02T10:45:00,5Z",
    "2026-12-02T10:45:00+05:30",
    "2026-12-02T10:45:00-0800",
    "2026-12-02T10:45:00+01",
    "2026-12-31T23:59:59-12:00",
    "2026-12-02T10:45:00+23:59",
    "0099-03-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
  ])("reads the ISO text %s as Luxon does", (text) => {
    for (const zone of ["UTC", "Europe/Paris", "Pacific/Kiritimati"]) expect(zonedTime(text, zone)).toBe(luxonZonedTime(text, zone));
  });

  it.each(["", "yesterday", "2026-02-30T10:00:00Z", "2026-13-01", "2026-12-02T25:00Z", "2026-12-02T10:60Z", "<b>2026-12-02</b>", "2026-12-02T10:45:00Z\n@here"])(
    "gives a text that is no instant (%j) back unchanged, as Luxon did",
    (text) => {
      expect(zonedTime(text, "Europe/Paris")).toBe(text);
      expect(luxonZonedTime(text, "Europe/Paris")).toBe(text);
    },
  );

  it("gives a Date beyond the years 0000-9999, or an invalid one, as Date writes it", () => {
    for (const date of [new Date(Date.UTC(10_000, 0, 1)), new Date(Number.NaN)]) expect(zonedTime(date, "Europe/Paris")).toBe(String(date));
  });

  it("reads no offset of 24 hours or more, which Luxon read (RFC 3339's offset hours end at 23)", () => {
    expect(zonedTime("2026-12-02T10:45:00+24:00", "UTC")).toBe("2026-12-02T10:45:00+24:00");
  });
});
