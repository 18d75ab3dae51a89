import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientFor } from "./helpers.ts";
import { startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator();
  sim.state.addCommit("acme/app", { branch: "main" });
});
afterEach(async () => {
  await sim.close();
});

/** The status GitHub's answer to the request has. */
async function attempt(request: () => Promise<unknown>): Promise<number> {
  try {
    await request();
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe("GitHub's size limits", () => {
  it("refuses an issue body of 65,537 characters with 422, as GitHub does, and counts it as a client bug", async () => {
    const octokit = clientFor(sim, { retries: 0 });
    expect(await attempt(() => octokit.rest.issues.create({ owner: "acme", repo: "app", title: "t", body: "x".repeat(65_537) }))).toBe(422);
    expect(sim.takeViolations()).toMatchObject([{ kind: "request", operationId: "issues/create", problems: [{ at: "body", message: expect.stringContaining("maximum is 65536") }] }]);
    expect(sim.state.repo("acme", "app")!.issues.list()).toHaveLength(0);
  });

  it("counts characters as GitHub does (code points): 65,536 emoji fit, although they are 131,072 UTF-16 units", async () => {
    const octokit = clientFor(sim, { retries: 0 });
    const issue = await octokit.rest.issues.create({ owner: "acme", repo: "app", title: "t", body: "😀".repeat(65_536) });
    expect(issue.status).toBe(201);
    expect(await attempt(() => octokit.rest.issues.createComment({ owner: "acme", repo: "app", issue_number: issue.data.number, body: "😀".repeat(65_537) }))).toBe(422);
    expect(sim.takeViolations()).toMatchObject([{ operationId: "issues/create-comment" }]);
  });

  it("refuses a release body over 125,000 characters and a check-run summary over 65,535", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main" });
    const octokit = clientFor(sim, { retries: 0 });
    expect(await attempt(() => octokit.rest.repos.createRelease({ owner: "acme", repo: "app", tag_name: "v1", body: "x".repeat(125_001) }))).toBe(422);
    expect(await attempt(() => octokit.rest.repos.createRelease({ owner: "acme", repo: "app", tag_name: "v1", body: "x".repeat(125_000) }))).toBe(200);
    const output = { title: "t", summary: "x".repeat(65_536) };
    expect(await attempt(() => octokit.rest.checks.create({ owner: "acme", repo: "app", name: "c", head_sha: head.sha, output }))).toBe(422);
    expect(sim.takeViolations().map((v) => v.operationId)).toEqual(["repos/create-release", "checks/create"]);
  });
});
