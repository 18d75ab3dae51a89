import { describe, expect, it } from "vitest";
import { parsePolicyText } from "../../src/policy/validate.ts";
import { UserError } from "../../src/core/errors.ts";
import { PROCEDURE_POLICY } from "./fixtures.ts";

async function errorOf(source: string): Promise<string> {
  try {
    await parsePolicyText(source, ".github/shipgate.yml");
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error("the policy was accepted");
}

const bad: { name: string; source: string; message: string }[] = [
  { name: "unknown zone", source: PROCEDURE_POLICY.replace("Europe/Paris", "Europe/Atlantis"), message: '.github/shipgate.yml:2: windows.timezone: unknown time zone "Europe/Atlantis"' },
  { name: "25:00", source: PROCEDURE_POLICY.replace('end: "12:00"', 'end: "25:00"'), message: '.github/shipgate.yml:7: windows.deploy[0].end: expected a time "HH:MM" from 00:00 to 23:59, got "25:00"' },
  { name: "a time without minutes", source: PROCEDURE_POLICY.replace('start: "10:00"', 'start: "10"'), message: "windows.deploy[0].start: expected a time" },
  { name: "empty days", source: PROCEDURE_POLICY.replace("days: [tue, wed]", "days: []"), message: ".github/shipgate.yml:5: windows.deploy[0].days: expected at least one day" },
  { name: "an unknown day", source: PROCEDURE_POLICY.replace("days: [tue, wed]", "days: [tue, tuesday]"), message: "windows.deploy[0].days[1]: expected one of" },
  { name: "weeks 6", source: PROCEDURE_POLICY.replace("weeks: [1]", "weeks: [6]"), message: ".github/shipgate.yml:15: windows.maintenance[1].weeks[0]: expected a number <= 5" },
  { name: "weeks 0", source: PROCEDURE_POLICY.replace("weeks: [1]", "weeks: [0]"), message: "windows.maintenance[1].weeks[0]: expected 1..5" },
  { name: "a freeze that ends before it starts", source: PROCEDURE_POLICY.replace('to: "2027-01-04T00:00"', 'to: "2026-12-01T00:00"'), message: '.github/shipgate.yml:21: windows.freezes[0].to: the freeze ends ("2026-12-01T00:00") at or before it starts' },
  { name: "a freeze on 30 February", source: PROCEDURE_POLICY.replace('from: "2026-12-19T00:00"', 'from: "2027-02-30T00:00"'), message: "windows.freezes[0].from: expected a local date-time" },
  { name: "a window's unknown zone", source: PROCEDURE_POLICY.replace('      end: "04:00"', '      end: "04:00"\n      timezone: Paris'), message: 'windows.maintenance[0].timezone: unknown time zone "Paris"' },
  { name: "an unknown key", source: PROCEDURE_POLICY.replace("weeks:", "week:"), message: "windows.maintenance[1].week: unknown key" },
  { name: "a bad wait", source: PROCEDURE_POLICY + "  wait: soon\n", message: 'windows.wait: expected a duration such as "0", "90m", "2h" or "1h30m", at most 24h, got "soon"' },
  { name: "a wait over a day", source: PROCEDURE_POLICY + "  wait: 25h\n", message: "windows.wait: expected a duration" },
];

describe("windows policy section", () => {
  it("accepts the procedure and fills in defaults", async () => {
    const { windows } = await parsePolicyText(PROCEDURE_POLICY, "p.yml");
    expect(windows.timezone).toBe("Europe/Paris");
    expect(windows.maintenance[1]).toEqual({ name: "monthly", days: ["sat"], weeks: [1], start: "23:00", end: "02:00" });
    expect(windows.wait).toBe("0");
    expect(windows.override).toEqual({ enabled: true, label: "deploy-override", comment: false, "disabled-environments": [] });
  });

  it("defaults to no windows in UTC without a windows section", async () => {
    expect((await parsePolicyText("", "p.yml")).windows).toMatchObject({ timezone: "UTC", deploy: [], maintenance: [], freezes: [] });
  });

  it.each(bad)("rejects $name, naming the key", async ({ source, message }) => {
    expect(await errorOf(source)).toContain(message);
  });
});
