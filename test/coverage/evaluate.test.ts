import { describe, expect, it } from "vitest";
import { evaluateCoverage, type CoverageThresholds } from "../../src/coverage/evaluate.ts";
import type { CoverageReport, FileCoverage } from "../../src/coverage/model.ts";
import { patchCoverage } from "../../src/coverage/patch.ts";
import { droppedMoreThan, dropPoints, formatPercent, meets, percent } from "../../src/coverage/measure.ts";

function file(path: string, hits: Record<number, number>): FileCoverage {
  const lineHits = new Map(Object.entries(hits).map(([line, count]) => [Number(line), count]));
  const covered = [...lineHits.values()].filter((h) => h > 0).length;
  return { path, lines: { covered, total: lineHits.size }, branches: null, functions: null, lineHits, lineBranches: new Map() };
}

function report(files: FileCoverage[], extra: Partial<CoverageReport["totals"]> = {}): CoverageReport {
  const lines = files.reduce((a, f) => ({ covered: a.covered + f.lines.covered, total: a.total + f.lines.total }), { covered: 0, total: 0 });
  return { format: "lcov", totals: { lines, branches: null, functions: null, ...extra }, files, source: "lcov.info", roots: [], warnings: [] };
}

const evaluate = (r: CoverageReport, thresholds: CoverageThresholds, more: Partial<Parameters<typeof evaluateCoverage>[0]> = {}) =>
  evaluateCoverage({ report: r, reportFiles: ["lcov.info"], thresholds, worstFiles: 5, ...more });

describe("measure", () => {
  it.each([
    [{ covered: 80, total: 100 }, 80, true],
    [{ covered: 79, total: 100 }, 80, false],
    [{ covered: 2, total: 3 }, 66.67, false],
    [{ covered: 2, total: 3 }, 66.66, true],
    [{ covered: 6364, total: 10000 }, 63.64, true],
    [{ covered: 6363, total: 10000 }, 63.64, false],
    [{ covered: 7, total: 11 }, 63.64, false],
    [{ covered: 7, total: 11 }, 63.63, true],
    // 0.1 + 0.2 style doubles: the threshold is the decimal the user wrote, not the nearest double.
    [{ covered: 29, total: 100 }, 29, true],
    [{ covered: 57, total: 100 }, 57, true],
    [{ covered: 1, total: 1e6 }, 1e-4, true],
    [{ covered: 0, total: 1e6 }, 1e-4, false],
    [{ covered: 0, total: 0 }, 0, false],
  ])("%o meets %d: %s", (counter, threshold, expected) => {
    expect(meets(counter, threshold)).toBe(expected);
  });

  it("rounds every figure down to two decimals, exactly", () => {
    expect(percent({ covered: 7, total: 11 })).toBe(63.63);
    expect(percent({ covered: 7999, total: 10000 })).toBe(79.99);
    expect(percent({ covered: 29, total: 100 })).toBe(29);
    expect(percent({ covered: 57, total: 100 })).toBe(57);
    expect(percent({ covered: 1, total: 3 })).toBe(33.33);
    expect(percent({ covered: 0, total: 0 })).toBeNull();
    expect(formatPercent(percent({ covered: 7999, total: 10000 }))).toBe("79.99 %");
    expect(formatPercent(null)).toBe("n/a");
  });

  it("shows a failing figure below its threshold and a failing drop above its limit", () => {
    for (let total = 1; total <= 120; total++) {
      for (let covered = 0; covered <= total; covered++) {
        const shown = percent({ covered, total })!;
        expect(meets({ covered, total }, shown)).toBe(true);
        const drop = dropPoints({ covered: total, total }, { covered, total });
        expect(droppedMoreThan({ covered: total, total }, { covered, total }, drop)).toBe(false);
      }
    }
    expect(dropPoints({ covered: 1000, total: 1000 }, { covered: 9949, total: 10000 })).toBe(0.51);
    expect(dropPoints({ covered: 9949, total: 10000 }, { covered: 1000, total: 1000 })).toBe(-0.51);
  });
});

describe("one rounding everywhere", () => {
  it("7 of 11 lines reads 63.63 in the title, the JSON figure and the metrics, and fails 63.64", () => {
    const r = report([file("a.ts", { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 0, 9: 0, 10: 0, 11: 0 })]);
    const failing = evaluate(r, { lines: 63.64 });
    expect(failing.result.status).toBe("fail");
    expect(failing.result.title).toBe("Project 63.63 % < 63.64 %");
    expect(failing.lines.pct).toBe(63.63);
    expect(failing.result.metrics.lines).toBe(63.63);
    expect(failing.result.summary).toContain("| **Project** (lines) | 63.63 % (7/11) | 63.64 % | – | – | ❌ |");
    expect(failing.result.summary).not.toContain("63.64 % |  ✅");
    const passing = evaluate(r, { lines: 63.63 });
    expect(passing.result.status).toBe("pass");
    expect(passing.result.title).toBe("Project 63.63 % >= 63.63 %");
  });

  it("a drop just over the limit is shown over the limit, a drop at the limit passes", () => {
    const lines = (covered: number, total: number) =>
      report([file("a.ts", Object.fromEntries(Array.from({ length: total }, (_, index) => [index + 1, index < covered ? 1 : 0])))]);
    // 50 of 9999 lines lost: a drop of 0.50005 points.
    const over = evaluate(lines(9949, 9999), { maxDrop: 0.5 }, { baseline: { covered: 1, total: 1 } });
    expect(over.result.status).toBe("fail");
    expect(over.result.title).toBe("Drop 0.51 pts > 0.5 allowed · project 99.49 %");
    expect(over.result.findings.map((f) => f.message)).toContain("line coverage dropped by 0.51 points against the baseline (100.00 % -> 99.49 %), at most 0.5 allowed");
    const atLimit = evaluate(lines(199, 200), { maxDrop: 0.5 }, { baseline: { covered: 1, total: 1 } });
    expect(atLimit.result.status).toBe("pass");
    expect(atLimit.result.title).toBe("Project 99.50 % (-0.50 pts vs base)");
  });
});

describe("report warnings", () => {
  it("become warning findings on the report's line and leave the verdict alone", () => {
    const r = { ...report([file("a.ts", { 1: 1, 2: 0 })]), warnings: [{ source: "coverage/lcov.info", line: 7, message: '"BRDA:83,9,1,-4" has a negative count; counted as not covered' }] };
    const result = evaluate(r, { lines: 50 });
    expect(result.result.status).toBe("pass");
    expect(result.result.findings).toEqual([
      { level: "warning", file: "coverage/lcov.info", line: 7, title: "Coverage report accepted with a problem", message: '"BRDA:83,9,1,-4" has a negative count; counted as not covered' },
    ]);
  });
});

describe("evaluateCoverage", () => {
  const twoFiles = report([file("src/a.ts", { 1: 1, 2: 1, 3: 0, 4: 1 }), file("src/b.ts", { 1: 0, 2: 0, 3: 1, 4: 1 })]);

  it("passes when every threshold is met and says which", () => {
    const { result, lines } = evaluate(twoFiles, { lines: 60 });
    expect(result.status).toBe("pass");
    expect(result.title).toBe("Project 62.50 % >= 60 %");
    expect(lines).toEqual({ covered: 5, total: 8, pct: 62.5 });
  });

  it("fails with every unmet threshold named, never averaged", () => {
    const r = report(twoFiles.files, { branches: { covered: 9, total: 10 }, functions: { covered: 1, total: 4 } });
    const { result } = evaluate(r, { lines: 60, branches: 80, functions: 50 });
    expect(result.status).toBe("fail");
    expect(result.title).toBe("Functions 25.00 % < 50 % · project 62.50 %");
    expect(result.findings).toEqual([{ level: "failure", message: "functions 25.00 % < 50 %" }]);
  });

  it("fails a threshold on a measure the report does not have", () => {
    const { result, branches } = evaluate(twoFiles, { lines: 10, branches: 50 });
    expect(branches).toBeNull();
    expect(result.status).toBe("fail");
    expect(result.title).toMatch(/^Branches: the report has no branches data/);
  });

  it("reports 0 of 0 as nothing measured: never 100 % and never NaN", () => {
    const empty = report([]);
    const gated = evaluate(empty, { lines: 80 });
    expect(gated.result.status).toBe("fail");
    expect(gated.result.title).toBe("Project: nothing measured (0 of 0), minimum 80 %");
    expect(gated.lines).toEqual({ covered: 0, total: 0, pct: null });
    expect(gated.result.metrics.lines).toBeNull();
    expect(evaluate(empty, {}).result.title).toMatch(/^Nothing measured/);
  });

  it("names every file below the per-file floor", () => {
    const { result } = evaluate(twoFiles, { perFile: 60 });
    expect(result.status).toBe("fail");
    expect(result.findings).toEqual([expect.objectContaining({ file: "src/b.ts", level: "failure", message: expect.stringMatching(/50\.00 % is below the per-file minimum of 60 %/) })]);
  });

  it("measures only changed executable lines and annotates uncovered ranges", () => {
    const changed = new Map([
      ["src/a.ts", [2, 3, 9]],
      ["src/b.ts", [1, 2, 3]],
      ["README.md", [1]],
    ]);
    const patch = patchCoverage(twoFiles, changed);
    expect(patch).toMatchObject({ covered: 2, total: 5, filesNotInReport: ["README.md"] });
    const { result, patch: measured } = evaluate(twoFiles, { patch: 50 }, { patch });
    expect(measured).toEqual({ covered: 2, total: 5, pct: 40 });
    expect(result.status).toBe("fail");
    expect(result.title).toBe("Patch 40.00 % < 50 % · project 62.50 %");
    const annotations = result.findings.filter((f) => f.file);
    expect(annotations).toEqual([
      expect.objectContaining({ file: "src/a.ts", line: 3, endLine: 3, level: "warning" }),
      expect.objectContaining({ file: "src/b.ts", line: 1, endLine: 2, level: "warning", message: "Lines 1-2 are changed in this pull request but not covered by tests." }),
    ]);
  });

  it("does not fail a patch threshold when no changed line is executable", () => {
    const patch = patchCoverage(twoFiles, new Map([["docs/x.md", [1, 2]]]));
    const { result } = evaluate(twoFiles, { patch: 90 }, { patch });
    expect(result.status).toBe("pass");
    expect(result.summary).toMatch(/No changed line of this change is an executable line/);
  });

  it("fails when coverage drops more than allowed against the baseline", () => {
    const failing = evaluate(twoFiles, { maxDrop: 1 }, { baseline: { covered: 70, total: 100 } });
    expect(failing.result.status).toBe("fail");
    expect(failing.result.title).toBe("Drop 7.50 pts > 1 allowed · project 62.50 %");
    expect(failing.result.findings[0]!.message).toMatch(/dropped by 7\.50 points against the baseline \(70\.00 % -> 62\.50 %\), at most 1 allowed/);
    expect(evaluate(twoFiles, { maxDrop: 10 }, { baseline: { covered: 70, total: 100 } }).result.status).toBe("pass");
  });

  it("lists the least covered files in the summary, worst first", () => {
    const { result } = evaluate(twoFiles, {});
    const table = result.summary.slice(result.summary.indexOf("Least covered"));
    expect(table.indexOf("src/b.ts")).toBeLessThan(table.indexOf("src/a.ts"));
  });

  it("leads with the failing patch, then the project and its delta against the named base", () => {
    const patch = patchCoverage(twoFiles, new Map([["src/b.ts", [1, 2, 3]]]));
    const { result, delta } = evaluate(twoFiles, { lines: 60, patch: 80 }, { patch, baseline: { covered: 80, total: 100 }, links: { baseName: "main" } });
    expect(delta).toBe(-17.5);
    expect(result.title).toBe("Patch 33.33 % < 80 % · project 62.50 % (-17.50 pts vs main)");
    expect(result.metrics).toMatchObject({ base: 80, delta: -17.5 });
  });

  it("shows the impacted files with coverage, patch, delta and links to the uncovered changed lines", () => {
    const patch = patchCoverage(twoFiles, new Map([["src/a.ts", [2, 3]], ["src/b.ts", [1, 2, 4]], ["docs/guide.md", [1]]]));
    const baselineFiles = new Map([["src/a.ts", { covered: 4, total: 4 }]]);
    const blob = "https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/";
    const { result } = evaluate(twoFiles, { patch: 80 }, { patch, baseline: { covered: 8, total: 8 }, baselineFiles, links: { blob, baseName: "main" } });
    const rows = result.summary.split("\n").filter((line) => line.startsWith("| [`src/"));
    expect(rows).toEqual([
      `| [\`src/b.ts\`](${blob}src/b.ts) | 50.00 % | 33.33 % (1/3) | new | [L1-L2](${blob}src/b.ts#L1-L2) |`,
      `| [\`src/a.ts\`](${blob}src/a.ts) | 75.00 % | 50.00 % (1/2) | -25.00 pts | [L3](${blob}src/a.ts#L3) |`,
    ]);
    expect(result.summary).toContain("1 changed file not in the coverage report: `docs/guide.md`.");
    expect(result.findingsShown).toBe(true);
  });
});
