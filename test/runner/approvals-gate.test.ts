import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pullRequestEvent, runActionBundle } from "../support/runner.ts";
import { faults, type Simulator } from "../simulator/index.ts";
import { tempDir } from "../support/temp.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const REPO = "octo-org/octo-repo";
const bundle = "dist/approvals-gate.js";
let workspace: string;
let sim: Simulator;

beforeAll(async () => {
  workspace = tempDir("approvals");
});
beforeEach(async () => {
  sim = await startTestSimulator();
});

/** A pull request of `contributor` with the given reviews, each reviewer holding write access. */
function seedPull(reviews: { user: string; state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" }[]) {
  const pull = sim.state.addPullRequest(REPO, { user: "contributor", files: [{ filename: "src/app.ts", patch: "@@ -0,0 +1 @@\n+x" }] });
  for (const review of reviews) {
    sim.state.setPermission(REPO, review.user, "write");
    sim.state.addReview(REPO, pull.number, review);
  }
  return pull;
}

function onPull(pull: { number: number; base: { sha: string }; head: { sha: string } }, env: Record<string, string> = {}, inputs: Record<string, string> = {}) {
  return runActionBundle(bundle, {
    workspace,
    apiUrl: sim.url,
    eventName: "pull_request",
    event: pullRequestEvent({ number: pull.number, baseSha: pull.base.sha, headSha: pull.head.sha }),
    inputs: { token: "t", ...inputs },
    env: { SHIPGATE_RETRY_AFTER_BASE_MS: "1", ...env },
  });
}

describe("approvals-gate action (runner contract)", () => {
  it("passes a pull request with two approvals and writes a check run branch protection can require", async () => {
    const pull = seedPull([{ user: "alice", state: "APPROVED" }, { user: "bob", state: "COMMENTED" }, { user: "bob", state: "APPROVED" }]);
    const run = await onPull(pull);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: "pass", passed: "true", approvals: "2", required: "2", "pull-request": String(pull.number) });
    const check = sim.state.repo("octo-org", "octo-repo")?.checkRuns.list()[0];
    expect([check?.name, check?.headSha, check?.conclusion]).toEqual(["shipgate / approvals", pull.head.sha, "success"]);
    expect(run.summary).toContain("| @alice | approved |");
  });

  it("reads the policy file of input working-directory, as every action does", async () => {
    await mkdir(path.join(workspace, "service/.github"), { recursive: true });
    await writeFile(path.join(workspace, "service/.github/shipgate.yml"), "gates:\n  approvals:\n    required: 1\n");
    const pull = seedPull([{ user: "alice", state: "APPROVED" }]);
    const run = await onPull(pull, {}, { "working-directory": "service" });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: "pass", approvals: "1", required: "1" });
  });

  it("fails a pull request with one approval and an outstanding change request", async () => {
    const pull = seedPull([{ user: "alice", state: "APPROVED" }, { user: "bob", state: "CHANGES_REQUESTED" }]);
    const run = await onPull(pull);
    expect(run.exitCode).toBe(1);
    expect(run.failure).toBe(`approvals-gate: approvals: #${pull.number}: 1 of 2 approvals; changes requested by @bob`);
    expect(sim.state.repo("octo-org", "octo-repo")?.checkRuns.list()[0]?.conclusion).toBe("failure");
  });

  it("in a deploy job, judges the merged pull request of the deployed commit", async () => {
    const pull = sim.state.addPullRequest(REPO, { user: "contributor", merged: true, files: [{ filename: "a.ts" }] });
    for (const user of ["alice", "bob"]) {
      sim.state.setPermission(REPO, user, "maintain");
      sim.state.addReview(REPO, pull.number, { user, state: "APPROVED" });
    }
    const run = await runActionBundle(bundle, { workspace, apiUrl: sim.url, eventName: "push", inputs: { token: "t" }, env: { GITHUB_SHA: pull.mergeCommitSha! } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs["pull-request"]).toBe(String(pull.number));
  });

  it("in a deploy job, fails clearly when the commit came without a pull request", async () => {
    const direct = sim.state.addCommit(REPO, { branch: "main", message: "hotfix pushed directly" });
    const run = await runActionBundle(bundle, { workspace, apiUrl: sim.url, eventName: "workflow_dispatch", inputs: { token: "t" }, env: { GITHUB_SHA: direct.sha } });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toBe(`approvals-gate: approvals: no merged pull request for ${direct.sha.slice(0, 7)}`);
    expect(run.outputs["pull-request"]).toBe("");
  });

  it("waits out a secondary rate limit (403 + retry-after) and a 429, then succeeds", async () => {
    const pull = seedPull([{ user: "alice", state: "APPROVED" }, { user: "bob", state: "APPROVED" }]);
    const secondary = sim.inject({ ...faults.secondaryRateLimit(1), operationId: "graphql" });
    const tooMany = sim.inject({ ...faults.tooManyRequests(1), operationId: "graphql" });
    const run = await onPull(pull);
    expect(run.exitCode).toBe(0);
    expect([secondary.applied, tooMany.applied]).toEqual([1, 1]);
    expect(sim.requests.filter((r) => r.operationId === "graphql").map((r) => r.status)).toEqual([403, 429, 200]);
  });

  it("retries 5xx within a bound, then exits 3 with a clear message", async () => {
    const pull = seedPull([]);
    sim.inject({ ...faults.serverError(502), operationId: "graphql", times: Infinity });
    const run = await onPull(pull, { SHIPGATE_HTTP_RETRIES: "2" });
    expect(run.exitCode).toBe(3);
    expect(run.failure).toBe(`approvals-gate: reading pull request #${pull.number} of octo-org/octo-repo failed: HTTP 502: Server Error`);
    expect(sim.requests.filter((r) => r.operationId === "graphql")).toHaveLength(3);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives up on a server that never answers after the timeout and its retries: exit 3", async () => {
    const pull = seedPull([]);
    sim.inject({ ...faults.hang(), operationId: "graphql", times: Infinity });
    const run = await onPull(pull, { SHIPGATE_HTTP_RETRIES: "1", SHIPGATE_HTTP_TIMEOUT_MS: "300" });
    expect(run.exitCode).toBe(3);
    expect(run.failure).toMatch(new RegExp(`^approvals-gate: reading pull request #${pull.number} of octo-org/octo-repo failed: `));
    expect(sim.requests.filter((r) => r.operationId === "graphql")).toHaveLength(2);
  });

  it("does not retry bad credentials (401): exit 3 naming the token", async () => {
    const pull = seedPull([]);
    sim.inject({ ...faults.badCredentials(), operationId: "graphql", times: Infinity });
    const run = await onPull(pull);
    expect(run.exitCode).toBe(3);
    expect(run.failure).toMatch(/HTTP 401 \(the token is missing, expired or invalid\)/);
    expect(sim.requests.filter((r) => r.operationId === "graphql")).toHaveLength(1);
  });

  it("does not retry a pull request that does not exist (404): exit 3", async () => {
    sim.state.addRepo(REPO);
    const run = await runActionBundle(bundle, { workspace, apiUrl: sim.url, eventName: "workflow_dispatch", inputs: { token: "t", "pull-request": "77" }, env: { SHIPGATE_RETRY_AFTER_BASE_MS: "1" } });
    expect(run.exitCode).toBe(3);
    expect(run.failure).toBe("approvals-gate: reading pull request #77 of octo-org/octo-repo failed: not found, or the token cannot see it");
    expect(sim.requests.filter((r) => r.operationId === "graphql")).toHaveLength(1);
  });

  it("does not retry a commit the API does not know (REST 404): exit 3", async () => {
    sim.state.addRepo(REPO);
    sim.inject({ ...faults.notFound(), operationId: "repos/list-pull-requests-associated-with-commit", times: Infinity });
    const run = await runActionBundle(bundle, { workspace, apiUrl: sim.url, eventName: "push", inputs: { token: "t" } });
    expect(run.exitCode).toBe(3);
    expect(run.failure).toMatch(/finding the pull request of commit 0000000 in octo-org\/octo-repo failed: HTTP 404 \(not found, or the token cannot see it\)/);
    expect(sim.requests).toHaveLength(1);
  });

  it("says which token it needs when the token is empty: exit 2", async () => {
    const run = await runActionBundle(bundle, { workspace, apiUrl: sim.url, eventName: "push", inputs: { token: "" } });
    expect(run.exitCode).toBe(2);
    expect(run.failure).toMatch(/^approvals-gate: configuration error: input "token" is empty: the approvals gate needs a token with pull-requests: read and contents: read/);
    expect(sim.requests).toHaveLength(0);
  });
});
