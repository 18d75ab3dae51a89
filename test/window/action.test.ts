// Runner contract: runs dist/deploy-window.js; run `npm run build` first.
import { describe, expect, it } from "vitest";
import { runActionBundle, pullRequestEvent } from "../support/runner.ts";
import { PROCEDURE_POLICY, repoWithPolicy } from "./fixtures.ts";

const bundle = "dist/deploy-window.js";

async function runAt(clock: string, options: { inputs?: Record<string, string>; policy?: string; event?: Record<string, unknown>; eventName?: string } = {}) {
  const workspace = await repoWithPolicy(options.policy ?? PROCEDURE_POLICY);
  return runActionBundle(bundle, {
    workspace,
    inputs: options.inputs ?? {},
    ...(options.event ? { event: options.event } : {}),
    ...(options.eventName ? { eventName: options.eventName } : {}),
    env: { SHIPGATE_TEST_CLOCK: clock },
  });
}

const prodLocked = PROCEDURE_POLICY + "  override:\n    disabled-environments: [production]\n";

describe("deploy-window action (runner contract)", () => {
  it("fails when the window is closed, saying when it opens", async () => {
    const result = await runAt("2026-11-21T20:00:00+01:00");
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe("deploy-window: Deploy window closed · opens Tue 24 Nov 10:00 Europe/Paris, in 2 d 14 h · override: input override-reason or label deploy-override");
    expect(result.summary).toContain("Decided at Sat 21 Nov 20:00 Europe/Paris (19:00 UTC): outside off-peak");
    expect(result.summary).toContain("**To deploy anyway** (break-glass, recorded with who asked): set input `override-reason` to the reason");
    expect(result.outputs).toMatchObject({ open: "false", window: "", "next-open": "2026-11-24T10:00:00+01:00", overridden: "false", status: "fail" });
    expect(result.summary).toContain("| off-peak | Tue, Wed 10:00-12:00 Europe/Paris |");
    expect(result.summary).toContain("SHIPGATE_TEST_CLOCK");
  });

  it("passes inside the window", async () => {
    const result = await runAt("2026-11-25T10:15:00+01:00");
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ open: "true", window: "off-peak", "closes-at": "2026-11-25T12:00:00+01:00", "next-open": "", status: "pass" });
  });

  it("waits for an opening within `wait`, then decides again", async () => {
    // Three seconds ahead: enough margin for a loaded machine to start the action before the opening.
    const result = await runAt("2026-11-24T09:59:57+01:00", { inputs: { wait: "1m" } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/waiting [1-3] s until Tue 24 Nov 10:00 CET/);
    expect(result.outputs).toMatchObject({ open: "true", window: "off-peak", "closes-at": "2026-11-24T12:00:00+01:00" });
  });

  it("waits out the end of a freeze inside a window", async () => {
    const policy = PROCEDURE_POLICY + '    - name: morning\n      from: "2026-11-24T00:00"\n      to: "2026-11-24T10:30"\n';
    // Three seconds before the freeze ends: enough margin for a loaded machine to start the action first.
    const result = await runAt("2026-11-24T10:29:57+01:00", { policy, inputs: { wait: "5m" } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("until Tue 24 Nov 10:30 CET");
    expect(result.outputs).toMatchObject({ open: "true", window: "off-peak" });
  });

  it("does not wait when the opening is beyond `wait`", async () => {
    const result = await runAt("2026-11-24T09:58:00+01:00", { inputs: { wait: "1m" } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain("waiting");
    expect(result.outputs).toMatchObject({ open: "false", "next-open": "2026-11-24T10:00:00+01:00" });
  });

  it("accepts a break-glass override with a reason and records the actor", async () => {
    const result = await runAt("2026-12-22T10:30:00+01:00", { inputs: { "override-reason": "hotfix for INC-42", environment: "staging" } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ open: "false", overridden: "true", "override-reason": "hotfix for INC-42", "override-actor": "octocat", status: "warn" });
    expect(result.summary).toContain("**Break-glass override** by @octocat (via input `override-reason`): `hotfix for INC-42`");
    expect(result.summary).toContain("in freeze year-end");
    expect(result.annotations).toContainEqual(expect.objectContaining({ level: "warning", message: "Deploy window overridden by @octocat: `hotfix for INC-42`" }));
  });

  it("records the person who re-ran the job as the override's actor", async () => {
    const workspace = await repoWithPolicy(PROCEDURE_POLICY);
    const result = await runActionBundle(bundle, {
      workspace,
      inputs: { "override-reason": "second attempt" },
      env: { SHIPGATE_TEST_CLOCK: "2026-12-22T10:30:00+01:00", GITHUB_TRIGGERING_ACTOR: "on-call" },
    });
    expect(result.outputs).toMatchObject({ overridden: "true", "override-actor": "on-call" });
  });

  it("shows an override reason as code, so that markup and mentions in it do nothing", async () => {
    const result = await runAt("2026-12-22T10:30:00+01:00", { inputs: { "override-reason": "see <img src=x> and ping @org/admins `now`" } });
    expect(result.outputs["override-reason"]).toBe("see <img src=x> and ping @org/admins `now`");
    expect(result.summary).toContain("(via input `override-reason`): `see <img src=x> and ping @org/admins 'now'`");
    const outsideCode = result.summary.replace(/`[^`]*`/g, "");
    expect(outsideCode).not.toContain("<img");
    expect(outsideCode).not.toContain("@org/admins");
  });

  it("refuses an override in an environment where the policy disables it", async () => {
    const result = await runAt("2026-12-22T10:30:00+01:00", { policy: prodLocked, inputs: { "override-reason": "hotfix", environment: "Production" } });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toContain('override refused: overrides are disabled for environment "Production"');
    expect(result.outputs).toMatchObject({ overridden: "false", "override-actor": "" });
  });

  it("takes an override from a pull-request label with the reason in the description", async () => {
    const event = pullRequestEvent({ number: 7, baseSha: "a".repeat(40), headSha: "b".repeat(40) });
    const pr = event.pull_request as Record<string, unknown>;
    pr.labels = [{ name: "deploy-override" }];
    pr.body = "Fixes checkout.\n\nOverride-Reason: payment outage, approved by the CAB\n";
    Object.assign(event, { action: "labeled", label: { name: "deploy-override" }, sender: { login: "release-manager", type: "User" } });
    const result = await runAt("2026-11-21T20:00:00+01:00", { event, eventName: "pull_request" });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ overridden: "true", "override-actor": "release-manager", "override-reason": "payment outage, approved by the CAB" });
  });

  it("rejects a label override without a reason (exit 2)", async () => {
    const event = pullRequestEvent({ number: 7, baseSha: "a".repeat(40), headSha: "b".repeat(40) });
    (event.pull_request as Record<string, unknown>).labels = [{ name: "deploy-override" }];
    const result = await runAt("2026-11-21T20:00:00+01:00", { event, eventName: "pull_request" });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toContain('the pull request has the label "deploy-override" but no reason');
  });

  it("reads the windows section from an input", async () => {
    const windows = 'timezone: Asia/Kolkata\ndeploy:\n  - name: ist\n    days: [mon]\n    start: "09:00"\n    end: "09:30"\n';
    const result = await runAt("2026-11-23T09:00:00+05:30", { policy: "", inputs: { windows } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ open: "true", window: "ist", "closes-at": "2026-11-23T09:30:00+05:30" });
  });

  const badInputs: { name: string; inputs: Record<string, string>; message: string }[] = [
    { name: "a bad wait", inputs: { wait: "forever" }, message: 'input "wait": expected a duration' },
    { name: "a bad kind", inputs: { kind: "release" }, message: 'input "kind": expected one of deploy, maintenance' },
    { name: "a bad windows input", inputs: { windows: "timezone: Nowhere/Land\n" }, message: 'input "windows": windows.timezone: unknown time zone "Nowhere/Land"' },
  ];
  it.each(badInputs)("exits 2 on $name", async ({ inputs, message }) => {
    const result = await runAt("2026-11-21T20:00:00+01:00", { inputs });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toContain(message);
  });
});
