/**
 * Cold start of each action bundle against `node -e 0`: the time from process start to exit on a cheap but real
 * path, named per bundle below: the bundle reads its inputs and the policy (none in the workspace, so the built-in
 * defaults apply) and stops at its own first check, or, for deploy-window, runs to its verdict. No path touches the
 * network. Each path's exit code is checked, so a bundle that crashes instead of taking its path is reported,
 * not timed.
 *
 * The machine may be loaded: every round runs the floor and each bundle once, in an order rotated from round to
 * round, so that a slow spell is shared by all of them; the table gives the median and the minimum of the rounds.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const rounds = 25;
/** Fewer rounds on a very slow machine: the bench stops starting rounds after this long. */
const budgetMs = 120_000;

interface Scenario {
  /** What the run does before it exits. */
  path: string;
  args?: string[];
  inputs?: Record<string, string>;
  exitCode: number;
}

/** One row per bundle in dist/; a bundle without a row fails the bench, so that a new action gets a documented path. */
const scenarios: Record<string, Scenario> = {
  cli: { path: "`--help`: prints the command list", args: ["--help"], exitCode: 0 },
  "approvals-gate": { path: "no `token`: fails reading its inputs", exitCode: 2 },
  "cert-gate": { path: "`files: missing.pem`: fails reading the PEM file", inputs: { files: "missing.pem" }, exitCode: 2 },
  changelog: { path: "workspace is no git repository: fails at its first git command", exitCode: 2 },
  "coverage-gate": { path: "`files: missing.info`: fails looking for the report", inputs: { files: "missing.info" }, exitCode: 2 },
  "deploy-window": { path: "no windows, no freezes: evaluates the window (open) and passes", exitCode: 0 },
  "go-no-go": { path: "no `token`: fails reading its inputs", exitCode: 2 },
  "health-check": { path: "no `urls`, no endpoints in the policy: fails reading its settings", exitCode: 2 },
  incident: { path: "`mode: auto` without `job-status`: fails reading its inputs", exitCode: 2 },
  preflight: { path: "runs its gates: coverage fails (no report), approvals and go/no-go skip (no token)", exitCode: 1 },
  "release-branch": { path: "no `mode`: fails reading its inputs", exitCode: 2 },
  release: { path: "no `token`: fails reading its inputs", exitCode: 2 },
  "rollback-guard": { path: "no rollback rules in the policy: fails reading its settings", exitCode: 2 },
  "security-gate": { path: "`reports: missing.sarif`: fails looking for the report", inputs: { reports: "missing.sarif" }, exitCode: 2 },
  version: { path: "workspace is no git repository: fails at its first git command", exitCode: 2 },
};

interface Target {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  exitCode: number;
  samples: number[];
}

function timeOnce(target: Target): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, target.args, { env: target.env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== target.exitCode) {
    throw new Error(`${target.name}: exit code ${result.status}, expected ${target.exitCode}: ${result.stderr.toString().slice(0, 500)}`);
  }
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, [path.join(root, "scripts/build.ts")], { cwd: root });
  const workspace = mkdtempSync(path.join(tmpdir(), "shipgate-cold-"));
  try {
    const output = path.join(workspace, "out");
    const summary = path.join(workspace, "summary");
    writeFileSync(output, "");
    writeFileSync(summary, "");
    const baseEnv = { PATH: process.env.PATH, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: workspace };
    const floor: Target = { name: "node -e 0", args: ["-e", "0"], env: baseEnv, exitCode: 0, samples: [] };
    const bundles = readdirSync(path.join(root, "dist"))
      .filter((file) => file.endsWith(".js"))
      .map((file): Target => {
        const name = path.basename(file, ".js");
        const scenario = scenarios[name];
        if (!scenario) throw new Error(`dist/${file}: no cold-start scenario; add one to bench/cold-start.ts`);
        const inputs = Object.fromEntries(Object.entries(scenario.inputs ?? {}).map(([key, value]) => [`INPUT_${key.toUpperCase()}`, value]));
        return { name, args: [path.join(root, "dist", file), ...(scenario.args ?? [])], env: { ...baseEnv, ...inputs }, exitCode: scenario.exitCode, samples: [] };
      });
    const targets = [floor, ...bundles];
    const started = Date.now();
    for (let round = 0; round < rounds && Date.now() - started < budgetMs; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        target.samples.push(timeOnce(target));
      }
    }
    const floorMedian = median(floor.samples);
    const floorMin = Math.min(...floor.samples);
    console.log(`\nCold start, ${floor.samples.length} interleaved rounds; floor (node -e 0): median ${floorMedian.toFixed(1)} ms, min ${floorMin.toFixed(1)} ms`);
    console.log("| bundle | median ms | x floor | min ms | x floor | path |\n| --- | ---: | ---: | ---: | ---: | --- |");
    for (const target of bundles) {
      const ms = median(target.samples);
      const min = Math.min(...target.samples);
      const row = [target.name, ms.toFixed(1), (ms / floorMedian).toFixed(2), min.toFixed(1), (min / floorMin).toFixed(2), scenarios[target.name]!.path];
      console.log(`| ${row.join(" | ")} |`);
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
