import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { IANAZone } from "luxon";
import { resolveLocal, type LocalDateTime } from "../../src/core/zone.ts";

/**
 * resolveLocal against Temporal itself: Node 24 ships Temporal behind --harmony-temporal, so a child process
 * resolves the same wall times with `disambiguation: "compatible"` and both must give the same instants.
 * Wall times: every 15 minutes of each day whose UTC offset changes in 2026, and the days around it.
 */
const ZONES = ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago", "Pacific/Chatham", "America/St_Johns", "Europe/London"];

function transitionDays(zone: string): { year: number; month: number; day: number }[] {
  const iana = IANAZone.create(zone);
  const days: { year: number; month: number; day: number }[] = [];
  for (let d = 0; d < 366; d++) {
    const midnight = Date.UTC(2026, 0, 1 + d);
    if (iana.offset(midnight) === iana.offset(midnight + 86_400_000)) continue;
    for (const shift of [0, 1, 2]) {
      const date = new Date(Date.UTC(2026, 0, 1 + d + shift));
      days.push({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
    }
  }
  return days;
}

const TEMPORAL_SCRIPT = `
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const out = cases.map(([zone, year, month, day, hour, minute]) =>
    Temporal.ZonedDateTime.from({ timeZone: zone, year, month, day, hour, minute }, { disambiguation: "compatible" }).epochMilliseconds);
  process.stdout.write(JSON.stringify(out));
});
`;

function temporalInstants(cases: [string, number, number, number, number, number][]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ["--harmony-temporal", "--input-type=module", "-e", TEMPORAL_SCRIPT], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as number[]);
    });
    child.stdin?.end(JSON.stringify(cases));
  });
}

describe("resolveLocal agrees with Temporal's compatible disambiguation", () => {
  it("on and around every 2026 offset change of zones with gaps, repeats, 30-minute shifts and odd offsets", async () => {
    const cases: [string, number, number, number, number, number][] = [];
    for (const zone of ZONES) {
      for (const date of transitionDays(zone)) {
        for (let minutes = 0; minutes < 24 * 60; minutes += 15) cases.push([zone, date.year, date.month, date.day, Math.floor(minutes / 60), minutes % 60]);
      }
    }
    expect(cases.length).toBeGreaterThan(3000);
    const expected = await temporalInstants(cases);
    const actual = cases.map(([zone, year, month, day, hour, minute]) => resolveLocal({ year, month, day, hour, minute } satisfies LocalDateTime, zone));
    const mismatches = cases.filter((_, i) => actual[i] !== expected[i]).slice(0, 5);
    expect(mismatches).toEqual([]);
  });
});
