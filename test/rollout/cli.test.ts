/**
 * `shipgate rollout` in this process against the API simulator, with the user's commands as real child processes:
 * the approval gate, the abort command, blue-green (deploy, health and smoke test, switch, keep, retire), command
 * timeouts and bad configuration. No metrics here (the real-Prometheus tests judge them): the bakes judge health.
 */
import { createServer, type Server } from "node:http";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import type { Simulator } from "../simulator/index.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { tempDir } from "../support/temp.ts";
import { makeWorld, REPOSITORY, statusesOf, waitForStatus, writePolicy, type World } from "./support/world.ts";

let dir: string;
let world: World;
let sim: Simulator;
let sha: string;
let health: Server;
let healthUrl: string;
/** Colours whose health endpoint answers 503. */
const sick = new Set<string>();

async function rollout(args: string[], env: Record<string, string> = {}, commit = sha): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["rollout", "--repo", REPOSITORY, "--sha", commit, "--json", ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: dir,
    env: { ...simulatorEnv(sim, "test-token"), GITHUB_RUN_ID: "700", GITHUB_ACTOR: "release-manager", ...env },
    now: () => new Date(),
  });
  return { code, json: stdout ? (JSON.parse(stdout) as Record<string, unknown>) : {}, stderr };
}

const policy = (name: string, rollout: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> => writePolicy(path.join(dir, `${name}.yml`), { rollout: { interval: "1s", ...rollout }, ...extra });

const canaryCommands = (job: string) => ({ traffic: world.command(job), rollback: world.command(job, "rollback") });

beforeAll(async () => {
  dir = tempDir("rollout-cli");
  world = await makeWorld(dir);
  sim = await startTestSimulator({ repos: [REPOSITORY] });
  sha = sim.state.addCommit(REPOSITORY, { branch: "main", message: "feat: change" }).sha;
  health = createServer((request, response) => {
    const colour = /^\/(\w+)\/healthz$/.exec(request.url ?? "")?.[1] ?? "";
    response.writeHead(sick.has(colour) ? 503 : 200).end();
  });
  await new Promise<void>((resolve) => health.listen(0, "127.0.0.1", resolve));
  healthUrl = `http://127.0.0.1:${(health.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => health.close(() => resolve()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the approval gate and the abort command", () => {
  it("holds before a step with approve: true, and a run with --continue goes on", async () => {
    const file = await policy("gate", { steps: [{ weight: 10, bake: "1s" }, { weight: 100, approve: true }], commands: canaryCommands("gate") });
    const held = await rollout(["--environment", "gate", "--config", file]);
    expect(held.json, held.stderr).toMatchObject({ status: "warn", result: "held", step: 1, reason: "step 2/2 (100 %) waits for approval: run again with continue" });
    expect(held.code).toBe(0);
    expect(statusesOf(sim, "gate").some((s) => s.state === "queued")).toBe(true);
    expect((await rollout(["--environment", "gate", "--config", file])).json).toMatchObject({ result: "held" });

    // The approval comes from a dispatch on the default branch, which has moved on: it is about the rollout in progress.
    const moved = sim.state.addCommit(REPOSITORY, { branch: "main", message: "docs: later" }).sha;
    const approved = await rollout(["--environment", "gate", "--config", file, "--continue"], { GITHUB_RUN_ID: "701" }, moved);
    expect(approved.json, approved.stderr).toMatchObject({ result: "completed", step: 2, sha });
    expect(world.calls("gate")).toEqual(["traffic 10", "traffic 100"]);
    expect(statusesOf(sim, "gate").some((s) => /approved by release-manager/.test(s.description))).toBe(true);
  });

  it("--abort rolls the held rollout back, opens the incident, and a later run does nothing more", async () => {
    const file = await policy("abort", { steps: [{ weight: 5, bake: "1s" }, { weight: 50, bake: "1s", approve: true }, { weight: 100 }], commands: canaryCommands("abort") });
    expect((await rollout(["--environment", "abort", "--config", file])).json).toMatchObject({ result: "held" });
    const aborted = await rollout(["--environment", "abort", "--config", file, "--abort"], { GITHUB_RUN_ID: "702" });
    expect(aborted.json, aborted.stderr).toMatchObject({ status: "fail", result: "aborted", reason: "aborted by request", incident: { number: expect.any(Number) } });
    expect(aborted.code).toBe(1);
    expect(world.calls("abort")).toEqual(["traffic 5", "rollback 0"]);
    const incident = sim.state.repo("acme", "app")!.issues.get((aborted.json.incident as { number: number }).number)!;
    expect(incident.title).toMatch(/to abort aborted at step 1\/3 \(5 %\)/);
    expect(incident.body).toContain("aborted by request");

    const later = await rollout(["--environment", "abort", "--config", file, "--continue"], { GITHUB_RUN_ID: "703" });
    expect(later.json).toMatchObject({ result: "aborted" });
    expect(world.calls("abort")).toEqual(["traffic 5", "rollback 0"]);
    expect(sim.state.repo("acme", "app")!.issues.list((i) => i.title.includes("to abort aborted"))).toHaveLength(1);
  });

  it("a scheduled --resume goes on with the rollout in progress whatever the commit, and starts none", async () => {
    const file = await policy("resume", { steps: [{ weight: 20, bake: "3s" }, { weight: 100 }], "max-wait": "1s", commands: canaryCommands("resume") });
    expect((await rollout(["--environment", "resume", "--config", file, "--resume"])).json).toMatchObject({ result: "idle", reason: "no rollout is in progress in resume: nothing to resume" });
    expect(world.calls("resume")).toEqual([]);
    const waiting = await rollout(["--environment", "resume", "--config", file]);
    expect(waiting.json, waiting.stderr).toMatchObject({ result: "waiting", step: 1 });
    const moved = sim.state.addCommit(REPOSITORY, { branch: "main", message: "docs: later still" }).sha;
    const resumed = await rollout(["--environment", "resume", "--config", file, "--resume", "--max-wait", "10s"], { GITHUB_RUN_ID: "704" }, moved);
    expect(resumed.json, resumed.stderr).toMatchObject({ result: "completed", sha });
    expect(world.calls("resume")).toEqual(["traffic 20", "traffic 100"]);
  });

  it("--abort stops a rollout another job is baking: that job never promotes it", async () => {
    const file = await policy("preempt", { steps: [{ weight: 5, bake: "4s" }, { weight: 100 }], commands: canaryCommands("preempt") });
    const driver = rollout(["--environment", "preempt", "--config", file], { GITHUB_RUN_ID: "706" });
    await waitForStatus(sim, "preempt", /k=shifted t=\d+ s=0\]/);
    const aborted = await rollout(["--environment", "preempt", "--config", file, "--abort"], { GITHUB_RUN_ID: "707" });
    expect(aborted.json, aborted.stderr).toMatchObject({ result: "aborted", reason: "aborted by request" });
    expect((await driver).json).toMatchObject({ result: "aborted" });
    expect(world.calls("preempt")).toEqual(["traffic 5", "rollback 0"]);
    expect(sim.state.repo("acme", "app")!.issues.list((i) => i.title.includes("to preempt aborted"))).toHaveLength(1);
  });

  it("a rollback command that fails opens the incident at once, exits 3, and the next run retries the rollback", async () => {
    const steps = [{ weight: 5, bake: "1s" }, { weight: 50, bake: "1s" }, { weight: 100 }];
    const broken = await policy("broken-rollback", { steps, commands: { traffic: world.command("broken-rollback"), rollback: [process.execPath, "-e", "process.exit(4)"] } });
    const failed = await rollout(["--environment", "broken-rollback", "--config", broken], { FAIL_TRAFFIC_AT: "50" });
    expect(failed.code, failed.stderr).toBe(3);
    expect(failed.stderr).toMatch(/rollback command exited with code 4: the rollout of broken-rollback is not rolled back; run again/);
    const incidents = () => sim.state.repo("acme", "app")!.issues.list((i) => i.title.includes("to broken-rollback aborted"));
    expect(incidents()).toHaveLength(1);
    expect(incidents()[0]!.body).toContain("The rollback FAILED");

    const fixed = await policy("broken-rollback", { steps, commands: canaryCommands("broken-rollback") });
    const again = await rollout(["--environment", "broken-rollback", "--config", fixed]);
    expect(again.json, again.stderr).toMatchObject({ result: "aborted", step: 2 });
    expect(world.calls("broken-rollback")).toEqual(["traffic 5", "traffic 50", "rollback 0"]);
    expect(incidents()).toHaveLength(1);
  });

  it("--abort with no rollout in progress does nothing", async () => {
    const file = await policy("idle", { steps: [{ weight: 100 }], commands: canaryCommands("idle") });
    const result = await rollout(["--environment", "idle", "--config", file, "--abort"]);
    expect(result.json).toMatchObject({ status: "skip", result: "idle" });
    expect(result.code).toBe(0);
    expect(world.calls("idle")).toEqual([]);
  });

  it("kills a traffic command that outlives command-timeout and aborts", async () => {
    const file = await policy("slow", {
      steps: [{ weight: 5, bake: "1s" }, { weight: 100 }],
      "command-timeout": "1s",
      commands: { traffic: [process.execPath, "-e", "setTimeout(() => {}, 60000)"], rollback: world.command("slow", "rollback") },
    });
    const result = await rollout(["--environment", "slow", "--config", file]);
    expect(result.json, result.stderr).toMatchObject({ result: "aborted", reason: expect.stringContaining("traffic command timed out after 1 s and was killed") });
    expect(world.calls("slow")).toEqual(["rollback 0"]);
  });
});

describe("blue-green", () => {
  const blueGreen = (job: string, keep: string) => ({
    strategy: "blue-green",
    "max-wait": "5s",
    "blue-green": { bake: "1s", keep },
    commands: { deploy: world.command(job, "deploy"), smoke: world.command(job, "smoke"), traffic: world.command(job), rollback: world.command(job, "rollback"), retire: world.command(job, "retire") },
    health: [{ url: `${healthUrl}/{colour}/healthz` }],
  });

  it("deploys to the idle colour, checks it, switches, keeps the old colour, and a later run retires it", async () => {
    const file = await policy("bg", blueGreen("bg", "6s"));
    const first = await rollout(["--environment", "bg", "--config", file]);
    expect(first.json, first.stderr).toMatchObject({ status: "pass", result: "completed", strategy: "blue-green", resumeAt: expect.any(String) });
    expect(world.calls("bg")).toEqual(["deploy green", "smoke green", "traffic green"]);
    // The old colour is kept: a run before its time retires nothing.
    await rollout(["--environment", "bg", "--config", file], { GITHUB_RUN_ID: "711" });
    expect(world.calls("bg")).not.toContain("retire blue");

    await new Promise((resolve) => setTimeout(resolve, Date.parse(first.json.resumeAt as string) - Date.now() + 100));
    const later = await rollout(["--environment", "bg", "--config", file], { GITHUB_RUN_ID: "712" });
    expect(later.json, later.stderr).toMatchObject({ result: "completed" });
    expect(world.calls("bg")).toEqual(["deploy green", "smoke green", "traffic green", "retire blue"]);

    const next = sim.state.addCommit(REPOSITORY, { branch: "main", message: "feat: next" }).sha;
    const second = await rollout(["--environment", "bg", "--config", file], { GITHUB_RUN_ID: "713" }, next);
    expect(second.json, second.stderr).toMatchObject({ result: "completed" });
    expect(world.calls("bg").slice(4)).toEqual(["deploy blue", "smoke blue", "traffic blue"]);
  });

  it("with blue-green.approve, holds the checked idle colour until a run with --continue switches", async () => {
    const section = blueGreen("bg-gate", "1s");
    const file = await policy("bg-gate", { ...section, "blue-green": { ...(section["blue-green"] as object), approve: true } });
    const held = await rollout(["--environment", "bg-gate", "--config", file]);
    expect(held.json, held.stderr).toMatchObject({ result: "held", reason: "switch to green waits for approval: run again with continue" });
    expect(world.calls("bg-gate")).toEqual(["deploy green", "smoke green"]);
    const switched = await rollout(["--environment", "bg-gate", "--config", file, "--continue"], { GITHUB_RUN_ID: "721" });
    expect(switched.json, switched.stderr).toMatchObject({ result: "completed" });
    expect(world.calls("bg-gate")).toEqual(["deploy green", "smoke green", "traffic green", "retire blue"]);
  });

  it("never switches to an idle colour that fails its health check: switches back and opens the incident", async () => {
    sick.add("green");
    try {
      const file = await policy("bg-sick", blueGreen("bg-sick", "1h"), { health: { retries: 0, budget: 2000 } });
      const result = await rollout(["--environment", "bg-sick", "--config", file]);
      expect(result.json, result.stderr).toMatchObject({ result: "aborted", reason: expect.stringContaining("health") });
      expect(world.calls("bg-sick")).toEqual(["deploy green", "rollback blue"]);
      expect(result.json.incident).toMatchObject({ number: expect.any(Number) });
    } finally {
      sick.delete("green");
    }
  });
});

describe("bad configuration", () => {
  it.each([
    ["no steps", { commands: { traffic: ["x"], rollback: ["x"] } }, /rollout\.steps is empty/],
    ["weights that do not grow", { steps: [{ weight: 50, bake: "1m" }, { weight: 10, bake: "1m" }, { weight: 100 }], commands: { traffic: ["x"], rollback: ["x"] } }, /rollout\.steps\[1\]\.weight: 10 is not more than the step before/],
    ["a last step short of 100 %", { steps: [{ weight: 5, bake: "1m" }, { weight: 50 }], commands: { traffic: ["x"], rollback: ["x"] } }, /rollout\.steps\[1\]\.weight: the last step must be 100/],
    ["a step without bake before the last", { steps: [{ weight: 5 }, { weight: 100 }], commands: { traffic: ["x"], rollback: ["x"] } }, /rollout\.steps\[0\]\.bake: a step before the last needs a bake time/],
    ["no traffic command", { steps: [{ weight: 100 }], commands: { rollback: ["x"] } }, /rollout\.commands\.traffic: give the traffic command as an argument list/],
    ["a shell string for a command", { steps: [{ weight: 100 }], commands: { traffic: "./shift.sh 5", rollback: ["x"] } }, /rollout\.commands\.traffic/],
    ["metrics without Prometheus", { steps: [{ weight: 100 }], commands: { traffic: ["x"], rollback: ["x"] }, metrics: [{ name: "errors", canary: "a", baseline: "b" }] }, /no Prometheus URL/],
  ])("%s: exit 2 naming the key", async (name, section, message) => {
    const file = await policy(`bad-${name.replace(/\W+/g, "-")}`, section as Record<string, unknown>);
    const result = await rollout(["--environment", "bad", "--config", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses --continue with --abort", async () => {
    const file = await policy("both", { steps: [{ weight: 100 }], commands: canaryCommands("both") });
    const result = await rollout(["--environment", "both", "--config", file, "--continue", "--abort"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--continue and --abort contradict each other/);
  });
});
