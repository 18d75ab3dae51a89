import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pullRequestEvent, runActionBundle } from "../support/runner.ts";
import type { Simulator } from "../simulator/index.ts";
import { tempDir } from "../support/temp.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const REPO = "octo-org/octo-repo";
const bundle = "dist/preflight.js";
const MARKER = "<!-- shipgate:preflight -->";
let workspace: string;
let sim: Simulator;

beforeAll(async () => {
  workspace = tempDir("preflight");
  await mkdir(path.join(workspace, ".github"));
  await writeFile(
    path.join(workspace, ".github/shipgate.yml"),
    ["preflight:", "  comment: true", "gates:", "  coverage:", "    enabled: false", "  approvals:", "    required: 1"].join("\n"),
  );
});
beforeEach(async () => {
  sim = await startTestSimulator();
});

function seedPull() {
  const pull = sim.state.addPullRequest(REPO, { user: "contributor", files: [{ filename: "src/app.ts" }] });
  sim.state.setPermission(REPO, "alice", "write");
  sim.state.addReview(REPO, pull.number, { user: "alice", state: "APPROVED" });
  // Unrelated comments before ours, more than one page of them.
  for (let i = 0; i < 120; i++) sim.state.addComment(REPO, pull.number, `looks good ${i}`, "reviewer");
  return pull;
}

function onPull(pull: { number: number; base: { sha: string }; head: { sha: string } }, options: { fork?: boolean; token?: string } = {}) {
  return runActionBundle(bundle, {
    workspace,
    apiUrl: sim.url,
    eventName: "pull_request",
    event: pullRequestEvent({ number: pull.number, baseSha: pull.base.sha, headSha: pull.head.sha, fork: options.fork ?? false }),
    inputs: { token: options.token ?? "t" },
    env: { SHIPGATE_RETRY_AFTER_BASE_MS: "1" },
  });
}

const ours = () => sim.state.repo("octo-org", "octo-repo")?.comments.list((c) => c.body.startsWith(MARKER)) ?? [];

describe("preflight umbrella (runner contract)", () => {
  it("runs approvals and go/no-go, writes one check run, and one sticky comment updated in place on re-runs", async () => {
    const pull = seedPull();
    const first = await onPull(pull);
    expect(first.exitCode).toBe(0);
    expect(JSON.parse(first.outputs.gates ?? "{}")).toEqual({ approvals: "pass", "go-no-go": "pass" });
    expect(first.summary).toMatch(/\| ✅ approvals \| #\d+: 1 approval \(@\u200Balice\) \|/);
    expect(ours()).toHaveLength(1);
    const created = ours()[0]!;
    expect(created.body).toContain("| ✅ go-no-go |");

    sim.state.addReview(REPO, pull.number, { user: "alice", state: "CHANGES_REQUESTED" });
    const second = await onPull(pull);
    expect(second.exitCode).toBe(1);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.id).toBe(created.id);
    expect(ours()[0]!.body).toContain("| ❌ approvals |");
    expect(sim.requests.filter((r) => r.operationId === "issues/create-comment")).toHaveLength(1);
    expect(sim.requests.filter((r) => r.operationId === "issues/update-comment")).toHaveLength(1);
    expect(sim.state.repo("octo-org", "octo-repo")?.checkRuns.list((r) => r.name === "shipgate / preflight").map((r) => r.conclusion)).toEqual(["success", "failure"]);
  });

  it("writes no comment on a pull request from a fork, and says so in the summary", async () => {
    const pull = seedPull();
    const run = await onPull(pull, { fork: true });
    expect(run.exitCode).toBe(0);
    expect(ours()).toHaveLength(0);
    expect(sim.requests.filter((r) => r.operationId === "issues/list-comments")).toHaveLength(0);
    expect(run.summary).toContain("> No pull-request comment: this pull request comes from a fork");
  });

  it("in a deploy job, judges the merged pull request of the deployed commit and never comments", async () => {
    const pull = sim.state.addPullRequest(REPO, { user: "contributor", merged: true, files: [{ filename: "a.ts" }] });
    sim.state.setPermission(REPO, "alice", "write");
    sim.state.addReview(REPO, pull.number, { user: "alice", state: "APPROVED" });
    const run = await runActionBundle(bundle, { workspace, apiUrl: sim.url, eventName: "push", inputs: { token: "t" }, env: { GITHUB_SHA: pull.mergeCommitSha!, SHIPGATE_RETRY_AFTER_BASE_MS: "1" } });
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain(`| ✅ approvals | #${pull.number}: 1 approval (@\u200Balice) |`);
    expect(sim.requests.filter((r) => r.operationId?.startsWith("issues/") && r.operationId.includes("comment"))).toHaveLength(0);
  });

  it("a GitHub failure is that gate's failed row; the other gates still report", async () => {
    const pull = seedPull();
    sim.inject({ status: 401, body: { message: "Bad credentials" }, operationId: "graphql", times: Infinity });
    const run = await onPull(pull);
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.outputs.gates ?? "{}")).toEqual({ approvals: "fail", "go-no-go": "pass" });
    expect(run.summary).toMatch(/\| ❌ approvals \| external error: reading pull request #\d+ of octo-org\/octo-repo failed: HTTP 401 \(the token is missing, expired or invalid\)/);
  });

  it("without a token, counts the GitHub gates as skipped (not passed) and says what they need", async () => {
    const pull = seedPull();
    const run = await onPull(pull, { token: "" });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: "skip", gates: '{"approvals":"skip","go-no-go":"skip"}' });
    expect(run.summary).toMatch(/\| ⏭️ approvals \| input "token" is empty: the approvals gate needs a token with pull-requests: read/);
    expect(sim.requests).toHaveLength(0);
  });
});
