import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeCheckRun } from "../../src/github/checks.ts";
import type { CheckAnnotation, CheckRunOutput } from "../../src/report/check-run.ts";
import { apiFor, clientFor } from "./helpers.ts";
import { startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ tokens: { "write-token": "write", "fork-token": "read" } });
});
afterEach(async () => {
  await sim.close();
});

function annotations(count: number): CheckAnnotation[] {
  return Array.from({ length: count }, (_, i) => ({ path: `src/file${i}.ts`, start_line: i + 1, end_line: i + 1, annotation_level: "warning" as const, message: `line ${i + 1} is not covered` }));
}

function outputWith(count: number): CheckRunOutput {
  const all = annotations(count);
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < all.length; i += 50) batches.push(all.slice(i, i + 50));
  return { conclusion: "failure", title: "Coverage 71 %", summary: "## Coverage\nbelow threshold", batches, omitted: 0 };
}

describe("check runs through the real client", () => {
  it("creates, updates, gets and lists a run, appending annotations on each update", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main" });
    const octokit = apiFor(sim, { token: "write-token" });
    const created = await octokit.rest.checks.create({
      owner: "acme",
      repo: "app",
      name: "coverage",
      head_sha: head.sha,
      status: "in_progress",
      output: { title: "running", summary: "…", annotations: annotations(2) },
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: "coverage", head_sha: head.sha, status: "in_progress", conclusion: null });
    const id = Number(created.data.id);
    await octokit.rest.checks.update({ owner: "acme", repo: "app", check_run_id: id, conclusion: "success", output: { title: "done", summary: "ok", annotations: annotations(3) } });
    const got = await octokit.rest.checks.get({ owner: "acme", repo: "app", check_run_id: id });
    expect(got.data).toMatchObject({ status: "completed", conclusion: "success", output: { title: "done", summary: "ok", annotations_count: 5 } });
    const byBranch = await octokit.rest.checks.listForRef({ owner: "acme", repo: "app", ref: "main" });
    const bySha = await octokit.rest.checks.listForRef({ owner: "acme", repo: "app", ref: head.sha, check_name: "coverage" });
    expect(byBranch.data.check_runs.map((r) => r.id)).toEqual([id]);
    expect(bySha.data.total_count).toBe(1);
    const listed = await octokit.paginate(octokit.rest.checks.listAnnotations, { owner: "acme", repo: "app", check_run_id: id, per_page: 2 });
    expect(listed.map((a) => (a as { start_line: number }).start_line)).toEqual([1, 2, 1, 2, 3]);
  });

  it("answers 422 for a head_sha that is not a commit, and 404 for an unknown run", async () => {
    sim.state.addRepo("acme/app");
    const octokit = apiFor(sim, { token: "write-token" });
    await expect(octokit.rest.checks.create({ owner: "acme", repo: "app", name: "x", head_sha: "f".repeat(40) })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.checks.get({ owner: "acme", repo: "app", check_run_id: 99 })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.checks.get({ owner: "nobody", repo: "none", check_run_id: 1 })).rejects.toMatchObject({ status: 404 });
  });
});

describe("writeCheckRun (src/github/checks.ts)", () => {
  it("sends 120 annotations as one create and two updates of at most 50", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main" });
    const result = await writeCheckRun(clientFor(sim, { token: "write-token" }), { owner: "acme", repo: "app", headSha: head.sha, name: "shipgate / coverage" }, outputWith(120));
    expect(result.written).toBe(true);
    const writes = sim.requests.filter((r) => r.operationId?.startsWith("checks/"));
    expect(writes.map((r) => `${r.operationId} ${r.status}`)).toEqual(["checks/create 201", "checks/update 200", "checks/update 200"]);
    const batchSizes = writes.map((r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length);
    expect(batchSizes).toEqual([50, 50, 20]);
    const run = sim.state.repo("acme", "app")?.checkRuns.list()[0];
    expect(run).toMatchObject({ name: "shipgate / coverage", status: "completed", conclusion: "failure", writes: 3 });
    expect(run?.annotations.map((a) => a.start_line)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(result).toMatchObject({ written: true, id: run?.id });
  });

  it("with no annotations sends a single create", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main" });
    const result = await writeCheckRun(clientFor(sim, { token: "write-token" }), { owner: "acme", repo: "app", headSha: head.sha, name: "gate" }, { ...outputWith(0), conclusion: "success" });
    expect(result.written).toBe(true);
    expect(sim.requests.map((r) => r.operationId)).toEqual(["checks/create"]);
  });

  it("reports, without throwing, that a read-only token (fork pull request) cannot write", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main" });
    const result = await writeCheckRun(clientFor(sim, { token: "fork-token" }), { owner: "acme", repo: "app", headSha: head.sha, name: "gate" }, outputWith(10));
    expect(result).toMatchObject({ written: false });
    expect(sim.requests).toMatchObject([{ operationId: "checks/create", status: 403, outcome: "read-only" }]);
    expect(sim.state.repo("acme", "app")?.checkRuns.size).toBe(0);
  });

  it("reports an API that keeps failing after retries as not written", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main" });
    sim.inject({ operationId: "checks/create", status: 502, times: Infinity });
    const result = await writeCheckRun(clientFor(sim, { token: "write-token", retries: 1 }), { owner: "acme", repo: "app", headSha: head.sha, name: "gate" }, outputWith(1));
    expect(result).toMatchObject({ written: false });
    if (!result.written) expect(result.reason).toContain("HTTP 502");
    expect(sim.requests.map((r) => r.status)).toEqual([502, 502]);
  });
});
