import { beforeEach, describe, expect, it } from "vitest";
import type { GoNoGoSettings } from "../../src/go-no-go/evaluate.ts";
import { runGoNoGoGate } from "../../src/go-no-go/run.ts";
import { createGoNoGoSource } from "../../src/github/go-no-go.ts";
import { clientFor } from "../simulator/helpers.ts";
import type { Simulator } from "../simulator/index.ts";
import type { DeploymentStatus } from "../simulator/state.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const settings: GoNoGoSettings = {
  issueRules: [
    { labels: ["bug", "P1"], max: 0 },
    { labels: ["bug", "P2"], max: 2 },
  ],
  requiredChecks: ["integration", "e2e"],
  passingConclusions: ["success"],
  staging: { required: true, environment: "staging" },
};

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSimulator();
});

/** A deployment of the commit to the environment with its statuses, oldest first. */
function deploy(sha: string, environment: string, states: DeploymentStatus["state"][]): void {
  const deployment = sim.state.addDeployment("acme/app", { ref: "main", sha, environment });
  for (const state of states) sim.state.addDeploymentStatus("acme/app", deployment.id, { state });
}

function source() {
  return createGoNoGoSource(clientFor(sim), { owner: "acme", repo: "app" });
}

describe("go/no-go through the GitHub adapter", () => {
  it("ends with the list it could not read whole, rather than decide on its first 2,000 check runs", async () => {
    const sha = sim.state.addCommit("acme/app", { branch: "main" }).sha;
    for (let i = 0; i < 2001; i++) sim.state.addCheckRun("acme/app", { name: `shard ${i}`, headSha: sha, conclusion: i === 2000 ? "failure" : "success" });
    await expect(source().checkRuns(sha)).rejects.toThrow(/listing the check runs of .* more than 2000 entries; shipgate decides on whole lists only/);
  });

  it("reads a list of exactly 2,000 check runs whole", async () => {
    const sha = sim.state.addCommit("acme/app", { branch: "main" }).sha;
    for (let i = 0; i < 2000; i++) sim.state.addCheckRun("acme/app", { name: `shard ${i}`, headSha: sha, conclusion: "success" });
    expect(await source().checkRuns(sha)).toHaveLength(2000);
  });

  it("goes when no blocking issue is open, checks and statuses passed and staging succeeded", async () => {
    const sha = sim.state.addCommit("acme/app", { branch: "main" }).sha;
    sim.state.addIssue("acme/app", { labels: ["bug", "P2"] });
    sim.state.addIssue("acme/app", { labels: ["bug", "P1"], state: "closed" });
    sim.state.addPullRequest("acme/app", { labels: ["bug", "P1"] });
    sim.state.addCheckRun("acme/app", { name: "integration", headSha: sha, conclusion: "failure" });
    sim.state.addCheckRun("acme/app", { name: "integration", headSha: sha, conclusion: "success" });
    sim.state.addStatus("acme/app", sha, { context: "e2e", state: "pending" });
    sim.state.addStatus("acme/app", sha, { context: "e2e", state: "success" });
    deploy(sha, "Staging", ["in_progress", "success"]);
    const result = await runGoNoGoGate(source(), sha, settings);
    expect(result.findings).toEqual([]);
    expect(result.status).toBe("pass");
    expect(result.metrics).toMatchObject({ "issues:bug+P1": 0, "issues:bug+P2": 1, "checks-passed": 2, staging: "passed" });
  });

  it("says no-go with the count of each label set, failed checks and a failed staging deployment", async () => {
    const sha = sim.state.addCommit("acme/app", { branch: "main" }).sha;
    for (let i = 0; i < 3; i++) sim.state.addIssue("acme/app", { labels: ["bug", "P2"] });
    sim.state.addIssue("acme/app", { labels: ["P1", "Bug"] });
    sim.state.addCheckRun("acme/app", { name: "integration", headSha: sha, conclusion: "failure" });
    deploy(sha, "staging", ["success"]);
    deploy(sha, "staging", ["failure"]);
    const result = await runGoNoGoGate(source(), sha, settings);
    expect(result.status).toBe("fail");
    expect(result.title).toBe("no-go: 1 bug+P1 (at most 0), 3 bug+P2 (at most 2), 2 of 2 required checks not passed, staging failed");
  });

  it("matches a label with a comma in its name, which the API's comma-separated filter cannot carry", async () => {
    const sha = sim.state.addCommit("acme/app", { branch: "main" }).sha;
    sim.state.addIssue("acme/app", { labels: ["bug", "sev: 1, blocking"] });
    sim.state.addIssue("acme/app", { labels: ["bug"] });
    const result = await runGoNoGoGate(source(), sha, { ...settings, issueRules: [{ labels: ["bug", "sev: 1, blocking"], max: 0 }], requiredChecks: [], staging: { required: false, environment: "staging" } });
    expect(result.metrics["issues:bug+sev: 1, blocking"]).toBe(1);
    expect(sim.requests.map((r) => new URLSearchParams(r.query).get("labels"))).toEqual(["bug"]);
  });

  it("pages through more than 100 open issues", async () => {
    const sha = sim.state.addCommit("acme/app", { branch: "main" }).sha;
    for (let i = 0; i < 130; i++) sim.state.addIssue("acme/app", { labels: ["bug", "P2"] });
    const result = await runGoNoGoGate(source(), sha, { ...settings, requiredChecks: [], staging: { required: false, environment: "staging" } });
    expect(result.metrics["issues:bug+P2"]).toBe(130);
    expect(sim.requests.filter((r) => r.operationId === "issues/list-for-repo")).toHaveLength(3); // bug+P1: one page; bug+P2: two
  });
});
