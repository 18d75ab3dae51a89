import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runActionBundle } from "../support/runner.ts";
import { faults, type Simulator } from "../simulator/index.ts";
import { tempDir } from "../support/temp.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const REPO = "octo-org/octo-repo";
const bundle = "dist/go-no-go.js";
let workspace: string;
let sim: Simulator;

beforeAll(async () => {
  workspace = tempDir("go-no-go");
  await mkdir(path.join(workspace, ".github"));
  await writeFile(
    path.join(workspace, ".github/shipgate.yml"),
    ["gates:", "  go-no-go:", "    required-checks: [integration, e2e, smoke]", "    staging:", "      required: true"].join("\n"),
  );
});
beforeEach(async () => {
  sim = await startTestSimulator();
});

function deploy(sha: string, env: Record<string, string> = {}) {
  return runActionBundle(bundle, { workspace, apiUrl: sim.url, eventName: "workflow_dispatch", inputs: { token: "t" }, env: { GITHUB_SHA: sha, SHIPGATE_RETRY_AFTER_BASE_MS: "1", ...env } });
}

function greenCommit(): string {
  const sha = sim.state.addCommit(REPO, { branch: "main" }).sha;
  sim.state.addCheckRun(REPO, { name: "integration", headSha: sha });
  sim.state.addCheckRun(REPO, { name: "e2e", headSha: sha });
  sim.state.addStatus(REPO, sha, { context: "smoke", state: "success" });
  const staging = sim.state.addDeployment(REPO, { ref: "main", sha, environment: "staging" });
  for (const state of ["in_progress", "success"] as const) sim.state.addDeploymentStatus(REPO, staging.id, { state });
  return sha;
}

describe("go-no-go action (runner contract)", () => {
  it("goes: label counts within limits, checks and statuses green, staging deployed", async () => {
    const sha = greenCommit();
    sim.state.addIssue(REPO, { labels: ["bug", "P2"] });
    sim.state.addIssue(REPO, { labels: ["bug", "P2"] });
    sim.state.addIssue(REPO, { labels: ["bug", "P3"] });
    const run = await deploy(sha);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ go: "true", issues: '{"bug+P1":0,"bug+P2":2}', "checks-passed": "3", staging: "passed", status: "pass" });
    expect(sim.state.repo("octo-org", "octo-repo")?.checkRuns.list((r) => r.name === "shipgate / go-no-go")[0]?.conclusion).toBe("success");
  });

  it("says no-go with the reasons: a P1 bug, a failed status, staging missing", async () => {
    const sha = sim.state.addCommit(REPO, { branch: "main" }).sha;
    sim.state.addIssue(REPO, { labels: ["Bug", "p1"], title: "Checkout broken" });
    sim.state.addCheckRun(REPO, { name: "integration", headSha: sha });
    sim.state.addCheckRun(REPO, { name: "e2e", headSha: sha, conclusion: null });
    sim.state.addStatus(REPO, sha, { context: "smoke", state: "failure", description: "2 of 40 failed" });
    const run = await deploy(sha);
    expect(run.exitCode).toBe(1);
    expect(run.failure).toBe("go-no-go: no-go: 1 bug+P1 (at most 0), 2 of 3 required checks not passed, staging not deployed");
    expect(run.outputs).toMatchObject({ go: "false", staging: "missing" });
    expect(run.summary).toContain("| smoke | ❌ failed | status: failure (2 of 40 failed) |");
  });

  it("exits 3 after bounded retries when the issues API keeps failing", async () => {
    const sha = greenCommit();
    sim.inject({ ...faults.serverError(503), operationId: "issues/list-for-repo", times: Infinity });
    const run = await deploy(sha, { SHIPGATE_HTTP_RETRIES: "1" });
    expect(run.exitCode).toBe(3);
    expect(run.failure).toMatch(/^go-no-go: listing open issues labelled bug \+ P[12] in octo-org\/octo-repo failed: HTTP 503/);
    expect(sim.requests.filter((r) => r.operationId === "issues/list-for-repo").length).toBeLessThanOrEqual(4);
  });
});
