import { describe, expect, it } from "vitest";
import { parseCoverageFile } from "../../src/coverage/parse.ts";
import { expectUserError, tempFiles } from "./helpers.ts";

const write = tempFiles();

async function parseJson(text: string | Buffer, lineDetail = true) {
  return parseCoverageFile(write("coverage.json", text), { displayName: "coverage/coverage-final.json", lineDetail });
}

const location = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 10 } });

/** A coverage-final.json entry: two statements share line 2 (one hit, one not: the line is covered). */
const finalEntry = (path: string) => ({
  path,
  statementMap: { "0": location(1), "1": location(2), "2": location(2), "3": location(4) },
  fnMap: { "0": { name: "f", decl: location(1), loc: location(1), line: 1 }, "1": { name: "g", decl: location(4), loc: location(4), line: 4 } },
  branchMap: { "0": { loc: location(2), type: "if", locations: [location(2), location(2)], line: 2 }, "1": { loc: location(4), type: "switch", locations: [location(4), location(4), location(4)], line: 4 } },
  s: { "0": 1, "1": 0, "2": 5, "3": 0 },
  f: { "0": 1, "1": 0 },
  b: { "0": [1, 0], "1": [0, 0, 2] },
});

describe("istanbul coverage-final.json", () => {
  it("computes totals as istanbul's summary does", async () => {
    const report = await parseJson(JSON.stringify({ "/repo/a.js": finalEntry("/repo/a.js"), "/repo/b {x}, \"q\".js": finalEntry("/repo/b {x}, \"q\".js") }, null, 2));
    expect(report.format).toBe("istanbul");
    expect(report.totals).toEqual({ lines: { covered: 4, total: 6 }, branches: { covered: 4, total: 10 }, functions: { covered: 2, total: 4 } });
    expect(report.files.map((file) => file.path)).toEqual(["/repo/a.js", '/repo/b {x}, "q".js']);
    expect([...report.files[0]!.lineHits]).toEqual([
      [1, 1],
      [2, 5],
      [4, 0],
    ]);
    expect(report.files[0]!.lineBranches.get(4)).toEqual({ covered: 1, total: 3 });
  });

  it("accepts entries wrapped in {data}, a BOM, CRLF and an empty report", async () => {
    const wrapped = await parseJson(`\uFEFF{\r\n"a.js": {"data": ${JSON.stringify(finalEntry("a.js"))}}\r\n}\r\n`);
    expect(wrapped.totals.lines).toEqual({ covered: 2, total: 3 });
    const empty = await parseJson("{}");
    expect(empty.totals).toEqual({ lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 }, functions: { covered: 0, total: 0 } });
  });

  it("streams a report larger than the read buffer, member by member", async () => {
    const entries: Record<string, unknown> = {};
    for (let index = 0; index < 3000; index++) entries[`src/file ${index} ü.js`] = finalEntry(`src/file ${index} ü.js`);
    const text = JSON.stringify(entries);
    expect(text.length).toBeGreaterThan(2 << 20);
    const report = await parseJson(text, false);
    expect(report.files).toHaveLength(3000);
    expect(report.totals.lines).toEqual({ covered: 2 * 3000, total: 3 * 3000 });
  });
});

describe("istanbul json-summary", () => {
  const counters = (covered: number, total: number) => ({ total, covered, skipped: 0, pct: total ? (100 * covered) / total : 100 });
  const entry = (lines: [number, number], branches: [number, number], functions: [number, number]) => ({
    lines: counters(...lines),
    statements: counters(...lines),
    functions: counters(...functions),
    branches: counters(...branches),
    branchesTrue: counters(0, 0),
  });

  it("takes the total member", async () => {
    const report = await parseJson(JSON.stringify({ total: entry([7, 10], [1, 4], [2, 3]), "/r/a.js": entry([5, 6], [1, 2], [1, 1]), "/r/b.js": entry([2, 4], [0, 2], [1, 2]) }));
    expect(report.totals).toEqual({ lines: { covered: 7, total: 10 }, branches: { covered: 1, total: 4 }, functions: { covered: 2, total: 3 } });
    expect(report.files.map((file) => [file.path, file.lines])).toEqual([
      ["/r/a.js", { covered: 5, total: 6 }],
      ["/r/b.js", { covered: 2, total: 4 }],
    ]);
    expect(report.files[0]!.lineHits.size).toBe(0);
  });

  it("0 of 0 stays 0 of 0 (istanbul itself writes pct 100 there)", async () => {
    const report = await parseJson(JSON.stringify({ total: entry([0, 0], [0, 0], [0, 0]) }));
    expect(report.totals.lines).toEqual({ covered: 0, total: 0 });
  });
});

describe("broken istanbul JSON", () => {
  const cases: [string, string | Buffer, (string | RegExp)[]][] = [
    ["truncated in the middle of a member", `{\n"a.js": ${JSON.stringify(finalEntry("a.js")).slice(0, 80)}`, ["coverage/coverage-final.json:2:", "truncated"]],
    ["truncated before the closing brace", `{\n"a.js": ${JSON.stringify(finalEntry("a.js"))}\n`, ["coverage/coverage-final.json:3:", "truncated"]],
    ["invalid JSON inside a member", '{\n"a.js": {"statementMap": {,}}\n}', ["coverage/coverage-final.json:2:", "invalid JSON"]],
    ["a trailing comma", '{"a.js": 1,}', ["coverage/coverage-final.json:1:"]],
    ["an array", "[1, 2]", ["unknown coverage format"]],
    ["a member that is not coverage data", '{\n\n"a.js": {"hello": 1}}', ["coverage/coverage-final.json:3:", '"a.js"', "neither"]],
    ["summary and final mixed", `{"total": {"lines": {"covered": 1, "total": 1}}, "a.js": ${JSON.stringify(finalEntry("a.js"))}}`, ["coverage-final data inside a json-summary"]],
    ["a negative count", '{"total": {"lines": {"covered": -1, "total": 1}}}', ['"total".lines']],
    ["covered above total", '{"total": {"lines": {"covered": 3, "total": 1}}}', ['"total".lines']],
    ["non-numeric statement counts", `{"a.js": ${JSON.stringify({ ...finalEntry("a.js"), s: { "0": "x" } })}}`, ['"a.js" statement 0']],
    ["a branch count that is not a list", `{"a.js": ${JSON.stringify({ ...finalEntry("a.js"), b: { "0": 3 } })}}`, ['"a.js".b["0"]']],
    ["text after the object", '{}\n{"x": 1}', ["coverage/coverage-final.json:2:"]],
    ["binary data inside a member", Buffer.concat([Buffer.from('{"a.js": {"s": "'), Buffer.from([0, 1]), Buffer.from('"}}')]), ["binary"]],
  ];
  for (const [name, text, patterns] of cases) {
    it(`refuses ${name}`, async () => {
      await expectUserError(parseJson(text), ...patterns);
    });
  }
});
