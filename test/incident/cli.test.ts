/** `shipgate incident open|resolve|sla-watch` in process, against the API simulator. */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { faults, type Simulator } from "../simulator/index.ts";
import { commentsOf, issuesOf, OWNER, REPO } from "./support.ts";
import { tempDir } from "../support/temp.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";

let sim: Simulator;
let cwd: string;
beforeEach(async () => {
  sim = await startTestSimulator({ startTime: "2026-03-03T10:00:00Z", repos: [`${OWNER}/${REPO}`] });
  sim.state.addWorkflowJob(`${OWNER}/${REPO}`, { runId: 555, name: "deploy", conclusion: "failure", steps: [{ name: "checkout" }, { name: "Run ./deploy.sh", conclusion: "failure" }, { name: "notify", conclusion: "skipped" }] });
  sim.state.addWorkflowJob(`${OWNER}/${REPO}`, { runId: 555, name: "lint", conclusion: "success", steps: [{ name: "lint" }] });
  cwd = tempDir("incident-cli");
  await writeFile(path.join(cwd, "policy.yml"), "incidents:\n  on-call: [alice]\n  escalation: ['@acme/sre']\n  rules:\n    - { environment: [production], severity: P1 }\n");
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = simulatorEnv(sim, "t"), at = "2026-03-03T10:00:00Z") {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["incident", ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env, now: () => new Date(at) });
  return { code, stdout, stderr, json: code === 0 && args.includes("--json") ? (JSON.parse(stdout) as Record<string, unknown>) : undefined };
}

const runArgs = ["--repo", `${OWNER}/${REPO}`, "--config", "policy.yml", "--workflow", "Deploy", "--environment", "production", "--sha", "abc1234", "--actor", "octocat"];

describe("shipgate incident", () => {
  it("opens with the failed jobs and steps, resolves, and watches the SLA", async () => {
    const opened = await cli(["open", ...runArgs, "--run-id", "555", "--json"]);
    expect(opened.code).toBe(0);
    expect(opened.json).toMatchObject({ mode: "failure", action: "opened", key: "Deploy/production", severity: "P1", issue: { number: 1 } });
    const body = issuesOf(sim)[0]!.body!;
    expect(body).toContain("Job [deploy](");
    expect(body).toContain("step 2 Run ./deploy.sh: failure");
    expect(body).not.toContain("lint");
    expect(sim.requests.some((r) => r.operationId === "actions/list-jobs-for-workflow-run-attempt")).toBe(true);

    const watched = await cli(["sla-watch", "--repo", `${OWNER}/${REPO}`, "--config", "policy.yml", "--at", "2026-03-03T10:20:00Z", "--json"]);
    expect(watched.json).toMatchObject({ mode: "sla-watch", action: "commented", checked: 1, breaches: [{ issue: { number: 1 }, kinds: ["response"], changed: true }] });
    expect(commentsOf(sim, 1).at(-1)!.body).toContain("@acme/sre");

    const resolved = await cli(["resolve", ...runArgs, "--run-id", "556", "--at", "2026-03-03T10:45:00Z", "--json"]);
    expect(resolved.json).toMatchObject({ action: "closed", issue: { number: 1 }, followUp: { number: 2 } });
    expect(issuesOf(sim)[0]!.state).toBe("closed");
    // Whoever handled the incident owns its permanent fix.
    expect(issuesOf(sim)[1]!.assignees).toEqual(issuesOf(sim)[0]!.assignees);
    expect(issuesOf(sim)[1]!.assignees).toEqual(["alice"]);
  });

  it("reconciles subjects from a file: one incident per failing subject, closed once it passes", async () => {
    const subjects = (failed: boolean) => [
      { key: "cert:a.example:443", title: "TLS certificate of a.example:443", failed, details: ["expires in 3 days"] },
      { key: "cert:b.example:443", title: "TLS certificate of b.example:443", failed: false },
    ];
    await writeFile(path.join(cwd, "subjects.json"), JSON.stringify(subjects(true)));
    const opened = await cli(["reconcile", "--subjects", "subjects.json", "--repo", `${OWNER}/${REPO}`, "--config", "policy.yml", "--run-id", "700", "--json"]);
    expect(opened.code).toBe(0);
    expect(opened.json).toMatchObject({ mode: "reconcile", action: "reconciled", subjects: [{ action: "opened", key: "cert:a.example:443" }, { action: "none" }] });
    expect(issuesOf(sim).map((i) => i.title)).toEqual(["[P3] TLS certificate of a.example:443"]);
    expect(issuesOf(sim)[0]!.body).toContain("expires in 3 days");
    await writeFile(path.join(cwd, "subjects.json"), JSON.stringify(subjects(false)));
    const closed = await cli(["reconcile", "--subjects", "subjects.json", "--repo", `${OWNER}/${REPO}`, "--config", "policy.yml", "--run-id", "701", "--json"]);
    expect(closed.json).toMatchObject({ action: "reconciled", subjects: [{ action: "closed", issue: { number: 1 } }, { action: "none" }] });
    expect(issuesOf(sim).map((i) => i.state)).toEqual(["closed"]);
  });

  it("exits 2 naming --subjects when the file is missing or malformed", async () => {
    const missing = await cli(["reconcile", "--subjects", "nope.json", "--repo", `${OWNER}/${REPO}`, "--run-id", "702"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--subjects nope\.json: cannot read it \(ENOENT\)/);
    await writeFile(path.join(cwd, "bad.json"), '[{"key": 1}]');
    const malformed = await cli(["reconcile", "--subjects", "bad.json", "--repo", `${OWNER}/${REPO}`, "--run-id", "702"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/--subjects bad\.json\[0\]\.key: expected a non-empty string/);
    expect(issuesOf(sim)).toHaveLength(0);
  });

  it("prints text without --json", async () => {
    const { code, stdout } = await cli(["open", ...runArgs, "--run-id", "555"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Opened incident #1\.\nIncident: http/);
  });

  it.each([
    [["open", ...runArgs, "--run-id", "555"], {}, /GITHUB_TOKEN is not set/],
    [["open", "--repo", "nope", "--run-id", "1"], undefined, /--repo \(or GITHUB_REPOSITORY\): expected a repository as owner\/name/],
    [["open", "--repo", `${OWNER}/${REPO}`, "--config", "policy.yml"], undefined, /--run-id \(or GITHUB_RUN_ID\): expected the numeric id/],
    [["open", ...runArgs, "--run-id", "5", "--at", "yesterday"], undefined, /--at: "yesterday" is not an ISO-8601 time/],
    [["sla-watch", "--repo", `${OWNER}/${REPO}`, "--config", "missing.yml"], undefined, /missing\.yml: cannot read the policy file/],
  ] as const)("exits 2 with a message naming what is wrong: %j", async (args, env, message) => {
    const result = await cli([...args], env ? { ...env } : undefined);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("exits 3 when the API refuses the token", async () => {
    sim.inject({ ...faults.badCredentials(), times: Infinity });
    const result = await cli(["sla-watch", "--repo", `${OWNER}/${REPO}`, "--config", "policy.yml", "--json"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/HTTP 401 \(the token is missing, expired or invalid\)/);
  });
});
