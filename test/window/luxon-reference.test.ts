/**
 * The window's wall times and texts against Luxon, which they replaced: the same fields and the same text for
 * every instant and zone they meet. The references are the replaced code, Luxon calls as they were; the only
 * chosen difference is that the timeline's times are Latin digits on every machine (Luxon wrote them in the
 * system locale's digits), which the locale these tests run in cannot show.
 */
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { chartTime, formatInstant, formatLocal } from "../../src/window/describe.ts";
import { isoInZone, localOf } from "../../src/window/local-time.ts";
import { seeded } from "../support/seeded.ts";

const luxon = {
  localOf(instant: number, zone: string) {
    const local = DateTime.fromMillis(instant, { zone: IANAZone.create(zone) });
    return { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute };
  },
  isoInZone(instant: number, zone: string) {
    return DateTime.fromMillis(instant, { zone: IANAZone.create(zone) }).toISO({ suppressMilliseconds: true }) ?? new Date(instant).toISOString();
  },
  wall(instant: number, zone: string, now: number) {
    const local = DateTime.fromMillis(instant, { zone }).setLocale("en-GB");
    return local.toFormat(local.year === DateTime.fromMillis(now, { zone }).year ? "ccc d LLL HH:mm" : "ccc d LLL yyyy HH:mm");
  },
  formatInstant(instant: number, zone: string, now: number) {
    const local = DateTime.fromMillis(instant, { zone });
    const names = ["en-GB", "en-US"].map((locale) => local.setLocale(locale).toFormat("ZZZZ"));
    return `${luxon.wall(instant, zone, now)} ${names.find((name) => !/^(GMT|UTC)[+-]/.test(name)) ?? names[0]!}`;
  },
  formatLocal(instant: number, zone: string, now: number) {
    return `${luxon.wall(instant, zone, now)} ${zone}`;
  },
  chartTime(instant: number, zone: string) {
    return DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd HH:mm");
  },
};

const ZONES = ["UTC", "utc", "GMT", "Etc/UTC", "Europe/Paris", "Europe/London", "America/New_York", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati", "Etc/GMT+12", "+05:30", "-03:00"];

/** Every function against its Luxon reference at one instant; the differences, named. */
function differences(instant: number, zone: string, now: number): string[] {
  const found: string[] = [];
  const at = `${new Date(instant).toISOString()} ${zone}`;
  const same = (name: string, ours: unknown, theirs: unknown) => {
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) found.push(`${name} ${at}: ${JSON.stringify(ours)} / ${JSON.stringify(theirs)}`);
  };
  same("localOf", localOf(instant, zone), luxon.localOf(instant, zone));
  same("isoInZone", isoInZone(instant, zone), luxon.isoInZone(instant, zone));
  same("formatInstant", formatInstant(instant, zone, now), luxon.formatInstant(instant, zone, now));
  same("formatLocal", formatLocal(instant, zone, now), luxon.formatLocal(instant, zone, now));
  same("chartTime", chartTime(instant, zone), luxon.chartTime(instant, zone));
  return found;
}

describe("window times without Luxon", () => {
  it("read as before", () => {
    const instant = Date.UTC(2026, 10, 24, 9, 0);
    expect(formatInstant(instant, "Europe/Paris", instant)).toBe("Tue 24 Nov 10:00 CET");
    expect(formatInstant(instant, "America/New_York", Date.UTC(2025, 0, 1))).toBe("Tue 24 Nov 2026 04:00 EST");
    expect(formatInstant(instant, "Asia/Kolkata", instant)).toBe("Tue 24 Nov 14:30 GMT+5:30");
    expect(formatInstant(Date.UTC(2026, 8, 1), "UTC", instant)).toBe("Tue 1 Sept 00:00 UTC");
    expect(formatLocal(instant, "Europe/Paris", instant)).toBe("Tue 24 Nov 10:00 Europe/Paris");
    expect(isoInZone(instant, "Europe/Paris")).toBe("2026-11-24T10:00:00+01:00");
    expect(isoInZone(instant + 1, "UTC")).toBe("2026-11-24T09:00:00.001+00:00");
    expect(chartTime(instant, "Asia/Kathmandu")).toBe("2026-11-24 14:45");
  });

  it("give Luxon's fields and texts for 4,000 instants from 1900 to 2200 in 17 zones", () => {
    const random = seeded(16);
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2200, 0, 1);
    const found: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const instant = Math.floor(from + random() * (to - from));
      // Half the time `now` is in the same year, so both forms of the text are compared.
      const now = i % 2 === 0 ? instant + Math.floor((random() - 0.5) * 86_400_000) : Math.floor(from + random() * (to - from));
      found.push(...differences(instant, ZONES[i % ZONES.length]!, now));
    }
    expect(found).toEqual([]);
  });

  it("give Luxon's fields and texts around every offset change of 2020-2030, every 5 minutes", () => {
    const found: string[] = [];
    for (const zone of ["Europe/Paris", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"]) {
      for (let day = Date.UTC(2020, 0, 1); day < Date.UTC(2031, 0, 1); day += 86_400_000) {
        if (DateTime.fromMillis(day, { zone }).offset === DateTime.fromMillis(day + 86_400_000, { zone }).offset) continue;
        for (let ms = day - 3_600_000; ms <= day + 90_000_000; ms += 300_000) found.push(...differences(ms, zone, day));
      }
    }
    expect(found).toEqual([]);
  });

  it("give Luxon's fields and ISO text at the edges: local mean time, year 0, Date's last instants", () => {
    const found: string[] = [];
    // Paris kept local mean time (+0:09:21) until 1891: an offset with seconds.
    for (let ms = Date.UTC(1880, 0, 1); ms < Date.UTC(1880, 0, 2); ms += 61_001) found.push(...differences(ms, "Europe/Paris", ms));
    for (const ms of [Date.UTC(0, 0, 1) - 400 * 365.2425 * 86_400_000, -62_135_596_800_000, 8.64e15 - 86_400_000, 8.64e15]) {
      for (const zone of ["Europe/Paris", "Pacific/Kiritimati", "Etc/GMT+12"]) {
        expect(localOf(ms, zone)).toEqual(luxon.localOf(ms, zone));
        expect(isoInZone(ms, zone)).toBe(luxon.isoInZone(ms, zone));
      }
    }
    expect(found).toEqual([]);
  });
});
