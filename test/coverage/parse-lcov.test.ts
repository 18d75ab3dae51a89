import { describe, expect, it } from "vitest";
import { parseCoverageFile } from "../../src/coverage/parse.ts";
import { expectUserError, tempFiles } from "./helpers.ts";

const write = tempFiles();

async function parseText(text: string | Buffer, lineDetail = true) {
  const file = write("report.info", text);
  return parseCoverageFile(file, { displayName: "coverage/lcov.info", lineDetail });
}

const lcov = (...lines: string[]) => `${lines.join("\n")}\n`;

describe("lcov totals", () => {
  const cases: { name: string; text: string; lines: [number, number]; branches: [number, number] | null; functions: [number, number] | null; files: number }[] = [
    {
      name: "raw lcov --capture output without LF/LH, counted from records",
      text: lcov("TN:", "SF:/src/a.c", "FN:3,main", "FNDA:1,main", "FN:9,unused", "DA:3,1", "DA:4,1", "DA:5,0", "DA:9,0", "BRDA:4,0,0,1", "BRDA:4,0,1,0", "BRDA:9,0,0,-", "BRDA:9,0,1,-", "end_of_record"),
      lines: [2, 4],
      branches: [1, 4],
      functions: [1, 2],
      files: 1,
    },
    {
      name: "summary lines that disagree with the records (coverage.py 6.5 writes such): records win",
      text: lcov("SF:a.py", "DA:1,1", "DA:2,1", "DA:3,0", "LF:2", "LH:2", "BRDA:2,0,0,1", "BRDA:2,0,1,0", "BRF:2", "BRH:2", "FN:1,f", "FNDA:1,f", "FNF:3", "FNH:1", "end_of_record"),
      lines: [2, 3],
      branches: [1, 2],
      functions: [1, 1],
      files: 1,
    },
    {
      name: "a file split over several records: counted from the records, merged by line",
      text: lcov(
        "SF:a.js", "FN:1,f", "DA:1,1", "DA:2,0", "BRDA:1,0,0,1", "LF:10", "LH:10", "BRF:7", "BRH:7", "FNF:3", "FNH:3", "end_of_record",
        "SF:a.js", "DA:2,0", "LF:1", "LH:0", "end_of_record",
      ),
      lines: [1, 2],
      branches: [1, 1],
      functions: [0, 1],
      files: 1,
    },
    {
      name: "a record with summary lines only uses them",
      text: lcov("SF:a.js", "LF:10", "LH:7", "BRF:4", "BRH:1", "FNF:2", "FNH:2", "end_of_record"),
      lines: [7, 10],
      branches: [1, 4],
      functions: [2, 2],
      files: 1,
    },
    {
      name: "duplicate SF records merge by line, branch and function name",
      text: lcov(
        "SF:src/a.ts", "FN:1,f", "FN:5,g", "FNDA:0,f", "FNDA:0,g", "DA:1,0", "DA:2,3", "DA:5,0", "BRDA:2,0,0,1", "BRDA:2,0,1,0", "end_of_record",
        "SF:src/a.ts", "FN:1,f", "FN:5,g", "FNDA:2,f", "FNDA:0,g", "DA:1,2", "DA:2,1", "DA:5,0", "DA:7,1", "BRDA:2,0,0,0", "BRDA:2,0,1,4", "end_of_record",
      ),
      lines: [3, 4],
      branches: [2, 2],
      functions: [1, 2],
      files: 1,
    },
    {
      name: "the same line twice in one record counts once",
      text: lcov("SF:t.cpp", "DA:4,0", "DA:4,2", "DA:5,0", "end_of_record"),
      lines: [1, 2],
      branches: null,
      functions: null,
      files: 1,
    },
    {
      name: "lcov 2.x FN with end line, FNL/FNA and a DA checksum",
      text: lcov("VER:2.0", "TN:unit", "SF:b.c", "FN:1,4,alpha", "FNDA:3,alpha", "FNL:0,10,12", "FNA:0,0,beta", "FNA:0,0,beta_alias", "DA:1,3,abcd", "DA:10,0", "end_of_record"),
      lines: [1, 2],
      branches: null,
      functions: [1, 2],
      files: 1,
    },
    {
      name: "C++ function names with commas",
      text: lcov("SF:c.cpp", "FN:2,add(int, int)", "FNDA:1,add(int, int)", "FN:7,12,pair<int, int>::swap()", "FNDA:0,pair<int, int>::swap()", "DA:2,1", "end_of_record"),
      lines: [1, 1],
      branches: null,
      functions: [1, 2],
      files: 1,
    },
    {
      name: "lcov 2 exception blocks and expression branches merge across records",
      text: lcov("SF:p.py", "BRDA:3,e0,0,1", "BRDA:3,e0,1,0", "BRDA:4,0,x > y,-", "end_of_record", "SF:p.py", "BRDA:3,e0,1,2", "BRDA:4,0,x > y,3", "BRDA:4,0,x <= y,0", "end_of_record"),
      lines: [0, 0],
      branches: [3, 4],
      functions: null,
      files: 1,
    },
    {
      name: "branches out of line order, one listed twice (istanbul lists them by id)",
      text: lcov("SF:u.js", "BRDA:9,1,1,0", "BRDA:2,0,0,1", "BRDA:9,1,0,0", "BRDA:9,1,1,4", "end_of_record"),
      lines: [0, 0],
      branches: [2, 3],
      functions: null,
      files: 1,
    },
    {
      name: "several files are summed",
      text: lcov("SF:a", "DA:1,1", "end_of_record", "SF:b", "DA:1,0", "DA:2,0", "BRF:0", "BRH:0", "end_of_record"),
      lines: [1, 3],
      branches: [0, 0],
      functions: null,
      files: 2,
    },
    {
      name: "nothing instrumented stays 0 of 0",
      text: lcov("SF:empty.js", "FNF:0", "FNH:0", "LF:0", "LH:0", "BRF:0", "BRH:0", "end_of_record"),
      lines: [0, 0],
      branches: [0, 0],
      functions: [0, 0],
      files: 1,
    },
    {
      name: "fractional and exponent hit counts (some tools write them)",
      text: lcov("SF:x", "DA:1,1.5e3", "DA:2,0.0", "end_of_record"),
      lines: [1, 2],
      branches: null,
      functions: null,
      files: 1,
    },
  ];

  for (const testCase of cases) {
    it(testCase.name, async () => {
      for (const lineDetail of [true, false]) {
        const report = await parseText(testCase.text, lineDetail);
        expect(report.format).toBe("lcov");
        expect(report.totals.lines).toEqual({ covered: testCase.lines[0], total: testCase.lines[1] });
        expect(report.totals.branches).toEqual(testCase.branches && { covered: testCase.branches[0], total: testCase.branches[1] });
        expect(report.totals.functions).toEqual(testCase.functions && { covered: testCase.functions[0], total: testCase.functions[1] });
        expect(report.files).toHaveLength(testCase.files);
        expect(report.source).toBe("coverage/lcov.info");
      }
    });
  }

  it("keeps per-line hits and branches when asked, summing duplicate records", async () => {
    const report = await parseText(lcov("SF:a", "DA:1,2", "DA:3,0", "BRDA:3,0,0,-", "BRDA:3,0,1,2", "end_of_record", "SF:a", "DA:1,5", "end_of_record"));
    const [file] = report.files;
    expect([...file!.lineHits]).toEqual([
      [1, 7],
      [3, 0],
    ]);
    expect(file!.lineHits.get(2)).toBeUndefined();
    expect(file!.lineHits.has(3)).toBe(true);
    expect(file!.lineHits.size).toBe(2);
    expect([...file!.lineBranches]).toEqual([[3, { covered: 1, total: 2 }]]);
  });

  it("drops per-line detail without changing totals when lineDetail is false", async () => {
    const report = await parseText(lcov("SF:a", "DA:1,2", "DA:3,0", "BRDA:3,0,0,1", "end_of_record"), false);
    expect(report.files[0]!.lineHits.size).toBe(0);
    expect(report.files[0]!.lineBranches.size).toBe(0);
    expect(report.files[0]!.lines).toEqual({ covered: 1, total: 2 });
  });

  it("accepts CRLF line endings and a UTF-8 byte-order mark", async () => {
    const text = "\uFEFF" + ["TN:", "SF:C:\\work\\a b.ts", "DA:1,1", "DA:2,0", "end_of_record", ""].join("\r\n");
    const report = await parseText(text);
    expect(report.totals.lines).toEqual({ covered: 1, total: 2 });
    expect(report.files[0]!.path).toBe("C:\\work\\a b.ts");
  });

  it("keeps paths with spaces and non-ASCII characters intact", async () => {
    const report = await parseText(lcov("SF:/home/runner/work/r/r/src/mañana ü/日本 file.ts", "DA:1,1", "end_of_record"));
    expect(report.files[0]!.path).toBe("/home/runner/work/r/r/src/mañana ü/日本 file.ts");
  });

  it("accepts a last line without a newline and blank lines between records", async () => {
    const report = await parseText("SF:a\nDA:1,1\nend_of_record\n\n\nSF:b\nDA:1,0\nend_of_record");
    expect(report.totals.lines).toEqual({ covered: 1, total: 2 });
  });

  it("counts exactly across read-buffer boundaries on a multi-megabyte file", async () => {
    const parts: string[] = [];
    let expectedCovered = 0;
    let expectedTotal = 0;
    for (let fileIndex = 0; fileIndex < 400; fileIndex++) {
      parts.push(`SF:src/dir ${fileIndex}/file-${fileIndex}.ts`);
      for (let line = 1; line <= 700; line++) {
        const hits = (line * 7 + fileIndex) % 5;
        parts.push(`DA:${line},${hits}`);
        expectedTotal++;
        if (hits > 0) expectedCovered++;
      }
      parts.push("end_of_record");
    }
    const text = `${parts.join("\r\n")}\r\n`;
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const report = await parseText(text);
    expect(report.totals.lines).toEqual({ covered: expectedCovered, total: expectedTotal });
    expect(report.files).toHaveLength(400);
  });
});

describe("lcov bad input", () => {
  const cases: { name: string; text: string | Buffer; patterns: (string | RegExp)[] }[] = [
    { name: "empty file", text: "", patterns: ["coverage/lcov.info: is empty"] },
    { name: "whitespace only", text: "\n  \n", patterns: ["coverage/lcov.info: is empty"] },
    { name: "truncated: no end_of_record at EOF", text: "SF:a\nDA:1,1\nDA:2,1\nend_of_record\nSF:b\nDA:1,", patterns: ["coverage/lcov.info:6:", "malformed"] },
    { name: "truncated after a complete line", text: "SF:a\nDA:1,1\nend_of_record\nSF:b\nDA:1,1\n", patterns: ["coverage/lcov.info:4:", "no end_of_record", "truncated"] },
    { name: "record cut before end_of_record is complete", text: "SF:a\nDA:1,1\nend_of_rec", patterns: ["coverage/lcov.info:3:", "malformed"] },
    { name: "SF inside an open record", text: "SF:a\nDA:1,1\nSF:b\nDA:1,1\nend_of_record\n", patterns: ["coverage/lcov.info:3:", "started at line 1"] },
    { name: "DA outside a record", text: "TN:\nDA:1,1\n", patterns: ["coverage/lcov.info:2:", "no SF"] },
    { name: "a minus sign without a count", text: "SF:a\nDA:1,-\nend_of_record\n", patterns: ["coverage/lcov.info:2:", 'malformed lcov record "DA:1,-"'] },
    { name: "text hits", text: "SF:a\nDA:1,x\nend_of_record\n", patterns: ["coverage/lcov.info:2:"] },
    { name: "BRDA with missing fields", text: "SF:a\nBRDA:1\nend_of_record\n", patterns: ["coverage/lcov.info:2:", "BRDA:1"] },
    { name: "absurd line number", text: "SF:a\nDA:99999999999,1\nend_of_record\n", patterns: ["coverage/lcov.info:2:"] },
    { name: "garbage line", text: "SF:a\nhello world\nend_of_record\n", patterns: ["coverage/lcov.info:2:", "hello world"] },
    { name: "LH without LF", text: "SF:a\nDA:1,1\nLH:1\nend_of_record\n", patterns: ["coverage/lcov.info:4:", "LH without LF"] },
    { name: "FNA without FNL", text: "SF:a\nFNA:3,1,f\nend_of_record\n", patterns: ["coverage/lcov.info:2:", "FNL"] },
    { name: "no records at all", text: "TN:\nTN:x\n", patterns: ["coverage/lcov.info: no SF records"] },
    { name: "binary garbage", text: Buffer.from([0x53, 0x46, 0x3a, 0x00, 0xff, 0xfe, 0x01, 0x02, 0x0a]), patterns: ["coverage/lcov.info: contains binary data"] },
    { name: "binary data after the head", text: Buffer.concat([Buffer.from(`SF:a\n${"DA:1,1\n".repeat(20000)}`), Buffer.from([0, 1, 2, 10])]), patterns: ["coverage/lcov.info:20002:", "binary"] },
    { name: "gzip-compressed report", text: Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), patterns: ["gzip"] },
    { name: "unknown format", text: "hello,world\n1,2\n", patterns: ["coverage/lcov.info:1: unknown coverage format"] },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      await expectUserError(parseText(testCase.text), ...testCase.patterns);
    });
  }

  it("names a missing file", async () => {
    await expectUserError(parseCoverageFile("/nonexistent/lcov.info"), "/nonexistent/lcov.info: coverage report not found");
  });

  it("names a directory given as a report", async () => {
    await expectUserError(parseCoverageFile("/tmp", { format: "lcov" }), "/tmp:");
  });

  it("refuses an unknown requested format", async () => {
    const file = write("x.info", "SF:a\nend_of_record\n");
    await expectUserError(parseCoverageFile(file, { format: "xml" as never }), 'unknown coverage format "xml"');
  });
});

describe("lcov accepted with warnings, counted as the producer counts", () => {
  const cases: { name: string; text: string; lines: [number, number]; branches: [number, number] | null; functions: [number, number] | null; warnings: [number, string][] }[] = [
    {
      name: "vitest v8's negative branch count is not covered",
      text: lcov("SF:src/a.ts", "DA:83,4", "BRDA:83,9,0,8", "BRDA:83,9,1,-4", "BRF:2", "BRH:1", "LF:1", "LH:1", "end_of_record"),
      lines: [1, 1],
      branches: [1, 2],
      functions: null,
      warnings: [
        [4, '"BRDA:83,9,1,-4" has a negative count; counted as not covered'],
      ],
    },
    {
      name: "negative line and function counts",
      text: lcov("SF:a.js", "FN:1,f", "FNDA:-2,f", "DA:1,-1", "DA:2,3", "end_of_record"),
      lines: [1, 2],
      branches: null,
      functions: [0, 1],
      warnings: [
        [3, '"FNDA:-2,f" has a negative count; counted as not covered'],
        [4, '"DA:1,-1" has a negative count; counted as not covered'],
      ],
    },
    {
      name: "vitest 4's NaN branch count is not covered",
      text: lcov("SF:src/A.vue", "DA:3,1", "BRDA:3,0,0,1", "BRDA:3,0,1,NaN", "end_of_record"),
      lines: [1, 1],
      branches: [1, 2],
      functions: null,
      warnings: [[4, '"BRDA:3,0,1,NaN" has a count that is not a number; counted as not covered']],
    },
    {
      name: "coverage.py's LH above LF: counted from the DA records",
      text: lcov("SF:calc.py", "DA:1,1", "DA:2,1", "DA:3,1", "DA:4,0", "LF:2", "LH:3", "end_of_record"),
      lines: [3, 4],
      branches: null,
      functions: null,
      warnings: [[7, 'LH:3 is more than LF:2 for "calc.py"; counted from its DA records: 3 of 4']],
    },
    {
      name: "LH above LF without DA records: capped at LF",
      text: lcov("SF:a.js", "LF:4", "LH:5", "FNF:1", "FNH:2", "end_of_record"),
      lines: [4, 4],
      branches: null,
      functions: [1, 1],
      warnings: [
        [3, 'LH:5 is more than LF:4 for "a.js", which has no DA records; counted as 4 of 4'],
        [5, 'FNH:2 is more than FNF:1 for "a.js"; counted as 1 of 1'],
      ],
    },
    {
      name: "summaries that disagree with the records: the line of the covered count is named",
      text: lcov("SF:a.js", "DA:1,1", "BRDA:1,0,0,1", "BRDA:1,0,1,0", "BRF:3", "BRH:2", "end_of_record"),
      lines: [1, 1],
      branches: [1, 2],
      functions: null,
      warnings: [[6, 'BRF:3 BRH:2 disagree with the BRDA records for "a.js"; counted from its BRDA records: 1 of 2']],
    },
    {
      name: "summaries that agree with the records say nothing",
      text: lcov("SF:a.js", "DA:1,1", "DA:2,0", "LF:2", "LH:1", "BRDA:1,0,0,1", "BRDA:1,0,1,-", "BRF:2", "BRH:1", "end_of_record"),
      lines: [1, 2],
      branches: [1, 2],
      functions: null,
      warnings: [],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const report = await parseText(testCase.text);
      expect([report.totals.lines.covered, report.totals.lines.total]).toEqual(testCase.lines);
      expect(report.totals.branches && [report.totals.branches.covered, report.totals.branches.total]).toEqual(testCase.branches);
      expect(report.totals.functions && [report.totals.functions.covered, report.totals.functions.total]).toEqual(testCase.functions);
      expect(report.warnings.map((warning) => [warning.line, warning.message])).toEqual(testCase.warnings);
      expect(report.warnings.every((warning) => warning.source === "coverage/lcov.info")).toBe(true);
    });
  }

  it("keeps a bounded list of warnings that says how many it left out", async () => {
    const records = Array.from({ length: 1000 }, (_, index) => `BRDA:${index + 1},0,0,-1`);
    const report = await parseText(lcov("SF:a.ts", "DA:1,1", ...records, "end_of_record"));
    expect(report.totals.branches).toEqual({ covered: 0, total: 1000 });
    expect(report.warnings).toHaveLength(21);
    expect(report.warnings.at(-1)!.message).toBe("980 more warnings like the ones above after this line");
  });
});

describe("lcov records of one file repeated", () => {
  it("fold counts in place while they repeat the branches, and merge the rest", async () => {
    const report = await parseText(
      lcov(
        "SF:a.c", "DA:1,1", "BRDA:1,0,0,1", "BRDA:1,0,1,0", "BRDA:2,0,0,0", "end_of_record",
        "SF:a.c", "DA:1,1", "BRDA:1,0,0,0", "BRDA:1,0,1,2", "BRDA:3,0,0,1", "BRDA:2,0,0,5", "end_of_record",
        "SF:a.c", "DA:1,1", "BRDA:1,0,0,0", "BRDA:1,0,1,0", "BRDA:2,0,0,0", "BRDA:3,0,0,0", "end_of_record",
      ),
    );
    expect(report.totals.branches).toEqual({ covered: 4, total: 4 });
    const [file] = report.files;
    expect([...file!.lineBranches]).toEqual([
      [1, { covered: 2, total: 2 }],
      [2, { covered: 1, total: 1 }],
      [3, { covered: 1, total: 1 }],
    ]);
  });
});

describe("lcov hit counts", () => {
  it("keep counts above 2^32 and fractional ones exactly, summed over repeated records", async () => {
    const report = await parseText(lcov("SF:a.c", "DA:1,4294967295", "DA:2,1.5", "DA:3,7", "end_of_record", "SF:a.c", "DA:1,2", "DA:2,1", "DA:3,0", "end_of_record"));
    expect([...report.files[0]!.lineHits]).toEqual([
      [1, 4294967297],
      [2, 2.5],
      [3, 7],
    ]);
  });
});
