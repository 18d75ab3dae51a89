import { describe, expect, it } from "vitest";
import { parseCoverageFile } from "../../src/coverage/parse.ts";
import { expectUserError, tempFiles } from "./helpers.ts";

/**
 * The parsers read reports in chunks of 1 MiB and handle the usual shapes of lines and tags in a fast path; these
 * place every byte of such a line or tag on the boundary between two chunks, and check the result is the one of
 * the general path (or its error).
 */
const CHUNK = 1 << 20;
const write = tempFiles();

/** `before`, then filler lines made by `fill`, then `target` starting `shift` bytes before the chunk boundary. */
function straddling(before: string, target: string, after: string, shift: number, fill: (bytes: number) => string): string {
  const head = Buffer.byteLength(before);
  return before + fill(CHUNK - shift - head) + target + after;
}

const lcovFill = (bytes: number) => {
  // "TN:<name>\n" lines: ignored by the parser, any length.
  const lines: string[] = [];
  let left = bytes;
  while (left > 0) {
    const length = Math.min(left, 200);
    lines.push(length >= 4 ? `TN:${"t".repeat(length - 4)}\n` : "\n".repeat(length));
    left -= length;
  }
  return lines.join("");
};

describe("lcov lines across chunk boundaries", () => {
  const cases: [string, string, (report: Awaited<ReturnType<typeof parseCoverageFile>>) => void][] = [
    ["DA:123456,789\n", "LF", (report) => expect(report.files[0]!.lineHits.get(123456)).toBe(789)],
    ["DA:123456,789\r\n", "CRLF", (report) => expect(report.files[0]!.lineHits.get(123456)).toBe(789)],
    ["DA:12,3,d41d8cd98f00b204e9800998ecf8427e\n", "a checksum", (report) => expect(report.files[0]!.lineHits.get(12)).toBe(3)],
    ["DA:12,1.5e3\n", "a count with an exponent", (report) => expect(report.files[0]!.lineHits.get(12)).toBe(1500)],
    ["DA:12,-4\n", "a negative count", (report) => expect(report.warnings.map((w) => w.message).join()).toContain('"DA:12,-4" has a negative count')],
  ];
  for (const [target, label, check] of cases) {
    it(`reads a DA line with ${label} wherever the boundary falls in it`, async () => {
      for (let shift = 1; shift <= target.length; shift++) {
        const text = straddling("SF:src/a.ts\nDA:1,1\n", target, "DA:2,0\nend_of_record\n", shift, lcovFill);
        const report = await parseCoverageFile(write("straddle.info", text), { displayName: "lcov.info", lineDetail: true });
        check(report);
        expect(report.totals.lines.total, `shift ${shift}`).toBe(3);
      }
    });
  }

  it("rejects a DA line without a count wherever the boundary falls in it, naming its line", async () => {
    for (const target of ["DA:7,\n", "DA:7,\r\n", "DA:,7\n", "DA:7,x\n"]) {
      for (let shift = 1; shift <= target.length; shift++) {
        const text = straddling("SF:src/a.ts\n", target, "end_of_record\n", shift, lcovFill);
        const line = text.slice(0, text.indexOf(target)).split("\n").length;
        await expectUserError(parseCoverageFile(write("bad.info", text), { displayName: "lcov.info" }), `lcov.info:${line}: malformed lcov record "${target.trim()}"`);
      }
    }
  });

  it("reads a last DA line that no newline ends", async () => {
    const report = await parseCoverageFile(write("last.info", "SF:a.ts\nDA:1,2\nend_of_record\nSF:b.ts\nDA:3,4\nend_of_record"), { lineDetail: true });
    expect(report.files.map((file) => [file.path, [...file.lineHits]])).toEqual([
      ["a.ts", [[1, 2]]],
      ["b.ts", [[3, 4]]],
    ]);
  });
});

const xmlFill = (bytes: number) => {
  // Comments: skipped by the scanner, any length (at least 7 bytes; the rest is spaces).
  if (bytes < 7) return " ".repeat(bytes);
  return `<!--${"c".repeat(bytes - 7)}-->`;
};

function cobertura(inClasses: string, bom = ""): { before: string; after: string } {
  return {
    before: `${bom}<?xml version="1.0" ?>\n<coverage lines-valid="3" lines-covered="2">\n<packages><package name="p"><classes>\n`,
    after: `${inClasses}</classes></package></packages></coverage>\n`,
  };
}

describe("Cobertura tags across chunk boundaries", () => {
  // A multi-byte path with an entity, then a line with a branch: every byte of both lands on the boundary once.
  const classTag = '<class name="A" filename="src/ünï &amp; cödé.py">';
  const lines = '<lines><line number="1" hits="1"/><line number="77" hits="5" branch="true" condition-coverage="50% (1/2)"/>';
  for (const [label, bom, newline] of [
    ["LF", "", "\n"],
    ["CRLF and a byte-order mark", "\uFEFF", "\r\n"],
  ] as const) {
    it(`reads the same report wherever the boundary falls (${label})`, async () => {
      const target = `${classTag}${newline}${lines}${newline}`;
      const { before, after } = cobertura(`<line number="3" hits="0"/></lines></class>${newline}`, bom);
      for (let shift = 1; shift <= Buffer.byteLength(target); shift++) {
        const text = straddling(before, target, after, shift, xmlFill);
        const report = await parseCoverageFile(write("straddle.xml", text), { displayName: "coverage.xml", lineDetail: true });
        const [file] = report.files;
        expect(file?.path, `shift ${shift}`).toBe("src/ünï & cödé.py");
        expect([...file!.lineHits]).toEqual([
          [1, 1],
          [3, 0],
          [77, 5],
        ]);
        expect(file!.lineBranches.get(77)).toEqual({ covered: 1, total: 2 });
      }
    });
  }

  it("names the line of an error far beyond the first chunk", async () => {
    const rows: string[] = [];
    for (let line = 1; line <= 40_000; line++) rows.push(`<line number="${line}" hits="${line % 3}"/>`);
    rows[35_000] = '<line number="35001" hits="-2"/>';
    const { before, after } = cobertura(`<class name="A" filename="a.py"><lines>\n${rows.join("\n")}\n</lines></class>\n`);
    const text = before + after;
    expect(text.length).toBeGreaterThan(CHUNK);
    const line = text.split("\n").findIndex((row) => row.includes('hits="-2"')) + 1;
    await expectUserError(parseCoverageFile(write("late.xml", text), { displayName: "coverage.xml" }), `coverage.xml:${line}: attribute hits="-2" is not a non-negative number`);
  });
});

describe("Cobertura elements that spell their attributes differently from the one before", () => {
  const report = (rows: string) => {
    const { before, after } = cobertura(`<class name="A" filename="a.py"><lines>\n${rows}\n</lines></class>\n`);
    return write("layout.xml", before + after);
  };

  it("reads reordered attributes, spaces around '=' and single quotes alike", async () => {
    const rows = [
      '<line number="1" hits="1"/>',
      '<line hits="2" number="2"/>',
      '<line number = "3" hits="3"/>',
      "<line number='4' hits='4'/>",
      '<line number="5" hits="5" branch="true" condition-coverage="100% (2/2)"/>',
      '<line number="6" hits="6"/>',
    ].join("\n");
    const parsed = await parseCoverageFile(report(rows), { lineDetail: true });
    expect([...parsed.files[0]!.lineHits]).toEqual([1, 2, 3, 4, 5, 6].map((line) => [line, line]));
    expect([...parsed.files[0]!.lineBranches]).toEqual([[5, { covered: 2, total: 2 }]]);
  });

  it("rejects a duplicate attribute after ones spelled as before", async () => {
    for (const duplicate of ['<line number="2" number="3" hits="1"/>', '<line number="2" hits="1" hits="2"/>', '<line number="2" hits="1" number="2"/>']) {
      await expectUserError(parseCoverageFile(report(`<line number="1" hits="1"/>\n${duplicate}`), { displayName: "coverage.xml" }), "coverage.xml:", "duplicate attribute");
    }
  });

  it("rejects an attribute name that only starts like the one before", async () => {
    await expectUserError(parseCoverageFile(report('<line number="1" hits="1"/>\n<line number="2" hits<="1"/>'), { displayName: "coverage.xml" }), "coverage.xml:");
  });
});

describe("Cobertura's usual <line> and its other spellings read alike", () => {
  const report = (rows: string) => {
    const { before, after } = cobertura(`<class name="A" filename="a.py"><methods><method name="f" signature="()V" hits="0"><lines>\n${rows}\n</lines></method></methods><lines>\n${rows}\n</lines></class>\n`);
    return write("spellings.xml", before + after);
  };
  const usual = '<line number="7" hits="98765432109876543210"/>\n<line number="8" hits="0"/>';
  const others = [
    '<line hits="98765432109876543210" number="7"/>\n<line hits="0" number="8"/>',
    "<line number='7' hits='98765432109876543210'/>\n<line number='8' hits='0' />",
    '<line number="&#55;" hits="98765432109876543210"></line>\n<line  number="8" hits="0"/>',
  ];

  it("gives the same lines and functions whichever way a line is written", async () => {
    const expected = await parseCoverageFile(report(usual), { lineDetail: true });
    expect([...expected.files[0]!.lineHits]).toEqual([
      [7, Number("98765432109876543210")],
      [8, 0],
    ]);
    expect(expected.files[0]!.functions).toEqual({ covered: 1, total: 1 });
    for (const rows of others) expect(await parseCoverageFile(report(rows), { lineDetail: true }), rows).toEqual(expected);
  });

  it("reads a usual line wherever a chunk boundary falls in it", async () => {
    const target = '<line number="123456" hits="789"/>\n';
    const { before, after } = cobertura(`<line number="2" hits="0"/></lines></class>\n`);
    for (let shift = 1; shift <= target.length; shift++) {
      const text = straddling(`${before}<class name="A" filename="a.py"><lines>\n`, target, after, shift, xmlFill);
      const report = await parseCoverageFile(write("straddle-line.xml", text), { displayName: "coverage.xml", lineDetail: true });
      expect([...report.files[0]!.lineHits], `shift ${shift}`).toEqual([
        [2, 0],
        [123456, 789],
      ]);
    }
  });

  it("names the line of an out-of-range line number either way (the class's copy: lines of a method are not counted)", async () => {
    for (const row of ['<line number="16777217" hits="1"/>', '<line hits="1" number="16777217"/>']) {
      await expectUserError(parseCoverageFile(report(`<line number="1" hits="1"/>\n${row}`), { displayName: "coverage.xml" }), "coverage.xml:9: line number 16777217 is out of range");
    }
  });
});
