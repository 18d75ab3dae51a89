import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiFor } from "./helpers.ts";
import { startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;
let sha: string;

beforeEach(async () => {
  sim = await startSimulator();
  sha = sim.state.addCommit("acme/app", { branch: "main" }).sha;
});
afterEach(async () => {
  await sim.close();
});

describe("commit statuses", () => {
  const cases: { name: string; statuses: [string, "error" | "failure" | "pending" | "success"][]; combined: string; count: number }[] = [
    { name: "none", statuses: [], combined: "pending", count: 0 },
    { name: "all success", statuses: [["ci", "success"], ["e2e", "success"]], combined: "success", count: 2 },
    { name: "one pending", statuses: [["ci", "success"], ["e2e", "pending"]], combined: "pending", count: 2 },
    { name: "one error", statuses: [["ci", "error"], ["e2e", "pending"]], combined: "failure", count: 2 },
    { name: "a failure later fixed", statuses: [["ci", "failure"], ["ci", "success"]], combined: "success", count: 1 },
  ];
  for (const c of cases) {
    it(`combines ${c.name} into ${c.combined}`, async () => {
      for (const [context, state] of c.statuses) sim.state.addStatus("acme/app", sha, { context, state });
      const { data } = await apiFor(sim).rest.repos.getCombinedStatusForRef({ owner: "acme", repo: "app", ref: "main" });
      expect(data).toMatchObject({ state: c.combined, sha, total_count: c.count });
    });
  }

  it("creates statuses through the API and lists them newest first", async () => {
    const octokit = apiFor(sim);
    await octokit.rest.repos.createCommitStatus({ owner: "acme", repo: "app", sha, state: "pending", context: "e2e" });
    await octokit.rest.repos.createCommitStatus({ owner: "acme", repo: "app", sha, state: "success", context: "e2e", target_url: "https://ci.example/1" });
    const { data } = await octokit.rest.repos.listCommitStatusesForRef({ owner: "acme", repo: "app", ref: sha });
    expect(data.map((s) => [s.context, s.state, s.target_url])).toEqual([
      ["e2e", "success", "https://ci.example/1"],
      ["e2e", "pending", null],
    ]);
    await expect(octokit.rest.repos.createCommitStatus({ owner: "acme", repo: "app", sha: "0".repeat(40), state: "success" })).rejects.toMatchObject({ status: 422 });
  });
});

describe("deployments", () => {
  it("refuses a deployment while a commit status is not success, then deploys and records statuses", async () => {
    sim.state.addStatus("acme/app", sha, { context: "ci", state: "failure" });
    const octokit = apiFor(sim);
    await expect(octokit.rest.repos.createDeployment({ owner: "acme", repo: "app", ref: "main", environment: "staging" })).rejects.toMatchObject({ status: 409 });
    const skipped = await octokit.rest.repos.createDeployment({ owner: "acme", repo: "app", ref: "main", environment: "staging", required_contexts: [] });
    if (skipped.status !== 201) throw new Error("expected 201");
    sim.state.addStatus("acme/app", sha, { context: "ci", state: "success" });
    const created = await octokit.rest.repos.createDeployment({ owner: "acme", repo: "app", ref: "main", environment: "staging", description: "v1.2.0" });
    if (created.status !== 201) throw new Error("expected 201");
    expect(created.data).toMatchObject({ sha, ref: "main", environment: "staging", task: "deploy", production_environment: false });
    const deploymentId = Number(created.data.id);
    await octokit.rest.repos.createDeploymentStatus({ owner: "acme", repo: "app", deployment_id: deploymentId, state: "in_progress" });
    await octokit.rest.repos.createDeploymentStatus({ owner: "acme", repo: "app", deployment_id: deploymentId, state: "success", environment_url: "https://staging.example" });
    const statuses = await octokit.rest.repos.listDeploymentStatuses({ owner: "acme", repo: "app", deployment_id: deploymentId });
    expect(statuses.data.map((s) => [s.state, s.environment_url])).toEqual([
      ["success", "https://staging.example"],
      ["in_progress", ""],
    ]);
    const listed = await octokit.rest.repos.listDeployments({ owner: "acme", repo: "app", environment: "staging" });
    expect(listed.data.map((d) => d.id)).toEqual([deploymentId, Number(skipped.data.id)]);
  });

  it("marks the previous successful deployment of an environment inactive", async () => {
    const first = sim.state.addDeployment("acme/app", { ref: "main", environment: "production" });
    sim.state.addDeploymentStatus("acme/app", first.id, { state: "success" });
    const second = sim.state.addDeployment("acme/app", { ref: "main", environment: "production" });
    await apiFor(sim).rest.repos.createDeploymentStatus({ owner: "acme", repo: "app", deployment_id: second.id, state: "success" });
    const statuses = sim.state.repo("acme", "app")?.deploymentStatuses.list((s) => s.deploymentId === first.id);
    expect(statuses?.map((s) => s.state)).toEqual(["success", "inactive"]);
    const { data } = await apiFor(sim).rest.repos.getDeployment({ owner: "acme", repo: "app", deployment_id: first.id });
    expect(data.production_environment).toBe(true);
  });
});
