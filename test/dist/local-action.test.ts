/**
 * The action bundles under @github/local-action, an independent client of dist/: it imports the entry, calls its
 * run() with a stubbed @actions/core, prints the outputs it collected and exits with the action's code.
 * Needs `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TestRepo } from "../support/git-repo.ts";
import { lcovRecord } from "../support/lcov.ts";
import { tempDir } from "../support/temp.ts";

const root = path.resolve(import.meta.dirname, "../..");
const localAction = path.join(root, "node_modules/@github/local-action/bin/local-action.js");

interface LocalRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
}

/** The table local-action prints under "Action Outputs": `│ 0 │ 'name' │ 'value' │` rows. */
function outputsOf(stdout: string): Record<string, string> {
  const table = stdout.slice(stdout.lastIndexOf("Action Outputs"));
  return Object.fromEntries([...table.matchAll(/│\s*\d+\s*│\s*'([^']*)'\s*│\s*'([^']*)'\s*│/g)].map((row) => [row[1]!, row[2]!]));
}

function runLocalAction(action: string, variables: Record<string, string>): LocalRun {
  const envFile = path.join(tempDir("local-action-env"), ".env");
  writeFileSync(envFile, Object.entries(variables).map(([key, value]) => `${key}=${JSON.stringify(value)}\n`).join(""));
  // The runner's own files stay out: what local-action shows must come from its stubs.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GITHUB_") && !key.startsWith("INPUT_") && !key.startsWith("RUNNER_")));
  env.PATH = [path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
  const entry = path.relative(path.join(root, "actions", action), path.join(root, "dist", `${action}.js`));
  const result = spawnSync(process.execPath, [localAction, "run", path.join("actions", action), entry, envFile], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, outputs: outputsOf(result.stdout) };
}

async function workspaceWithReport(): Promise<string> {
  const repo = await TestRepo.create();
  await repo.write("src/app.ts", Array.from({ length: 10 }, (_, i) => `line${i + 1}`).join("\n") + "\n");
  await repo.commit("feat: app", {});
  const hits = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, i === 9 ? 0 : 3]));
  await repo.write("coverage/lcov.info", lcovRecord(path.join(repo.dir, "src/app.ts"), hits));
  return repo.dir;
}

describe("the action bundles under @github/local-action", () => {
  it("coverage-gate passes: exit 0 and its outputs in local-action's table", async () => {
    const workspace = await workspaceWithReport();
    const run = runLocalAction("coverage-gate", { GITHUB_WORKSPACE: workspace, INPUT_FILES: "coverage/lcov.info", "INPUT_MIN-LINES": "80" });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ lines: "90", files: "1", status: "pass", passed: "true" });
  });

  it("coverage-gate fails below the threshold: exit 1, the verdict as the error, passed false", async () => {
    const workspace = await workspaceWithReport();
    const run = runLocalAction("coverage-gate", { GITHUB_WORKSPACE: workspace, INPUT_FILES: "coverage/lcov.info", "INPUT_MIN-LINES": "95" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::coverage-gate: coverage: Project 90.00 % < 95 %");
    expect(run.outputs).toMatchObject({ lines: "90", status: "fail", passed: "false" });
  });

  it("coverage-gate with a bad input: exit 2 naming the input", async () => {
    const workspace = await workspaceWithReport();
    const run = runLocalAction("coverage-gate", { GITHUB_WORKSPACE: workspace, INPUT_FILES: "coverage/lcov.info", "INPUT_MIN-LINES": "101" });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('::error::coverage-gate: configuration error: input "min-lines": expected a number >= 0 and <= 100, got "101"');
  });

  it("version computes the next version of a real repository: exit 0, next, bump and tag as outputs", async () => {
    const repo = await TestRepo.create();
    await repo.commit("feat: first");
    await repo.tag("v1.2.0", { annotated: true });
    await repo.commit("fix: a bug");
    await repo.commit("feat: a feature");
    const run = runLocalAction("version", { GITHUB_WORKSPACE: repo.dir });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ current: "1.2.0", next: "1.3.0", bump: "minor", tag: "v1.3.0", commits: "2", status: "pass" });
  });
});
