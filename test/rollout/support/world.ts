/**
 * The world a rollout test runs in: a repository in the API simulator, the user's traffic and rollback commands
 * as real node scripts (they write the weight the live metrics follow and log every call), policy files, and the
 * CLI started as a child process (so that a test can kill it mid-bake) or in this process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import type { Simulator } from "../../simulator/index.ts";
import { simulatorEnv } from "../../simulator/setup.ts";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const REPOSITORY = "acme/app";

/** The traffic command: records the weight (or colour) it was given and prints hostile text, as a tool might. */
const TRAFFIC_SCRIPT = `import { appendFileSync, writeFileSync } from "node:fs";
const [dir, job, name = "traffic"] = process.argv.slice(2);
const weight = process.env.SHIPGATE_ROLLOUT_WEIGHT ?? "";
const colour = process.env.SHIPGATE_ROLLOUT_COLOUR ?? "";
appendFileSync(dir + "/" + job + ".log", name + " " + (weight || colour) + "\\n");
if (weight) writeFileSync(dir + "/" + job + ".weight", weight);
if (process.env.FAIL_TRAFFIC_AT && process.env.FAIL_TRAFFIC_AT === weight) { console.error("load balancer refused"); process.exit(7); }
console.log("::error title=injected::a workflow command from the traffic command");
console.log("\\u001b]8;;https://evil.example\\u0007shifted\\u001b]8;;\\u0007 \\u001b[31m" + name + " to " + (weight || colour) + "\\u001b[0m");
`;

export interface World {
  dir: string;
  /** Every call of the user's commands for a job, e.g. ["traffic 5", "traffic 50", "rollback 0"]. */
  calls(job: string): string[];
  command(job: string, name?: string): string[];
}

export async function makeWorld(dir: string): Promise<World> {
  await writeFile(path.join(dir, "traffic.mjs"), TRAFFIC_SCRIPT);
  return {
    dir,
    calls(job) {
      const file = path.join(dir, `${job}.log`);
      return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean) : [];
    },
    command: (job, name = "traffic") => [process.execPath, path.join(dir, "traffic.mjs"), dir, job, name],
  };
}

/** The README's policy snippet (the YAML block holding `rollout:`), as a new user copies it. */
export function readmePolicy(): Record<string, unknown> {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((text) => /^rollout:/m.test(text));
  if (!block) throw new Error("the README has no YAML block with a rollout: section");
  return parse(block) as Record<string, unknown>;
}

/** Every duration in the policy (bakes, windows, waits), minutes read as seconds: the same rollout, 60 times faster. */
export function minutesAsSeconds(value: unknown): unknown {
  if (typeof value === "string" && /^\d+m$/.test(value)) return `${value.slice(0, -1)}s`;
  if (Array.isArray(value)) return value.map(minutesAsSeconds);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, minutesAsSeconds(v)]));
  return value;
}

/** The policy's PromQL for job `checkout` pointed at another job (one Prometheus serves every test). */
export function forJob(policy: Record<string, unknown>, job: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(policy).replaceAll('job=\\"checkout\\"', `job=\\"${job}\\"`)) as Record<string, unknown>;
}

export async function writePolicy(file: string, policy: Record<string, unknown>): Promise<string> {
  await writeFile(file, stringify(policy));
  return file;
}

export interface CliResult {
  code: number | null;
  json: Record<string, unknown> | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** `shipgate rollout` as a child process, from source, against the simulator. */
export function spawnRollout(sim: Simulator, args: string[], env: Record<string, string>, cwd: string): CliRun {
  const child = spawn(process.execPath, [path.join(repoRoot, "src/cli.ts"), "rollout", "--repo", REPOSITORY, "--json", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...simulatorEnv(sim, "test-token"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => {
    child.once("close", (code) => {
      let json: Record<string, unknown> | null;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        json = null;
      }
      resolve({ code, json, stdout, stderr });
    });
  });
  return { child, done };
}

/** The rollout's records on the simulator: every status description of the environment's deployments, oldest first. */
export function statusesOf(sim: Simulator, environment: string): Array<{ deployment: number; state: string; description: string }> {
  const repo = sim.state.repo("acme", "app")!;
  const ids = new Set(repo.deployments.list((d) => d.environment === environment).map((d) => d.id));
  return repo.deploymentStatuses.list((s) => ids.has(s.deploymentId)).map((s) => ({ deployment: s.deploymentId, state: s.state, description: s.description ?? "" }));
}

/** Waits (bounded) until a status of the environment matches. */
export async function waitForStatus(sim: Simulator, environment: string, pattern: RegExp, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (statusesOf(sim, environment).some((s) => pattern.test(s.description))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no status of ${environment} matched ${pattern} within ${limitMs} ms: ${JSON.stringify(statusesOf(sim, environment))}`);
}
