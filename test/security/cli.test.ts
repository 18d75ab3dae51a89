import { copyFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { tempDir } from "../support/temp.ts";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/security");
let dir: string;

beforeAll(async () => {
  dir = tempDir("security-cli");
  for (const name of ["codeql.sarif", "npm-audit-v2-minimist-lodash.json", "npm-audit-v1-minimist-lodash.json", "trivy-image-clean.json", "osv-scanner-clean.json", "npm11-audit-endpoint-405.json"]) {
    await copyFile(path.join(fixtures, name), path.join(dir, name));
  }
  await writeFile(
    path.join(dir, "accept.yml"),
    [
      "gates:",
      "  security:",
      "    reports: [npm-audit-v2-minimist-lodash.json]",
      "    max-high: 3",
      "    accept:",
      "      - id: GHSA-xvch-5gv4-984h",
      "        package: minimist",
      "        reason: only parses our own CLI flags",
      "        expires: 2026-12-31",
      "      - id: GHSA-jf85-cpcp-j695",
      "        reason: defaultsDeep is never called",
      "        expires: 2026-12-31",
      "",
    ].join("\n"),
  );
  await writeFile(path.join(dir, "no-reason.yml"), "gates:\n  security:\n    accept:\n      - id: X\n        expires: 2026-12-31\n");
});

async function cli(args: string[], at = "2026-06-15T12:00:00Z") {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: {}, now: () => new Date(at) });
  return { code, stdout, stderr };
}

describe("shipgate security", () => {
  it("fails (exit 1) on critical findings and prints one JSON document", async () => {
    const { code, stdout, stderr } = await cli(["security", "npm-audit-v2-minimist-lodash.json", "--json"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ status: "fail", counts: { critical: 2, high: 3, medium: 4, low: 0, unknown: 0 }, accepted: 0 });
    expect(json.reports).toEqual([{ file: "npm-audit-v2-minimist-lodash.json", format: "npm-audit-v2", tool: "npm audit", findings: 9, suppressed: 0 }]);
    expect(json.findings[0]).toMatchObject({ severity: "critical", state: "counted" });
  });

  it("merges several reports of different formats", async () => {
    const { code, stdout } = await cli(["security", "codeql.sarif", "trivy-image-clean.json", "osv-scanner-clean.json", "--max-critical", "unlimited", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).counts).toEqual({ critical: 2, high: 1, medium: 1, low: 1, unknown: 0 });
  });

  it("takes reports, thresholds and acceptances from the policy file", async () => {
    const { code, stdout } = await cli(["security", "--config", "accept.yml", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: "pass", counts: { critical: 0, high: 3 }, accepted: 2 });
  });

  it("flags override the policy file", async () => {
    const { code, stdout } = await cli(["security", "--config", "accept.yml", "--max-high", "2"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL security: 3 high \(at most 2\)/);
  });

  it("fails once the acceptances have expired", async () => {
    const { code, stdout } = await cli(["security", "--config", "accept.yml", "--json"], "2027-01-01T00:00:00Z");
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.title).toBe("2 critical (at most 0), 2 expired acceptances");
    expect(json.expired).toBe(2);
  });

  it("gives the same verdict for the npm 6 report of the same tree", async () => {
    const v1 = JSON.parse((await cli(["security", "npm-audit-v1-minimist-lodash.json", "--json"])).stdout);
    const v2 = JSON.parse((await cli(["security", "npm-audit-v2-minimist-lodash.json", "--json"])).stdout);
    expect(v1.counts).toEqual(v2.counts);
    expect(v1.findings.map((f: { id: string }) => f.id).sort()).toEqual(v2.findings.map((f: { id: string }) => f.id).sort());
  });

  it.each([
    [["security", "missing.json"], "shipgate: missing.json: report not found (did the scanner run and write it?)\n"],
    [["security", "npm11-audit-endpoint-405.json"], /^shipgate: npm11-audit-endpoint-405\.json: npm audit failed and wrote no report: 405 Method Not Allowed/],
    [["security", "reports/*.sarif"], 'shipgate: report pattern "reports/*.sarif" matches no file (did the scanner run?)\n'],
    [["security"], /^shipgate: no security report given/],
    [["security", "codeql.sarif", "--max-high", "two"], /^shipgate: --max-high: expected a whole number >= 0 or "unlimited", got "two"/],
    [["security", "codeql.sarif", "--max-report-mb", "0"], /^shipgate: --max-report-mb: expected a whole number >= 1/],
    [["security", "--config", "no-reason.yml", "codeql.sarif"], /no-reason\.yml:4: gates\.security\.accept\[0\]\.reason: required key is missing/],
  ])("exit 2 with a clear message: %j", async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    if (typeof message === "string") expect(stderr).toBe(message);
    else expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("expands glob patterns", async () => {
    const { code, stdout } = await cli(["security", "*-clean.json", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).reports.map((r: { file: string }) => r.file)).toEqual(["osv-scanner-clean.json", "trivy-image-clean.json"]);
  });
});
