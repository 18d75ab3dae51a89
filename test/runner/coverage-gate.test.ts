import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pullRequestEvent, runActionBundle } from "../support/runner.ts";
import { TestRepo } from "../support/git-repo.ts";
import { lcovRecord } from "../support/lcov.ts";

const bundle = "dist/coverage-gate.js";

/** A repository whose report covers 9 of 10 lines of src/app.ts. */
async function workspaceWithReport() {
  const repo = await TestRepo.create();
  await repo.write("src/app.ts", Array.from({ length: 10 }, (_, i) => `line${i + 1}`).join("\n") + "\n");
  const base = await repo.commit("feat: app", {});
  const hits = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, i === 9 ? 0 : 3]));
  await repo.write("coverage/lcov.info", lcovRecord(path.join(repo.dir, "src/app.ts"), hits));
  return { repo, base };
}

describe("coverage-gate action (runner contract)", () => {
  it("passes, sets outputs and writes the job summary", async () => {
    const { repo } = await workspaceWithReport();
    const result = await runActionBundle(bundle, { workspace: repo.dir, inputs: { files: "coverage/lcov.info", "min-lines": "80" } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ lines: "90", status: "pass", passed: "true", files: "1" });
    expect(result.summary.split("\n")[0]).toBe("## ✅ coverage: Project 90.00 % >= 80 %");
    expect(result.stdout).toContain("PASS coverage: Project 90.00 % >= 80 %");
    expect(result.stdout).toMatch(/^ {2}lines=90 .*files=1$/m);
    expect(result.summary).toContain("| **Project** (lines) | 90.00 % (9/10) | 80 % | – | – | ✅ |");
    expect(result.summary).toMatch(/src\/app\.ts/);
  });

  it("fails with a message that names the action and the unmet threshold", async () => {
    const { repo } = await workspaceWithReport();
    const result = await runActionBundle(bundle, { workspace: repo.dir, inputs: { files: "coverage/lcov.info", "min-lines": "95" } });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe("coverage-gate: coverage: Project 90.00 % < 95 %");
    expect(result.outputs).toMatchObject({ status: "fail", passed: "false" });
  });

  it("reads thresholds from the policy file, and inputs override it", async () => {
    const { repo } = await workspaceWithReport();
    await repo.write(".github/shipgate.yml", "gates:\n  coverage:\n    reports: [coverage/lcov.info]\n    lines: 95\n");
    const fromFile = await runActionBundle(bundle, { workspace: repo.dir });
    expect(fromFile.exitCode).toBe(1);
    const overridden = await runActionBundle(bundle, { workspace: repo.dir, inputs: { "min-lines": "85" } });
    expect(overridden.exitCode).toBe(0);
  });

  it("annotates uncovered changed lines of a pull request from the git diff", async () => {
    const { repo, base } = await workspaceWithReport();
    await repo.write("src/app.ts", Array.from({ length: 12 }, (_, i) => `line${i + 1}`).join("\n") + "\n");
    const head = await repo.commit("feat: more lines", {});
    const hits = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, i >= 10 ? 0 : 1]));
    await repo.write("coverage/lcov.info", lcovRecord(path.join(repo.dir, "src/app.ts"), hits));
    const result = await runActionBundle(bundle, {
      workspace: repo.dir,
      eventName: "pull_request",
      event: pullRequestEvent({ number: 7, baseSha: base, headSha: head }),
      inputs: { files: "coverage/lcov.info", "min-lines": "50", "min-patch": "80", token: "" },
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.patch).toBe("0");
    expect(result.failure).toBe("coverage-gate: coverage: Patch 0.00 % < 80 % · project 83.33 %");
    expect(result.annotations).toContainEqual({
      level: "warning",
      message: "Lines 11-12 are changed in this pull request but not covered by tests.",
      properties: { title: "Uncovered change", file: "src/app.ts", line: "11", endLine: "12" },
    });
  });

  it("says why changed lines were not measured when the base commit is missing and there is no token", async () => {
    const { repo } = await workspaceWithReport();
    const result = await runActionBundle(bundle, {
      workspace: repo.dir,
      eventName: "pull_request",
      event: pullRequestEvent({ number: 7, baseSha: "1".repeat(40), headSha: await repo.head() }),
      inputs: { files: "coverage/lcov.info", token: "" },
    });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatch(/Patch coverage not measured: the base commit is not in the checkout \(use fetch-depth: 0\)/);
  });

  it.each([
    [{ "min-lines": "eighty" }, /coverage-gate: configuration error: input "min-lines": expected a number >= 0 and <= 100, got "eighty"/],
    [{ "min-lines": "101" }, /input "min-lines": expected a number >= 0 and <= 100, got "101"/],
    [{ files: "missing/lcov.info" }, /coverage-gate: configuration error: coverage report missing\/lcov\.info not found/],
    [{ files: "**/*.nothing" }, /no coverage report matches \*\*\/\*\.nothing/],
    [{ format: "gcov" }, /input "format": expected one of auto, lcov/],
  ])("exits 2 on bad input %o", async (inputs, message) => {
    const { repo } = await workspaceWithReport();
    const result = await runActionBundle(bundle, { workspace: repo.dir, inputs: { files: "coverage/lcov.info", ...inputs } });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toMatch(message);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it("exits 2 naming the file and line of a broken policy", async () => {
    const { repo } = await workspaceWithReport();
    writeFileSync(path.join(repo.dir, "policy.yml"), "gates:\n  coverage:\n    lines: high\n");
    const result = await runActionBundle(bundle, { workspace: repo.dir, inputs: { config: "policy.yml" } });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toMatch(/policy\.yml:3: gates\.coverage\.lines: expected number/);
  });
});
