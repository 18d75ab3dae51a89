/**
 * Runner contract of the incident action (dist/incident.js, run as the runner does) with the API simulator as
 * GITHUB_API_URL. Run `npm run build` first when running it locally.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runActionBundle } from "../support/runner.ts";
import type { Simulator } from "../simulator/index.ts";
import { tempDir } from "../support/temp.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const REPOSITORY = "octo-org/octo-repo";
let sim: Simulator;
let workspace: string;

beforeAll(async () => {
  workspace = tempDir("incident-action");
  await mkdir(path.join(workspace, ".github"));
  await writeFile(path.join(workspace, ".github/shipgate.yml"), "incidents:\n  on-call: [alice]\n  escalation: ['@octo-org/sre']\n");
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});
beforeEach(async () => {
  sim = await startTestSimulator({ repos: [REPOSITORY] });
  sim.state.addWorkflowJob(REPOSITORY, { runId: 4242, name: "deploy @everyone <b>", conclusion: "failure", steps: [{ name: "Run deploy", conclusion: "failure" }] });
});

function issues() {
  return sim.state.repo("octo-org", "octo-repo")!.issues.list();
}

function action(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runActionBundle("dist/incident.js", { workspace, apiUrl: sim.url, inputs: { token: "ghs_test", ...inputs }, env: { GITHUB_WORKFLOW: "Deploy", ...env }, event: { head_commit: { message: "Fix @octocat <script>" } } });
}

describe("incident action (runner contract)", () => {
  it("opens the incident on failure (auto from job-status) and closes it on the next success with a follow-up", async () => {
    const opened = await action({ mode: "auto", "job-status": "failure", environment: "production" });
    expect(opened.exitCode).toBe(0);
    expect(opened.outputs).toMatchObject({ "action-taken": "opened", "issue-number": "1", severity: "P2", key: "Deploy/production", status: "pass" });
    expect(opened.outputs["issue-url"]).toMatch(/\/octo-org\/octo-repo\/issues\/1$/);
    expect(opened.summary).toContain("Opened incident #1");
    const [issue] = issues();
    expect(issue).toMatchObject({ title: "[P2] Deploy failed in production", assignees: ["alice"] });
    expect(issue!.body).toContain("deploy &#64;everyone &#60;b&#62;");
    expect(issue!.body).toContain("Fix &#64;octocat &#60;script&#62;");

    const closed = await action({ mode: "success", environment: "production" }, { GITHUB_RUN_ID: "4243" });
    expect(closed.outputs).toMatchObject({ "action-taken": "closed", "issue-number": "1", "follow-up-number": "2" });
    expect(issues().map((i) => i.state)).toEqual(["closed", "open"]);
  }, 60_000);

  it("ends with one issue when two jobs fail at the same moment", async () => {
    const [a, b] = await Promise.all([
      action({ mode: "failure", environment: "production" }, { GITHUB_RUN_ID: "5001" }),
      action({ mode: "failure", environment: "production" }, { GITHUB_RUN_ID: "5002" }),
    ]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect(issues().filter((i) => i.state === "open")).toHaveLength(1);
    expect(new Set([a.outputs["issue-number"], b.outputs["issue-number"]]).size).toBe(1);
    expect([a.outputs["action-taken"], b.outputs["action-taken"]].sort()).toEqual(["commented", "opened"]);
  }, 60_000);

  it("labels and escalates a breached incident in sla-watch mode, once", async () => {
    await action({ mode: "failure", environment: "production", at: "2026-03-03T10:00:00Z" });
    const watch = await action({ mode: "sla-watch", at: "2026-03-03T11:30:00Z" });
    expect(watch.outputs).toMatchObject({ "action-taken": "commented", "breached-count": "1", "issue-number": "1", status: "warn" });
    expect(issues()[0]!.labels).toContain("sla-breached");
    const again = await action({ mode: "sla-watch", at: "2026-03-03T11:40:00Z" });
    expect(again.outputs).toMatchObject({ "action-taken": "none", "breached-count": "1" });
    const mentions = sim.state.repo("octo-org", "octo-repo")!.comments.list((c) => c.body.includes("@octo-org/sre"));
    expect(mentions).toHaveLength(1);
  }, 60_000);

  it("does nothing for a cancelled job", async () => {
    const result = await action({ mode: "auto", "job-status": "cancelled" });
    expect(result.exitCode).toBe(0);
    expect(result.outputs["action-taken"]).toBe("none");
    expect(sim.requests).toEqual([]);
  });

  it("fails with exit 2 naming the input on a bad mode", async () => {
    const result = await action({ mode: "sometimes" });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toMatch(/incident: configuration error: input "mode": expected one of auto, failure, success, sla-watch/);
  });

  it("warns, and still opens the incident, when the token cannot read the run's jobs", async () => {
    sim.inject({ operationId: "actions/list-jobs-for-workflow-run-attempt", status: 403, times: Infinity });
    const result = await action({ mode: "failure", environment: "staging" });
    expect(result.outputs).toMatchObject({ "action-taken": "opened", severity: "P3", status: "warn" });
    expect(result.annotations.some((a) => a.level === "warning" && /actions: read/.test(a.message))).toBe(true);
  }, 60_000);
});
