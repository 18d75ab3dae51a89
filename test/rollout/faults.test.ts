/**
 * A fault at every write the rollout makes to GitHub (the deployment, each status, the incident's issue, label and
 * comment writes): the run fails with exit 3 naming what it was writing, and the next run converges to the same
 * end state as a run without faults: one deployment, each step shifted in order, one incident. The user's commands
 * are real child processes; the bakes are one second and judge nothing (no metrics), the subject here is the state.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { faults } from "../simulator/faults.ts";
import type { Simulator } from "../simulator/index.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { tempDir } from "../support/temp.ts";
import { makeWorld, REPOSITORY, statusesOf, writePolicy, type World } from "./support/world.ts";

let dir: string;
let world: World;
let sim: Simulator;
let sha: string;

const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);

async function rollout(environment: string, policy: string, env: Record<string, string> = {}): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["rollout", "--repo", REPOSITORY, "--environment", environment, "--sha", sha, "--config", policy, "--json"], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: dir,
    env: { ...simulatorEnv(sim, "test-token"), GITHUB_RUN_ID: "900", SHIPGATE_HTTP_RETRIES: "1", ...env },
    now: () => new Date(),
  });
  return { code, json: JSON.parse(stdout) as Record<string, unknown>, stderr };
}

async function policyFor(job: string): Promise<string> {
  return writePolicy(path.join(dir, `${job}.yml`), {
    rollout: {
      steps: [{ weight: 5, bake: "1s" }, { weight: 50, bake: "1s" }, { weight: 100 }],
      interval: "1s",
      commands: { traffic: world.command(job), rollback: world.command(job, "rollback") },
    },
  });
}

/** The write requests a run made, in order, as operation ids. */
function writesSince(from: number): string[] {
  return sim.requests
    .slice(from)
    .filter((r) => WRITES.has(r.method) && r.operationId)
    .map((r) => r.operationId!);
}

describe("a fault at every write of a rollout", () => {
  beforeAll(async () => {
    dir = tempDir("rollout-faults");
    world = await makeWorld(dir);
    sim = await startTestSimulator({ repos: [REPOSITORY] });
    sha = sim.state.addCommit(REPOSITORY, { branch: "main", message: "feat: change" }).sha;
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const variants: Array<{ name: string; env: Record<string, string>; result: string; calls: string[]; incidents: number }> = [
    { name: "a rollout that completes", env: {}, result: "completed", calls: ["traffic 5", "traffic 50", "traffic 100"], incidents: 0 },
    { name: "a rollout that aborts (the traffic command fails at 50 %)", env: { FAIL_TRAFFIC_AT: "50" }, result: "aborted", calls: ["traffic 5", "traffic 50", "rollback 0"], incidents: 1 },
  ];
  for (const variant of variants) {
    it(`${variant.name}: converges after a failed write, whichever it is`, async () => {
      const base = `clean-${variant.result}`;
      const before = sim.requests.length;
      const clean = await rollout(base, await policyFor(base), variant.env);
      expect(clean.json, clean.stderr).toMatchObject({ result: variant.result });
      expect(world.calls(base)).toEqual(variant.calls);
      const writes = writesSince(before);
      expect(writes[0]).toBe("repos/create-deployment");
      expect(writes.length).toBeGreaterThan(5);

      for (const [index, operationId] of writes.entries()) {
        const job = `${variant.result}-fault-${index}`;
        const policy = await policyFor(job);
        const earlier = writes.slice(0, index).filter((w) => w === operationId).length;
        const fault = sim.inject({ ...faults.serverError(502), operationId, after: earlier, times: Infinity });
        const failed = await rollout(job, policy, variant.env);
        sim.clearFaults();
        expect(fault.applied, `write ${index} (${operationId})`).toBeGreaterThan(0);
        expect(failed.code, `write ${index} (${operationId}): ${failed.stderr}`).toBe(3);

        const again = await rollout(job, policy, variant.env);
        expect(again.json, `after write ${index} (${operationId}) failed: ${again.stderr}`).toMatchObject({ result: variant.result });
        const deployments = sim.state.repo("acme", "app")!.deployments.list((d) => d.environment === job);
        expect(deployments, `write ${index}`).toHaveLength(1);
        // A shift whose record failed is run again (the same weight: idempotent); none is skipped or reordered.
        const calls = world.calls(job).filter((c, i, all) => c !== all[i - 1]);
        expect(calls, `write ${index} (${operationId})`).toEqual(variant.calls);
        const shifted = statusesOf(sim, job).filter((s) => /k=shifted/.test(s.description)).map((s) => /s=(\d)/.exec(s.description)![1]);
        expect(shifted).toEqual([...new Set(shifted)].sort());
        const incidents = sim.state.repo("acme", "app")!.issues.list((i) => i.title.includes(` to ${job} aborted`));
        expect(incidents, `write ${index} (${operationId})`).toHaveLength(variant.incidents);
      }
    }, 600_000);
  }
});
