import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { conformanceDoc, producerSummaries } from "../../scripts/coverage-conformance.ts";
import { mergeReports } from "../../src/coverage/merge.ts";
import { parseCoverageFile } from "../../src/coverage/parse.ts";

/**
 * Reports written by the real tools (scripts/make-coverage-fixtures.sh) against the totals those
 * tools print themselves (summaries.json, captured from their own summary output).
 */
const real = join(import.meta.dirname, "../fixtures/coverage/real");
const summaries = producerSummaries();

describe("real reports equal their producer's own totals", () => {
  for (const [fixture, summary] of Object.entries(summaries)) {
    it(`${fixture} (${summary.tool})`, async () => {
      for (const lineDetail of [true, false]) {
        const report = await parseCoverageFile(join(real, fixture), { lineDetail, displayName: fixture });
        expect(report.format).toBe(summary.format);
        if (summary.statementsPct !== undefined) {
          const { covered, total } = report.totals.lines;
          expect(Math.round((1000 * covered) / total) / 10).toBe(summary.statementsPct);
        }
        if (summary.lines !== undefined) expect(report.totals.lines).toEqual(summary.lines);
        if (summary.branches !== undefined) expect(report.totals.branches).toEqual(summary.branches);
        if (summary.functions !== undefined) expect(report.totals.functions).toEqual(summary.functions);
      }
    });
  }

  it("covers every format and producer the tools can write here", () => {
    expect(new Set(Object.values(summaries).map((summary) => summary.format))).toEqual(new Set(["lcov", "cobertura", "clover", "istanbul", "go"]));
    const producers = new Set(Object.keys(summaries).map((fixture) => fixture.slice(0, fixture.indexOf("/"))));
    expect(producers).toEqual(new Set(["python", "c", "js", "vitest-v8", "vitest-istanbul", "vitest-v8-self", "jest", "nyc", "go"]));
  });

  it("vitest v8's real negative branch count is accepted, not covered, with a warning on its line", async () => {
    const report = await parseCoverageFile(join(real, "vitest-v8-self/lcov.info"), { displayName: "vitest-v8-self/lcov.info" });
    const lines = readFileSync(join(real, "vitest-v8-self/lcov.info"), "utf8").split("\n");
    expect(report.warnings.map((warning) => lines[warning.line - 1])).toEqual(["BRDA:83,9,1,-4"]);
    expect(report.warnings[0]!.message).toBe('"BRDA:83,9,1,-4" has a negative count; counted as not covered');
  });

  it("Cobertura from istanbul's producers and gcovr has function totals, coverage.py's has none", () => {
    for (const fixture of ["js", "vitest-v8", "vitest-istanbul", "jest", "nyc"].map((folder) => `${folder}/cobertura-coverage.xml`).concat("c/gcovr-cobertura.xml")) {
      expect(summaries[fixture]!.functions, fixture).toEqual(expect.objectContaining({ total: expect.any(Number) }));
    }
    expect(summaries["python/coverage.xml"]!.functions).toBeNull();
  });

  it("coverage.py's lcov with LH above LF is accepted, counted from DA, with a warning on the LH line", async () => {
    const report = await parseCoverageFile(join(real, "python/coverage.lcov"), { displayName: "python/coverage.lcov" });
    const lines = readFileSync(join(real, "python/coverage.lcov"), "utf8").split("\n");
    const warning = report.warnings.find((candidate) => candidate.message.includes("layout.py"))!;
    expect(lines[warning.line - 1]).toBe("LH:2");
    expect(warning.message).toBe('LH:2 is more than LF:1 for "layout.py"; counted from its DA records: 2 of 2');
  });

  it("docs/conformance-coverage.md is the table of these fixtures (regenerate: npm run fixtures:coverage)", async () => {
    const committed = readFileSync(join(import.meta.dirname, "../../docs/conformance-coverage.md"), "utf8");
    expect(committed).toBe(await conformanceDoc());
  });
});

describe("real reports name files relative to the repository", () => {
  const cases: [string, string[]][] = [
    ["js/lcov.info", ["lib/calc.js", "lib/name with spaces ü.js"]],
    ["js/cobertura-coverage.xml", ["lib/calc.js", "lib/name with spaces ü.js"]],
    ["js/clover.xml", ["lib/calc.js", "lib/name with spaces ü.js"]],
    ["js/coverage-final.json", ["lib/calc.js", "lib/name with spaces ü.js"]],
    ["js/coverage-summary.json", ["lib/calc.js", "lib/name with spaces ü.js"]],
    ["python/coverage.xml", ["calc.py", "layout.py", "test_calc.py"]],
    ["c/lcov.info", ["calc.c", "main.c"]],
    ["go/count.out", ["mathx/mathx.go", "textx/textx.go"]],
    ["vitest-v8/lcov.info", ["lib/calc.js", "lib/name with spaces ü.js", "lib/rows.js"]],
    ["vitest-istanbul/cobertura-coverage.xml", ["lib/calc.js", "lib/name with spaces ü.js", "lib/rows.js"]],
    ["jest/coverage-final.json", ["lib/calc.js", "lib/name with spaces ü.js", "lib/rows.js"]],
    ["nyc/clover.xml", ["cjs/calc.cjs"]],
  ];
  for (const [fixture, paths] of cases) {
    it(fixture, async () => {
      const report = await parseCoverageFile(join(real, fixture));
      const merged = mergeReports([report], { workspace: summaries[fixture]!.root });
      expect(merged.files.map((file) => file.path).sort()).toEqual(paths);
      expect(merged.totals).toEqual(report.totals);
    });
  }
});

describe("real reports keep line detail", () => {
  it("the same file has the same covered lines in c8's lcov, Cobertura, Clover and coverage-final", async () => {
    const covered = async (fixture: string) => {
      const report = await parseCoverageFile(join(real, fixture));
      const file = report.files.find((candidate) => candidate.path.endsWith("calc.js"))!;
      return [...file.lineHits].filter(([, hits]) => hits > 0).map(([line]) => line);
    };
    const fromLcov = await covered("js/lcov.info");
    expect(fromLcov.length).toBeGreaterThan(5);
    expect(await covered("js/cobertura-coverage.xml")).toEqual(fromLcov);
    expect(await covered("js/clover.xml")).toEqual(fromLcov);
    expect(await covered("js/coverage-final.json")).toEqual(fromLcov);
  });

  it("a Go profile from -coverpkg really has duplicate blocks, and they are merged", async () => {
    const text = readFileSync(join(real, "go/count.out"), "utf8").trim().split("\n").slice(1);
    const positions = text.map((line) => line.slice(0, line.indexOf(" ")));
    expect(new Set(positions).size).toBeLessThan(positions.length);
    const summed = text.reduce((sum, line) => sum + Number(line.split(" ")[1]), 0);
    const report = await parseCoverageFile(join(real, "go/count.out"));
    expect(report.totals.lines.total).toBeLessThan(summed);
  });
});
