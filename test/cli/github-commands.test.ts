import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { faults, type Simulator } from "../simulator/index.ts";
import { tempDir } from "../support/temp.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { TestRepo } from "../support/git-repo.ts";

const REPO = "acme/app";
let cwd: string;
let sim: Simulator;

beforeAll(async () => {
  // Not a git checkout: commits come from --sha, the repository from --repo.
  cwd = tempDir("cli-github");
  await mkdir(path.join(cwd, ".github"));
  await writeFile(path.join(cwd, ".github/shipgate.yml"), "gates:\n  coverage:\n    enabled: false\n  approvals:\n    required: 1\n");
});
beforeEach(async () => {
  sim = await startTestSimulator();
});

async function run(argv: string[], env: Record<string, string> = { GITHUB_TOKEN: "t" }, where = cwd) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: where, env: { ...simulatorEnv(sim), ...env }, now: () => new Date("2026-11-21T12:00:00Z") });
  return { exitCode, stdout, stderr };
}

function approvedPull() {
  const pull = sim.state.addPullRequest(REPO, { user: "contributor", merged: true, files: [{ filename: "a.ts" }] });
  sim.state.setPermission(REPO, "alice", "write");
  sim.state.addReview(REPO, pull.number, { user: "alice", state: "APPROVED" });
  return pull;
}

describe("shipgate approvals / go-no-go / preflight", () => {
  it("approvals --pr prints the verdict as JSON", async () => {
    const pull = approvedPull();
    const result = await run(["approvals", "--repo", REPO, "--pr", String(pull.number), "--json"]);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "pass", pullRequest: pull.number, approvals: 1, required: 1 });
  });

  it("approvals --sha judges the merged pull request of a deployed commit; --required raises the bar", async () => {
    const pull = approvedPull();
    const result = await run(["approvals", "--repo", REPO, "--sha", pull.mergeCommitSha!, "--required", "2"]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(`FAIL approvals: #${pull.number}: 1 of 2 approvals\n  failure: 2 approvals required, 1 counted (@alice)\n  notice: no CODEOWNERS file in .github/, the repository root or docs/: no code-owner approvals are required\n`);
  });

  it("approvals without GITHUB_TOKEN names the token and permission it needs: exit 2", async () => {
    const result = await run(["approvals", "--repo", REPO, "--pr", "1", "--json"], {});
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^shipgate: GITHUB_TOKEN is empty: the approvals gate needs a token with pull-requests: read and contents: read/);
    expect(sim.requests).toHaveLength(0);
  });

  it("approvals with a bad --repo or --pr is bad input: exit 2", async () => {
    expect((await run(["approvals", "--repo", "not a repo", "--pr", "1"])).stderr).toBe('shipgate: --repo: expected owner/name, got "not a repo"\n');
    expect((await run(["approvals", "--repo", REPO, "--pr", "x"])).exitCode).toBe(2);
  });

  it("go-no-go --sha counts issues by label sets", async () => {
    const sha = sim.state.addCommit(REPO, { branch: "main" }).sha;
    sim.state.addIssue(REPO, { labels: ["bug", "P1"] });
    const result = await run(["go-no-go", "--repo", REPO, "--sha", sha, "--json"]);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "fail", go: false, sha, issues: { "bug+P1": 1, "bug+P2": 0 } });
  });

  it("go-no-go takes the action's policy overrides as flags too", async () => {
    const sha = sim.state.addCommit(REPO, { branch: "main" }).sha;
    sim.state.addCheckRun(REPO, { name: "integration", headSha: sha });
    const result = await run(["go-no-go", "--repo", REPO, "--sha", sha, "--required-checks", "integration,e2e", "--require-staging", "--staging-environment", "qa", "--json"]);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ title: "no-go: 1 of 2 required checks not passed, staging not deployed", checksPassed: 1, staging: "missing" });
  });

  it("in a checkout, go-no-go judges HEAD in the repository of the origin remote", async () => {
    sim.state.addRepo(REPO);
    const checkout = await TestRepo.create({ remote: `git@github.com:${REPO}.git` });
    const head = await checkout.commit("feat: first");
    const result = await run(["go-no-go", "--json"], { GITHUB_TOKEN: "t" }, checkout.dir);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ go: true, sha: head });
    expect(sim.requests.every((r) => r.path.startsWith(`/repos/${REPO}/`))).toBe(true);
  });

  it("go-no-go --dir judges the HEAD and origin of that checkout, from anywhere", async () => {
    sim.state.addRepo(REPO);
    const checkout = await TestRepo.create({ remote: `git@github.com:${REPO}.git` });
    const head = await checkout.commit("feat: first");
    const result = await run(["go-no-go", "--dir", checkout.dir, "--json"]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ go: true, sha: head });
    expect(sim.requests.every((r) => r.path.startsWith(`/repos/${REPO}/`))).toBe(true);
  });

  it("go-no-go exits 3 when GitHub keeps failing", async () => {
    const sha = sim.state.addCommit(REPO, { branch: "main" }).sha;
    sim.inject({ ...faults.serverError(500), times: Infinity });
    const result = await run(["go-no-go", "--repo", REPO, "--sha", sha], { GITHUB_TOKEN: "t", SHIPGATE_HTTP_RETRIES: "1" });
    expect(result.exitCode).toBe(3);
    // A progress line per retry first, then the failure.
    expect(result.stderr).toMatch(/^GitHub: HTTP 500 on GET \/repos\/acme\/app\/issues; waiting 1s \(retry 1 of 1, /);
    expect(result.stderr).toMatch(/\nshipgate: listing open issues labelled bug \+ P[12] in acme\/app failed: HTTP 500/);
  });

  it("preflight without a token skips the GitHub gates (not passed) and says what they need", async () => {
    const result = await run(["preflight", "--json"], {});
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as { status: string; gates: { gate: string; status: string; title: string }[] };
    expect(json.status).toBe("skip");
    expect(json.gates.map((g) => [g.gate, g.status])).toEqual([
      ["approvals", "skip"],
      ["go-no-go", "skip"],
    ]);
    expect(json.gates[1]!.title).toBe("GITHUB_TOKEN is empty: the go/no-go gate needs a token with issues: read, checks: read, statuses: read and deployments: read on the repository (GITHUB_TOKEN in a workflow)");
  });

  it("preflight with a token runs approvals on --pr and go/no-go on --sha concurrently", async () => {
    const pull = approvedPull();
    const result = await run(["preflight", "--repo", REPO, "--pr", String(pull.number), "--sha", pull.head.sha, "--json"]);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { gates: { gate: string; status: string }[] }).gates.map((g) => [g.gate, g.status])).toEqual([
      ["approvals", "pass"],
      ["go-no-go", "pass"],
    ]);
  });
});
