import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientFor } from "./helpers.ts";
import { startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => {
  await sim.close();
});

describe("workflow run jobs", () => {
  it("lists the jobs of one attempt, the latest attempt or all attempts, with their steps", async () => {
    sim.state.addWorkflowJob("acme/app", { runId: 7, runAttempt: 1, name: "build", conclusion: "failure", steps: [{ name: "compile", conclusion: "failure" }] });
    sim.state.addWorkflowJob("acme/app", { runId: 7, runAttempt: 2, name: "build", conclusion: "success", steps: [{ name: "compile" }] });
    sim.state.addWorkflowJob("acme/app", { runId: 8, name: "other", status: "in_progress" });
    const octokit = clientFor(sim);
    const first = await octokit.rest.actions.listJobsForWorkflowRunAttempt({ owner: "acme", repo: "app", run_id: 7, attempt_number: 1 });
    expect(first.data.total_count).toBe(1);
    expect(first.data.jobs[0]).toMatchObject({ name: "build", conclusion: "failure", run_attempt: 1, steps: [{ number: 1, name: "compile", conclusion: "failure" }] });
    const latest = await octokit.rest.actions.listJobsForWorkflowRun({ owner: "acme", repo: "app", run_id: 7 });
    expect(latest.data.jobs.map((j) => [j.run_attempt, j.conclusion])).toEqual([[2, "success"]]);
    const all = await octokit.rest.actions.listJobsForWorkflowRun({ owner: "acme", repo: "app", run_id: 7, filter: "all" });
    expect(all.data.jobs).toHaveLength(2);
    const running = await octokit.rest.actions.listJobsForWorkflowRun({ owner: "acme", repo: "app", run_id: 8 });
    expect(running.data.jobs[0]).toMatchObject({ status: "in_progress", conclusion: null, completed_at: null });
  });

  it("pages the jobs and answers 404 for a missing repository", async () => {
    for (let i = 0; i < 5; i++) sim.state.addWorkflowJob("acme/app", { runId: 9, name: `job ${i}` });
    const octokit = clientFor(sim);
    const pages = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRunAttempt, { owner: "acme", repo: "app", run_id: 9, attempt_number: 1, per_page: 2 });
    expect(pages.map((j) => j.name)).toEqual(["job 0", "job 1", "job 2", "job 3", "job 4"]);
    await expect(octokit.rest.actions.listJobsForWorkflowRun({ owner: "acme", repo: "none", run_id: 9 })).rejects.toMatchObject({ status: 404 });
  });
});
