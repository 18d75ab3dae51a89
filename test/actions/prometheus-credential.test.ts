/**
 * A Prometheus credential that the policy names by environment variable is masked in the action's log, as a
 * secret input is, by both actions that talk to Prometheus: it may not be a GitHub secret, so the runner would not
 * mask it by itself. The actions run from source as the runner runs them; nothing answers at Prometheus or GitHub,
 * so each run ends with exit 3 after its settings are read, which is when the credential is masked.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runActionBundle, type RunnerResult } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";

const UNREACHABLE = "http://127.0.0.1:9";

const policy = `rollback:
  prometheus: { url: '${UNREACHABLE}', bearer-token-env: PROM_TOKEN, retries: 0 }
  rules:
    - { name: errors, query: 'x', above: 0.1, no-data: inconclusive }
rollout:
  steps: [{ weight: 5, bake: 1s }, { weight: 100 }]
  interval: 1s
  commands: { traffic: ['${process.execPath}', '-e', ''], rollback: ['${process.execPath}', '-e', ''] }
`;

let workspace: string;

/** The lines of the log that show the secret other than in the command that masks it. */
function leaks(result: RunnerResult, secret: string): string[] {
  return `${result.stdout}\n${result.stderr}`.split("\n").filter((line) => line.includes(secret) && !line.startsWith("::add-mask::"));
}

describe("a Prometheus credential from the environment variable the policy names", () => {
  beforeAll(async () => {
    workspace = tempDir("prometheus-credential");
    await mkdir(path.join(workspace, ".github"));
    await writeFile(path.join(workspace, ".github/shipgate.yml"), policy);
  });

  afterAll(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it("is masked by the rollback guard", async () => {
    const result = await runActionBundle("src/actions/rollback-guard.ts", { workspace, inputs: { once: "true" }, env: { PROM_TOKEN: "guard-s3cret" } });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(result.stdout).toContain("::add-mask::guard-s3cret");
    expect(leaks(result, "guard-s3cret")).toEqual([]);
  });

  it("is masked by the rollout", async () => {
    const result = await runActionBundle("src/actions/rollout.ts", {
      workspace,
      inputs: { environment: "production", token: "github-token" },
      env: { PROM_TOKEN: "rollout-s3cret", SHIPGATE_HTTP_RETRIES: "0" },
    });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(result.stdout).toContain("::add-mask::rollout-s3cret");
    expect(leaks(result, "rollout-s3cret")).toEqual([]);
  });
});
