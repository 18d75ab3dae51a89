import { mkdir, readFile, writeFile, open } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.ts";
import { readReportJson } from "../../src/security/read.ts";
import { parseReport } from "../../src/security/detect.ts";
import { tempDir } from "../support/temp.ts";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/security");
let dir: string;
const MB = 1024 * 1024;

beforeAll(async () => {
  dir = tempDir("security-read");
  const sarif = await readFile(path.join(fixtures, "codeql.sarif"));
  await writeFile(path.join(dir, "truncated.sarif"), sarif.subarray(0, Math.floor(sarif.length / 2)));
  await writeFile(path.join(dir, "binary.json"), Buffer.from([0x7b, 0x22, 0x00, 0x01, 0xff, 0xfe, 0x7d]));
  await writeFile(path.join(dir, "latin1.json"), Buffer.from([0x7b, 0x22, 0x61, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
  await writeFile(path.join(dir, "empty.json"), "");
  await writeFile(path.join(dir, "blank.json"), "  \n\t\n");
  await writeFile(path.join(dir, "garbage.json"), "<html>502 Bad Gateway</html>");
  await writeFile(path.join(dir, "bom.json"), "\uFEFF" + JSON.stringify({ results: [] }));
  await mkdir(path.join(dir, "a-directory.json"));
  // A sparse 3 MiB file: over a 2 MiB limit without writing 3 MiB of data.
  const huge = await open(path.join(dir, "huge.json"), "w");
  await huge.truncate(3 * MB);
  await huge.close();
});

async function failure(file: string, maxBytes = 100 * MB): Promise<string> {
  try {
    await readReportJson(file, { cwd: dir, maxBytes });
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`${file} was read without an error`);
}

describe("reading reports, fail-closed", () => {
  it.each([
    ["truncated.sarif", /^truncated\.sarif: the report ends before its JSON document does \(truncated\?\)$/],
    ["binary.json", /^binary\.json: the report is binary data/],
    ["latin1.json", /^latin1\.json: the report is not UTF-8 text$/],
    ["empty.json", /^empty\.json: the report is empty/],
    ["blank.json", /^blank\.json: the report is empty/],
    ["garbage.json", /^garbage\.json: the report is not valid JSON/],
    ["missing.json", /^missing\.json: report not found/],
    ["a-directory.json", /^a-directory\.json: the report is not a regular file$/],
  ])("%s", async (file, message) => {
    expect(await failure(file)).toMatch(message);
  });

  it("refuses every fixture cut at any of 25 points with a UserError, never zero findings", async () => {
    const names = ["codeql.sarif", "npm-audit-v1-minimist-lodash.json", "npm-audit-v2-minimist-lodash.json", "trivy-fs.json", "osv-scanner.json"];
    for (const name of names) {
      const bytes = await readFile(path.join(fixtures, name));
      for (let i = 1; i <= 25; i++) {
        const cut = Math.floor((bytes.length * i) / 26);
        await writeFile(path.join(dir, "cut.json"), bytes.subarray(0, cut));
        expect(await failure("cut.json"), `${name} cut at ${cut}`).toMatch(/^cut\.json: the report (ends before|is not valid JSON)/);
      }
    }
  });

  it("refuses a report over the size limit before reading it", async () => {
    expect(await failure("huge.json", 2 * MB)).toBe("huge.json: the report is 3.0 MB; at most 2 MB (max-report-mb) is read");
  });

  // A file under /proc says it has 0 bytes and holds more: it stands for a report that grows after stat().
  it("reads a report that grew after its size was taken to its end, and refuses one that grew over the limit", async () => {
    expect(await failure("/proc/self/status")).toMatch(/^\/proc\/self\/status: the report is not valid JSON/);
    expect(await failure("/proc/self/status", 64)).toMatch(/^\/proc\/self\/status: the report grew beyond .* while being read$/);
  });

  it("refuses a deeply nested document with a clear message", async () => {
    await writeFile(path.join(dir, "deep.json"), `{"version": "2.1.0", "runs": ${"[".repeat(200_000)}${"]".repeat(200_000)}}`);
    const data = await readReportJson("deep.json", { cwd: dir, maxBytes: MB });
    expect(() => parseReport(data, "deep.json")).toThrow("deep.json: runs[0]: expected an object");
  });

  it("reads a report with a byte-order mark", async () => {
    const data = await readReportJson("bom.json", { cwd: dir, maxBytes: MB });
    expect(parseReport(data, "bom.json").format).toBe("osv-scanner");
  });

  it("reads a large valid report (50 000 SARIF results) completely", async () => {
    const results = Array.from({ length: 50_000 }, (_, i) => ({
      ruleId: i % 10 === 0 ? "critical-rule" : "other-rule",
      message: { text: `finding ${i}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `src/file${i % 500}.ts` }, region: { startLine: (i % 300) + 1 } } }],
    }));
    const rules = [
      { id: "critical-rule", properties: { "security-severity": "9.1" } },
      { id: "other-rule", properties: { "security-severity": "2.0" } },
    ];
    await writeFile(path.join(dir, "large.sarif"), JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: "Big", rules } }, results }] }));
    const report = parseReport(await readReportJson("large.sarif", { cwd: dir, maxBytes: 100 * MB }), "large.sarif");
    expect(report.findings.length).toBe(50_000);
    expect(report.findings.filter((f) => f.severity === "critical").length).toBe(5_000);
  });
});
