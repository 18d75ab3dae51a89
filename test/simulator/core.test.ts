import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/client.ts";
import type { Octokit } from "../../src/github/client.ts";
import { startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;
let octokit: Octokit;

beforeEach(async () => {
  sim = await startSimulator();
  octokit = createOctokit({ token: "t", baseUrl: sim.url, timeoutMs: 2000, retries: 2, retryAfterBaseMs: 1 });
});
afterEach(async () => {
  await sim.close();
});

describe("check runs", () => {
  it("creates, updates, gets and lists check runs with annotations", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main", message: "first" });
    const created = await octokit.rest.checks.create({
      owner: "acme",
      repo: "app",
      name: "coverage",
      head_sha: head.sha,
      status: "in_progress",
      output: { title: "t", summary: "s", annotations: [{ path: "src/a.ts", start_line: 1, end_line: 2, annotation_level: "warning", message: "uncovered" }] },
    });
    expect(created.status).toBe(201);
    expect(created.data.status).toBe("in_progress");
    await octokit.rest.checks.update({ owner: "acme", repo: "app", check_run_id: created.data.id, conclusion: "failure", output: { title: "t2", summary: "s2", annotations: [{ path: "src/b.ts", start_line: 3, end_line: 3, annotation_level: "failure", message: "x" }] } });
    const got = await octokit.rest.checks.get({ owner: "acme", repo: "app", check_run_id: created.data.id });
    expect(got.data.conclusion).toBe("failure");
    expect(got.data.output.annotations_count).toBe(2);
    const listed = await octokit.rest.checks.listForRef({ owner: "acme", repo: "app", ref: "main" });
    expect(listed.data.total_count).toBe(1);
    const run = sim.state.repo("acme", "app")?.checkRuns.get(created.data.id);
    expect(run?.annotations.map((a) => a.path)).toEqual(["src/a.ts", "src/b.ts"]);
    expect(sim.requests.map((r) => `${r.operationId} ${r.status}`)).toEqual(["checks/create 201", "checks/update 200", "checks/get 200", "checks/list-for-ref 200"]);
  });
});
