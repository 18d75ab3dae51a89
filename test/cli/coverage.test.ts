import { execFile } from "node:child_process";
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { TestRepo } from "../support/git-repo.ts";
import { lcovRecord } from "../support/lcov.ts";
import { repoRoot } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";

async function cli(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {}, now: () => new Date() });
  return { exitCode, stdout, stderr };
}

function reportDir(): string {
  const dir = tempDir("cli");
  writeFileSync(path.join(dir, "a.info"), lcovRecord("src/a.ts", { 1: 1, 2: 1, 3: 0, 4: 1 }));
  writeFileSync(path.join(dir, "b.info"), lcovRecord("src/b.ts", { 1: 1, 2: 0 }));
  return dir;
}

describe("shipgate coverage", () => {
  it("prints the documented JSON and merges several reports", async () => {
    const dir = reportDir();
    const { exitCode, stdout } = await cli(["coverage", "a.info", "b.info", "--min-lines", "60", "--json"], dir);
    expect(exitCode).toBe(0);
    const json = JSON.parse(stdout);
    // 4 of 6 is 66.666…: shown 66.66 in the JSON as in the text, never rounded up to a figure it does not reach.
    expect(json).toMatchObject({ status: "pass", lines: { covered: 4, total: 6, pct: 66.66 }, files: 2 });
    expect(json.title).toBe("Project 66.66 % >= 60 %");
    expect(json).toHaveProperty("branches");
    expect(json).toHaveProperty("functions");
  });

  it("accepts vitest v8's negative counts with a warning naming the report's line, and gates on the rest", async () => {
    const dir = tempDir("cli");
    writeFileSync(path.join(dir, "lcov.info"), "SF:src/a.ts\nDA:1,1\nDA:2,1\nBRDA:1,0,0,3\nBRDA:1,0,1,-4\nend_of_record\n");
    const { exitCode, stdout } = await cli(["coverage", "lcov.info", "--min-lines", "80", "--min-branches", "50"], dir);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^PASS coverage: Project 100\.00 % >= 80 %\n {2}lines: 100\.00 % \(2\/2\)\n {2}branches: 50\.00 % \(1\/2\)/);
    expect(stdout).toContain('warning: lcov.info:5: "BRDA:1,0,1,-4" has a negative count; counted as not covered');
  });

  it("exits 1 on a failed threshold, with a readable verdict", async () => {
    const { exitCode, stdout } = await cli(["coverage", "a.info", "--min-lines", "80"], reportDir());
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/^FAIL coverage: Project 75\.00 % < 80 %/);
    expect(stdout).toMatch(/lines: 75\.00 % \(3\/4\)/);
  });

  it("measures the lines changed since --base in a real repository", async () => {
    const repo = await TestRepo.create();
    await repo.write("src/a.ts", "a\nb\n");
    await repo.commit("feat: a", {});
    await repo.write("src/a.ts", "a\nb\nc\nd\n");
    await repo.commit("feat: more", {});
    await repo.write("lcov.info", lcovRecord("src/a.ts", { 1: 1, 2: 1, 3: 1, 4: 0 }));
    const { exitCode, stdout } = await cli(["coverage", "lcov.info", "--base", "HEAD~1", "--min-patch", "60", "--json"], repo.dir);
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout).patch).toEqual({ covered: 1, total: 2, pct: 50 });
  });

  it.each([
    [["coverage", "a.info", "--min-lines", "abc"], /--min-lines: expected a number >= 0 and <= 100, got "abc"/],
    [["coverage", "missing.info"], /coverage report missing\.info not found/],
    [["coverage", "a.info", "--format", "gcov"], /--format: expected one of auto, lcov/],
    [["coverage", "a.info", "--max-drop", "2"], /--max-drop needs --baseline$/m],
    [["coverage", "a.info", "--base=--output=/tmp/x"], /not a usable git ref/],
  ])("exits 2 on %o", async (argv, message) => {
    const { exitCode, stderr } = await cli(argv as string[], reportDir());
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("runs as a self-contained bundle in a folder without node_modules", async () => {
    const dir = reportDir();
    cpSync(path.join(repoRoot, "dist"), path.join(dir, "dist"), { recursive: true });
    const { stdout } = await promisify(execFile)(process.execPath, ["dist/cli.js", "coverage", "a.info", "--min-lines", "50", "--json"], { cwd: dir });
    expect(JSON.parse(stdout)).toMatchObject({ status: "pass", lines: { pct: 75 } });
    const help = await promisify(execFile)(process.execPath, ["dist/cli.js", "--help"], { cwd: dir });
    expect(help.stdout).toMatch(/Usage: shipgate/);
  });
});
