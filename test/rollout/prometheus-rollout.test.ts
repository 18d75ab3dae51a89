/**
 * The README's three-step canary against a REAL Prometheus server (Debian's package, installed by
 * .ci/setup-rollback.sh) scraping live canary and baseline series every second; the user's traffic and rollback
 * commands are real child processes, GitHub is the API simulator, and the CLI runs as a child process so that a
 * test can kill it mid-bake (and the action bundle for the job summary: `npm run build` first). Durations are the
 * README's, minutes read as seconds. Skips, loudly, only when the server cannot be installed.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrometheusClient } from "../../src/net/prometheus.ts";
import { prometheusBinaries, startPrometheus, type RunningPrometheus } from "../rollback/support/prometheus-server.ts";
import type { Simulator } from "../simulator/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";
import { runActionBundle } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";
import { scenarios, startExposition, type Exposition, type Scenario } from "./support/live-metrics.ts";
import { forJob, makeWorld, minutesAsSeconds, readmePolicy, REPOSITORY, spawnRollout, statusesOf, waitForStatus, writePolicy, type World } from "./support/world.ts";

const binaries = await prometheusBinaries();
if ("missing" in binaries) {
  const banner = "!".repeat(100);
  console.warn(`\n${banner}\n!!! SKIPPING the real-Prometheus rollout tests: ${binaries.missing}\n${banner}\n`);
}

let dir: string;
let world: World;
let exposition: Exposition;
let prometheus: RunningPrometheus;
let sim: Simulator;
let sha: string;

/** The README's policy for `job`, 60 times faster, with this world's commands and the canary's health endpoint. */
async function policyFor(job: string, scenario: Scenario, change: (rollout: Record<string, unknown>) => void = () => {}): Promise<string> {
  exposition.play(job, scenario);
  const policy = forJob(minutesAsSeconds(readmePolicy()) as Record<string, unknown>, job);
  const rollout = policy.rollout as Record<string, unknown>;
  rollout.commands = { traffic: world.command(job), rollback: world.command(job, "rollback") };
  rollout.health = [{ url: `${exposition.url}/health/${job}` }];
  change(rollout);
  return writePolicy(path.join(dir, `${job}.yml`), policy);
}

function rollout(environment: string, policy: string, runId: string, extra: string[] = [], env: Record<string, string> = {}) {
  return spawnRollout(sim, ["--environment", environment, "--sha", sha, "--config", policy, "--prometheus", prometheus.url, ...extra], { GITHUB_RUN_ID: runId, ...env }, dir);
}

/**
 * Waits until Prometheus holds a sample of the job's canary errors at every second of the last `seconds`. A rule's first
 * evaluation sees only the samples scraped since `play`; fewer than its min-samples, all above the threshold, are "no
 * data" by the guard's documented rule, so a scenario that starts above the threshold needs a full window first.
 */
async function warmUp(job: string, seconds: number): Promise<void> {
  const client = createPrometheusClient({ url: prometheus.url });
  const query = `job:request_error_ratio:rate1m{job="${job}",track="canary"}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const end = new Date();
    const { series } = await client.range(query, new Date(end.getTime() - seconds * 1000), end, 1);
    if ((series[0]?.samples.length ?? 0) > seconds) return;
    if (Date.now() > deadline) throw new Error(`Prometheus holds no full ${seconds}s window of ${query} after 60s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function issues() {
  return sim.state.repo("acme", "app")!.issues.list();
}

describe.skipIf("missing" in binaries)("the README's canary against a real Prometheus server", () => {
  beforeAll(async () => {
    if ("missing" in binaries) return;
    dir = tempDir("rollout");
    world = await makeWorld(dir);
    exposition = await startExposition(dir);
    exposition.play("warm-up", scenarios.healthy());
    prometheus = await startPrometheus(binaries, "", { target: exposition.target, intervalSeconds: 1 });
    const client = createPrometheusClient({ url: prometheus.url });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await client.instant('job:request_error_ratio:rate1m{job="warm-up"}', new Date())).series.length === 0) await new Promise((r) => setTimeout(r, 200));
    sim = await startTestSimulator({ repos: [REPOSITORY] });
    sha = sim.state.addCommit(REPOSITORY, { branch: "main", message: "feat: new checkout" }).sha;
  }, 180_000);

  afterAll(async () => {
    await exposition?.close();
    await prometheus?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("promotes a healthy canary 5 % -> 50 % -> 100 %, the 30-minute bake across two runs, and records every step and verdict", async () => {
    const policy = await policyFor("checkout", scenarios.healthy());
    const first = await rollout("production", policy, "101").done;
    // max-wait 20m is shorter than 10m + 30m: the job ends waiting, and the next scheduled run resumes.
    expect(first.json, first.stderr).toMatchObject({ status: "pass", result: "waiting", step: 2, resumeAt: expect.any(String) });
    expect(first.code).toBe(0);
    expect(world.calls("checkout")).toEqual(["traffic 5", "traffic 50"]);
    // The next scheduled runs resume: the first may find the bake's remainder still longer than max-wait on a loaded machine.
    const resumed = [await rollout("production", policy, "102").done];
    while (resumed.at(-1)!.json?.result === "waiting" && resumed.length < 3) resumed.push(await rollout("production", policy, String(102 + resumed.length)).done);
    const result = resumed.at(-1)!;
    expect(result.json, result.stderr).toMatchObject({ status: "pass", result: "completed", step: 3, steps: 3, environment: "production", sha });
    expect(result.code).toBe(0);
    expect(world.calls("checkout")).toEqual(["traffic 5", "traffic 50", "traffic 100"]);
    const verdicts = (json: Record<string, unknown> | null) => (json!.verdicts as Array<{ label: string; verdict: string; judgement: { verdict: string } | null }>).map((v) => [v.label, v.verdict, v.judgement?.verdict]);
    expect(verdicts(first.json)).toEqual([["step 1/3 (5 %)", "pass", "pass"]]);
    expect(resumed.flatMap((run) => verdicts(run.json))).toEqual([["step 2/3 (50 %)", "pass", "pass"]]);
    const statuses = statusesOf(sim, "production");
    expect(new Set(statuses.map((s) => s.deployment)).size).toBe(1);
    expect(statuses.at(-1)).toMatchObject({ state: "success", description: expect.stringMatching(/^completed: step 3\/3 \(100 %\)/) });
    expect(statuses.filter((s) => /k=verdict/.test(s.description)).map((s) => /v=(\w+)/.exec(s.description)![1])).toEqual(["pass", "pass"]);
    expect(issues()).toEqual([]);
  }, 120_000);

  it("aborts a canary that degrades at 50 %: rollback command, incident, and the reason recorded", async () => {
    const run = rollout("production-eu", await policyFor("checkout-eu", scenarios.degradesAtHalf()), "201");
    const result = await run.done;
    expect(result.json, result.stderr).toMatchObject({ status: "fail", result: "aborted", step: 2, steps: 3 });
    expect(result.code).toBe(1);
    expect(result.json!.reason).toMatch(/error-ratio|latency/);
    expect(world.calls("checkout-eu")).toEqual(["traffic 5", "traffic 50", "rollback 0"]);
    const statuses = statusesOf(sim, "production-eu");
    expect(statuses.at(-1)).toMatchObject({ state: "failure", description: expect.stringMatching(/^aborted at step 2\/3 \(50 %\); incident #\d+: /) });
    const opened = issues().filter((i) => i.title.includes("production-eu"));
    expect(opened).toHaveLength(1);
    expect(opened[0]!.title).toMatch(/Rollout of [0-9a-f]{7} to production-eu aborted at step 2\/3 \(50 %\)/);
    expect(opened[0]!.state).toBe("open");
    expect(result.json!.incident).toMatchObject({ number: opened[0]!.number });
  }, 120_000);

  it("the action's job summary leads each step with its verdict line, then canary against baseline with the thresholds", async () => {
    const policy = await policyFor("checkout-action", scenarios.degradesAtHalf());
    const result = await runActionBundle("dist/rollout.js", {
      workspace: dir,
      inputs: { environment: "production-action", sha, config: policy, "prometheus-url": prometheus.url, token: "test-token" },
      apiUrl: sim.url,
      env: { GITHUB_REPOSITORY: REPOSITORY, GITHUB_RUN_ID: "801", SHIPGATE_RETRY_AFTER_BASE_MS: "1" },
      timeoutMs: 120_000,
    });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs).toMatchObject({ status: "fail", result: "aborted", step: "2", steps: "3", "incident-url": expect.stringMatching(/\/issues\/\d+$/) });
    const summary = result.summary;
    expect(summary).toMatch(/^#+ ❌ rollout: Aborted [0-9a-f]{7} to production-action at step 2\/3 and rolled back: /m);
    const first = summary.indexOf("### ✅ step 1/3 (5 %): pass: ");
    const second = summary.indexOf("### ❌ step 2/3 (50 %): fail: rollback rule ");
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    for (const section of [summary.slice(first, second), summary.slice(second)]) {
      // The section's first picture: the judged error ratio, canary and baseline, with the band the judge tolerates.
      const picture = section.slice(section.indexOf("**error-ratio: canary vs baseline**"));
      expect(picture).toMatch(/^\*\*error-ratio: canary vs baseline\*\*\n\n```mermaid\n[^`]*xychart-beta[^`]*```\n\n🟥 canary · 🟦 baseline · 🟧 baseline \+10 %: [\d.]+ · 🟩 rule error-ratio: 0\.01/);
    }
    // The traffic command printed an OSC-8 link and colours: the step log shows its words, none of its escapes.
    expect(result.stdout).toContain("traffic to 5");
    expect(result.stdout + summary).not.toContain("\u001b");
    expect(result.stdout + summary).not.toContain("\u0007");
    // It also printed `::error::`: the runner must not read it as a workflow command.
    expect(result.annotations.filter((a) => a.properties.title === "injected")).toEqual([]);
    expect(result.stdout).toContain("a workflow command from the traffic command");
  }, 120_000);

  it("resumes a job killed mid-bake where it stopped, without shifting any step twice; another run may not take it over", async () => {
    // A max-wait that covers the 30s bake: the re-run finishes the bake itself.
    const policy = await policyFor("checkout-us", scenarios.healthy(), (r) => (r["max-wait"] = "60s"));
    const first = rollout("production-us", policy, "301");
    await waitForStatus(sim, "production-us", /k=shifted t=\d+ s=1\]/);
    first.child.kill("SIGKILL");
    expect((await first.done).code).toBe(null);
    expect(world.calls("checkout-us")).toEqual(["traffic 5", "traffic 50"]);

    const other = await rollout("production-us", policy, "302").done;
    expect(other.json, other.stderr).toMatchObject({ result: "refused", reason: expect.stringMatching(/run run-301 drives this rollout until/) });
    expect(other.code).toBe(1);

    const rerun = await rollout("production-us", policy, "301", [], { GITHUB_RUN_ATTEMPT: "2" }).done;
    expect(rerun.json, rerun.stderr).toMatchObject({ result: "completed", step: 3 });
    expect(world.calls("checkout-us")).toEqual(["traffic 5", "traffic 50", "traffic 100"]);
    const statuses = statusesOf(sim, "production-us");
    expect(new Set(statuses.map((s) => s.deployment)).size).toBe(1);
    expect(statuses.filter((s) => /k=shifted/.test(s.description)).map((s) => /s=(\d)/.exec(s.description)![1])).toEqual(["0", "1", "2"]);
    expect(statuses.filter((s) => /k=verdict/.test(s.description)).map((s) => /s=(\d)/.exec(s.description)![1])).toEqual(["0", "1"]);
  }, 150_000);

  it("aborts at the first step when the canary has no data, and says so", async () => {
    const result = await rollout("production-silent", await policyFor("checkout-silent", scenarios.canarySilent()), "401").done;
    expect(result.json, result.stderr).toMatchObject({ result: "aborted", step: 1 });
    expect(result.json!.reason).toMatch(/no series|no data/);
    expect(world.calls("checkout-silent")).toEqual(["traffic 5", "rollback 0"]);
  }, 120_000);

  it("promotes errors that flap around the 1 % threshold on canary and baseline alike: no sustained breach, no difference", async () => {
    const policy = await policyFor("checkout-flap", scenarios.flapping(), (r) => (r.steps = [{ weight: 50, bake: "10s" }, { weight: 100 }]));
    // The flapping has been going on before the rollout: its first evaluation sees a full "for: 5s" window.
    await warmUp("checkout-flap", 5);
    const result = await rollout("production-flap", policy, "501").done;
    expect(result.json, `${String(result.json?.reason)}\n${result.stderr}`).toMatchObject({ result: "completed" });
    const [verdict] = result.json!.verdicts as Array<{ rules: { verdict: string } }>;
    expect(verdict!.rules.verdict).toBe("healthy");
    expect(world.calls("checkout-flap")).toEqual(["traffic 50", "traffic 100"]);
  }, 120_000);

  it("lets only one of two rollouts started at once in one environment run", async () => {
    const other = sim.state.addCommit(REPOSITORY, { branch: "main", message: "fix: other change" }).sha;
    const policy = await policyFor("checkout-race", scenarios.healthy(), (r) => (r.steps = [{ weight: 50, bake: "12s" }, { weight: 100 }]));
    const a = rollout("production-race", policy, "601");
    const b = spawnRollout(sim, ["--environment", "production-race", "--sha", other, "--config", policy, "--prometheus", prometheus.url], { GITHUB_RUN_ID: "602" }, dir);
    const results = await Promise.all([a.done, b.done]);
    const outcomes = results.map((r) => r.json?.result).sort();
    expect(outcomes, results.map((r) => r.stderr).join("\n")).toEqual(["completed", "refused"]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    expect(world.calls("checkout-race")).toEqual(["traffic 50", "traffic 100"]);
    const repo = sim.state.repo("acme", "app")!;
    const completed = statusesOf(sim, "production-race").filter((s) => s.state === "success");
    expect(new Set(completed.map((s) => s.deployment)).size).toBe(1);
    expect(repo.deployments.list((d) => d.environment === "production-race").length).toBeLessThanOrEqual(2);
  }, 120_000);
});
