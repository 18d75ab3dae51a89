import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { pullRequestEvent, runActionBundle } from "../support/runner.ts";
import { TestRepo } from "../support/git-repo.ts";
import { lcovRecord } from "../support/lcov.ts";
import { faults, type Simulator } from "../simulator/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const bundle = "dist/coverage-gate.js";
const repoName = "octo-org/octo-repo";

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSimulator({ tokens: { good: "write", fork: "read" } });
});

/**
 * A pull request that adds 240 lines to src/app.ts, every other one covered: 120 uncovered changed ranges.
 * The simulator holds the same pull request, with the same commits, as GitHub would.
 */
async function pullRequestWithUncoveredLines(number: number, fork = false) {
  const repo = await TestRepo.create();
  await repo.write("src/app.ts", "start\n");
  const base = await repo.commit("feat: start", {});
  const added = Array.from({ length: 240 }, (_, i) => `line${i + 2}`);
  await repo.write("src/app.ts", ["start", ...added].join("\n") + "\n");
  const head = await repo.commit("feat: grow", {});
  const hits = Object.fromEntries(Array.from({ length: 241 }, (_, i) => [i + 1, i % 2 === 0 ? 1 : 0]));
  await repo.write("coverage/lcov.info", lcovRecord(path.join(repo.dir, "src/app.ts"), hits));
  const patch = `@@ -1 +1,241 @@\n start\n${added.map((l) => `+${l}`).join("\n")}`;
  sim.state.addPullRequest(repoName, {
    number,
    base: { ref: "main", sha: base },
    head: { ref: "feature", sha: head, ...(fork ? { repoFullName: "forker/octo-repo" } : {}) },
    files: [{ filename: "src/app.ts", status: "modified", patch }],
  });
  return { repo, base, head, event: pullRequestEvent({ number, baseSha: base, headSha: head, fork }) };
}

/** Runs the action on a pull_request event, with the simulator as the API. */
function runOnPullRequest(workspace: string, event: Record<string, unknown>, token: string) {
  return runActionBundle(bundle, {
    workspace,
    eventName: "pull_request",
    event,
    apiUrl: sim.url,
    inputs: { files: "coverage/lcov.info", "min-lines": "40", token },
  });
}

describe("coverage-gate action against the GitHub API simulator", () => {
  it("writes one check run on the head commit with every annotation, 50 per request", async () => {
    const { repo, head, event } = await pullRequestWithUncoveredLines(12);
    const result = await runActionBundle(bundle, {
      workspace: repo.dir,
      eventName: "pull_request",
      event,
      apiUrl: sim.url,
      inputs: { files: "coverage/lcov.info", "min-lines": "40", "min-patch": "60", token: "good" },
    });
    expect(result.exitCode).toBe(1);
    const runs = sim.state.repo("octo-org", "octo-repo")!.checkRuns.list();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: "shipgate / coverage", headSha: head, status: "completed", conclusion: "failure" });
    expect(runs[0]!.annotations).toHaveLength(120);
    expect(runs[0]!.annotations[0]).toMatchObject({ path: "src/app.ts", start_line: 2, end_line: 2, annotation_level: "warning" });
    const writes = sim.requests.filter((r) => r.operationId?.startsWith("checks/"));
    expect(writes.map((r) => r.operationId)).toEqual(["checks/create", "checks/update", "checks/update"]);
    expect(result.stdout).toMatch(/Check run written/);
  }, 60_000);

  it("reads the changed lines from the API when the checkout lacks the base commit", async () => {
    const { event } = await pullRequestWithUncoveredLines(13);
    const shallow = await TestRepo.create();
    await shallow.write("coverage/lcov.info", lcovRecord(path.join(shallow.dir, "src/app.ts"), Object.fromEntries(Array.from({ length: 241 }, (_, i) => [i + 1, i % 2 === 0 ? 1 : 0]))));
    await shallow.commit("only the head", {});
    const result = await runOnPullRequest(shallow.dir, event, "good");
    expect(result.exitCode).toBe(0);
    expect(result.outputs.patch).toBe("50");
    expect(sim.requests.map((r) => r.operationId)).toContain("pulls/list-files");
  }, 60_000);

  it("on a fork pull request's read-only token keeps the verdict and says why there is no check run", async () => {
    const { repo, event } = await pullRequestWithUncoveredLines(14, true);
    const result = await runOnPullRequest(repo.dir, event, "fork");
    expect(result.exitCode).toBe(0);
    expect(result.annotations).toContainEqual(expect.objectContaining({ level: "warning", message: expect.stringMatching(/No check run was written: the token may not write check runs/) }));
    expect(result.summary).toMatch(/No check run was written/);
    expect(sim.state.repo("octo-org", "octo-repo")!.checkRuns.list()).toHaveLength(0);
  }, 60_000);

  it("retries a 502 from the checks API and writes the check run", async () => {
    const { repo, event } = await pullRequestWithUncoveredLines(15);
    const fault = sim.inject({ operationId: "checks/create", status: 502, times: 1 });
    const result = await runOnPullRequest(repo.dir, event, "good");
    expect(fault.applied).toBe(1);
    expect(result.exitCode).toBe(0);
    expect(sim.state.repo("octo-org", "octo-repo")!.checkRuns.list()).toHaveLength(1);
  }, 60_000);

  it("keeps the verdict when the checks API stays rate limited", async () => {
    const { repo, event } = await pullRequestWithUncoveredLines(16);
    sim.inject({ ...faults.primaryRateLimit(1), operationId: "checks/create", times: Infinity });
    const result = await runOnPullRequest(repo.dir, event, "good");
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatch(/No check run was written: writing check run "shipgate \/ coverage" failed: HTTP 403 \(rate limit exhausted\)/);
  }, 60_000);
});
