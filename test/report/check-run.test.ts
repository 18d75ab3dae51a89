import { describe, expect, it } from "vitest";
import { checkRunOutput } from "../../src/report/check-run.ts";
import { summaryMarkdown } from "../../src/report/summary.ts";
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
    const output = checkRunOutput("fail", [gate(120)], 1000);
    expect(output.batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(output.omitted).toBe(0);
    expect(output.conclusion).toBe("failure");
    expect(output.batches[0]![0]).toEqual({ path: "src/f0.ts", start_line: 1, end_line: 1, annotation_level: "warning", message: "uncovered 0" });
  });

  it("caps the annotations and says how many were left out", () => {
    const output = checkRunOutput("fail", [gate(130)], 100);
    expect(output.batches.flat()).toHaveLength(100);
    expect(output.omitted).toBe(30);
    expect(output.summary).toMatch(/30 of 130 annotations were left out \(cap 100\)/);
  });

  it("keeps findings without a file out of the annotations", () => {
    const result = gate(0);
    result.findings.push({ level: "failure", message: "lines below threshold" });
    expect(checkRunOutput("fail", [result], 10).batches).toEqual([]);
  });

  it("maps statuses to check conclusions", () => {
    expect(checkRunOutput("pass", [gate(0, "pass")], 10).conclusion).toBe("success");
    expect(checkRunOutput("warn", [gate(0, "warn")], 10).conclusion).toBe("neutral");
    expect(checkRunOutput("skip", [gate(0, "skip")], 10).conclusion).toBe("skipped");
  });

  it("truncates a summary beyond GitHub's 65535 characters", () => {
    const result = gate(0);
    result.summary = "x".repeat(70_000);
    const output = checkRunOutput("fail", [result], 10);
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    expect(output.summary).toMatch(/Truncated: \d+ characters were cut; GitHub takes at most 65535\. The full text: the job summary of the run\n$/);
  });

  it("cuts an annotation's message to GitHub's 64 KB of UTF-8 and its title to 255 characters, whole characters only", () => {
    const result = gate(0);
    result.findings = [{ level: "failure", file: "a.ts", line: 1, title: "😀".repeat(300), message: "漢".repeat(30_000) }];
    const [annotation] = checkRunOutput("fail", [result], 10).batches[0]!;
    expect(Buffer.byteLength(annotation!.message)).toBeLessThanOrEqual(65_536);
    expect(annotation!.message).toMatch(/^漢+\n\n> ✂️ Truncated: \d+ bytes were cut; GitHub takes at most 65536\./);
    expect(annotation!.title!.length).toBeLessThanOrEqual(255);
    expect(annotation!.title!.isWellFormed()).toBe(true);
  });
});

describe("summary markdown", () => {
  it("has a row per gate when there are several, failing first, escaping table cells", () => {
    const a = { ...gate(0, "pass"), gate: "coverage", title: "lines 90 % | ok" };
    const b = { ...gate(0, "fail"), gate: "security", title: "1 critical" };
    const text = summaryMarkdown([a, b]);
    expect(text.split("\n")[0]).toBe("## ❌ shipgate: 1 of 2 gates failed: security");
    expect(text).toMatch(/\| ❌ security \| 1 critical \|\n\| ✅ coverage \| lines 90 % \\\| ok \|/);
    expect(text).toMatch(/<details><summary>✅ 1 gate passed: details<\/summary>\n\n#### ✅ coverage/);
    expect(combineStatus([a.status, b.status])).toBe("fail");
  });

  it("leads a single gate's check run with its text, the title being GitHub's heading", () => {
    const output = checkRunOutput("fail", [gate(0)], 10);
    expect(output.title).toBe("lines 50.00 % < 80 %");
    expect(output.summary.startsWith("details")).toBe(true);
  });

  it("keeps check-run titles within what the checks list shows", () => {
    const long = { ...gate(0), title: `patch 37.50 % < 80 % · ${"x".repeat(200)}` };
    const { title } = checkRunOutput("fail", [long], 10);
    expect(title.length).toBeLessThanOrEqual(70);
    expect(title.startsWith("patch 37.50 % < 80 %")).toBe(true);
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
