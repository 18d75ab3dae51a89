import { execFileSync } from "node:child_process";
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp.ts";

/**
 * A report larger than any sane buffer is streamed: parsed in a child process, the peak memory stays
 * far below the file's size (a parser that read the file whole would need at least the file's size).
 * SHIPGATE_HUGE_REPORT_MB sets the size (default 256; the bench goes further).
 */
const SIZE_MB = Number(process.env.SHIPGATE_HUGE_REPORT_MB ?? 256);
const dir = tempDir("huge");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes header, then `block` until the file reaches SIZE_MB, then footer; returns the repeat count. */
function writeRepeated(file: string, header: string, block: string, footer: string): number {
  const descriptor = openSync(file, "w");
  const bytes = Buffer.from(block);
  let written = writeSync(descriptor, header);
  let repeats = 0;
  while (written < SIZE_MB * 1024 * 1024) {
    written += writeSync(descriptor, bytes);
    repeats++;
  }
  writeSync(descriptor, footer);
  closeSync(descriptor);
  return repeats;
}

function parseInChild(file: string): { lines: { covered: number; total: number }; files: number; maxRssMb: number } {
  const script = `
    const { parseCoverageFile } = await import(${JSON.stringify(join(import.meta.dirname, "../../src/coverage/parse.ts"))});
    const report = await parseCoverageFile(process.argv[1], { lineDetail: false });
    console.log(JSON.stringify({ lines: report.totals.lines, files: report.files.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script, file], { encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").pop()!) as ReturnType<typeof parseInChild>;
}

describe(`a ${SIZE_MB} MB report is streamed in bounded memory`, () => {
  it("lcov: test runs concatenated, the same files again and again", () => {
    const records: string[] = [];
    for (let file = 0; file < 50; file++) {
      records.push(`SF:src/file ${file}.ts`);
      for (let line = 1; line <= 500; line++) records.push(`DA:${line},${(line + file) % 3}`);
      records.push("end_of_record");
    }
    const file = join(dir, "huge.info");
    writeRepeated(file, "TN:\n", `${records.join("\n")}\n`, "");
    const result = parseInChild(file);
    expect(result.files).toBe(50);
    // Merged by line: each line counted once however often it repeats; (line + file) % 3 > 0 is 2 of 3.
    expect(result.lines.total).toBe(50 * 500);
    expect(result.lines.covered).toBe(records.filter((record) => /^DA:\d+,[12]$/.test(record)).length);
    expect(result.maxRssMb).toBeLessThan(SIZE_MB);
  });

  it("Cobertura: one document with a huge number of classes", () => {
    const lines = Array.from({ length: 400 }, (_, index) => `<line number="${index + 1}" hits="${index % 4}"/>`).join("\n");
    const block = `<class name="c" filename="src/a.py" line-rate="0" branch-rate="0"><methods/><lines>\n${lines}\n</lines></class>\n`;
    const file = join(dir, "huge.xml");
    writeRepeated(file, '<?xml version="1.0"?>\n<coverage lines-valid="400" lines-covered="300" line-rate="0.75"><packages><package name="p"><classes>\n', block, "</classes></package></packages></coverage>\n");
    const result = parseInChild(file);
    expect(result.lines).toEqual({ covered: 300, total: 400 });
    expect(result.files).toBe(1);
    expect(result.maxRssMb).toBeLessThan(SIZE_MB);
  });
});
