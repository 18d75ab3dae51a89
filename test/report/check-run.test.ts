import { describe, expect, it } from "vitest";
import { checkRunOutput } from "../../src/report/check-run.ts";
import { summaryMarkdown } from "../../src/report/markdown.ts";
import { combineStatus, type GateResult } from "../../src/core/result.ts";

function gate(findings: number, status: GateResult["status"] = "fail"): GateResult {
  return {
    gate: "coverage",
    status,
    title: "lines 50.00 % < 80 %",
    summary: "details",
    findings: Array.from({ length: findings }, (_, i) => ({ level: "warning" as const, file: `src/f${i}.ts`, line: i + 1, message: `uncovered ${i}` })),
    metrics: {},
  };
}

describe("check-run output", () => {
  it("sends annotations in batches of at most 50", () => {
    const output = checkRunOutput("fail", "t", [gate(120)], 1000);
    expect(output.batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(output.omitted).toBe(0);
    expect(output.conclusion).toBe("failure");
    expect(output.batches[0]![0]).toEqual({ path: "src/f0.ts", start_line: 1, end_line: 1, annotation_level: "warning", message: "uncovered 0" });
  });

  it("caps the annotations and says how many were left out", () => {
    const output = checkRunOutput("fail", "t", [gate(130)], 100);
    expect(output.batches.flat()).toHaveLength(100);
    expect(output.omitted).toBe(30);
    expect(output.summary).toMatch(/30 of 130 annotations were left out \(cap 100\)/);
  });

  it("keeps findings without a file out of the annotations", () => {
    const result = gate(0);
    result.findings.push({ level: "failure", message: "lines below threshold" });
    expect(checkRunOutput("fail", "t", [result], 10).batches).toEqual([]);
  });

  it("maps statuses to check conclusions", () => {
    expect(checkRunOutput("pass", "t", [gate(0, "pass")], 10).conclusion).toBe("success");
    expect(checkRunOutput("warn", "t", [gate(0, "warn")], 10).conclusion).toBe("neutral");
    expect(checkRunOutput("skip", "t", [gate(0, "skip")], 10).conclusion).toBe("skipped");
  });

  it("truncates a summary beyond GitHub's 65535 characters", () => {
    const result = gate(0);
    result.summary = "x".repeat(70_000);
    const output = checkRunOutput("fail", "t", [result], 10);
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    expect(output.summary).toMatch(/characters were cut: GitHub takes at most 65535\. The full text: the job summary of the run\n$/);
  });
});

describe("summary markdown", () => {
  it("has a row per gate when there are several, escaping table cells", () => {
    const a = { ...gate(0, "pass"), gate: "coverage", title: "lines 90 % | ok" };
    const b = { ...gate(0, "fail"), gate: "security", title: "1 critical" };
    const text = summaryMarkdown([a, b]);
    expect(text).toMatch(/\| coverage \| ✅ passed \| lines 90 % \\\| ok \|/);
    expect(text).toMatch(/\| security \| ❌ failed \| 1 critical \|/);
    expect(combineStatus([a.status, b.status])).toBe("fail");
  });

  it("lists findings up to a limit and counts the rest", () => {
    const text = summaryMarkdown([gate(25)]);
    expect(text).toMatch(/… and 5 more not shown/);
  });

  it("combines statuses: worst wins, all skipped stays skipped", () => {
    expect(combineStatus(["pass", "warn"])).toBe("warn");
    expect(combineStatus(["skip", "skip"])).toBe("skip");
    expect(combineStatus(["skip", "pass"])).toBe("pass");
    expect(combineStatus([])).toBe("skip");
  });
});
