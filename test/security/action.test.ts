import { copyFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runActionBundle } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/security");
let workspace: string;

beforeAll(async () => {
  workspace = tempDir("security-action");
  for (const name of ["codeql.sarif", "trivy-image-clean.json", "npm-audit-v2-minimist-lodash.json"]) await copyFile(path.join(fixtures, name), path.join(workspace, name));
  await writeFile(path.join(workspace, "truncated.sarif"), '{"version": "2.1.0", "runs": [{"tool": {"dri');
});

describe("security-gate action (runner contract)", () => {
  it("fails on critical findings, annotates SARIF results at file and line, and sets the outputs", async () => {
    const run = await runActionBundle("dist/security-gate.js", { workspace, inputs: { reports: "codeql.sarif\ntrivy-image-clean.json" } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ critical: "2", high: "1", medium: "1", low: "1", unknown: "0", accepted: "0", passed: "false", status: "fail" });
    expect(run.failure).toBe("security-gate: security: 2 critical (at most 0)");
    const located = run.annotations.filter((a) => a.properties.file).map((a) => [a.level, a.properties.file, a.properties.line]);
    expect(located).toContainEqual(["error", "config/secrets.js", "3"]);
    expect(located).toContainEqual(["notice", "src/db.js", "42"]);
    expect(run.summary).toContain("| Severity | Found | Accepted | Allowed |");
    expect(run.summary).toContain("| critical | 2 ❌ | 0 | 0 |");
  });

  it("passes when inputs lift the limits", async () => {
    const run = await runActionBundle("dist/security-gate.js", { workspace, inputs: { reports: "npm-audit-v2-minimist-lodash.json", "max-critical": "2", "max-high": "3" } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ critical: "2", high: "3", medium: "4", passed: "true", status: "pass" });
  });

  it("fails closed with exit 2 on a truncated report", async () => {
    const run = await runActionBundle("dist/security-gate.js", { workspace, inputs: { reports: "truncated.sarif" } });
    expect(run.exitCode).toBe(2);
    expect(run.failure).toBe("security-gate: configuration error: truncated.sarif: the report ends before its JSON document does (truncated?)");
    expect(run.outputs.passed).toBeUndefined();
  });

  it("refuses a bad threshold input", async () => {
    const run = await runActionBundle("dist/security-gate.js", { workspace, inputs: { reports: "codeql.sarif", "max-high": "many" } });
    expect(run.exitCode).toBe(2);
    expect(run.failure).toMatch(/input "max-high": expected a whole number >= 0 or "unlimited", got "many"/);
  });
});
