/**
 * Cold start of each action bundle against `node -e 0`: the time from process start to exit when the action
 * has nothing to do but read its inputs and fail on a missing report (the cheapest real path).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const runs = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(args: string[], env: NodeJS.ProcessEnv): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, args, { env, stdio: "ignore" });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, [path.join(root, "scripts/build.ts")], { cwd: root });
  const temp = mkdtempSync(path.join(tmpdir(), "shipgate-cold-"));
  const output = path.join(temp, "out");
  writeFileSync(output, "");
  const env = { PATH: process.env.PATH, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: temp, "INPUT_FILES": "missing.info" };
  const floor = time(["-e", "0"], env);
  console.log(`\nCold start (median of ${runs} runs; floor: node -e 0 = ${floor.toFixed(1)} ms)`);
  console.log("| bundle | ms | x floor |\n| --- | ---: | ---: |");
  const bundles = readdirSync(path.join(root, "dist")).filter((f) => f.endsWith(".js"));
  for (const bundle of bundles) {
    const args = bundle === "cli.js" ? [path.join(root, "dist", bundle), "--help"] : [path.join(root, "dist", bundle)];
    const ms = time(args, env);
    console.log(`| ${bundle} | ${ms.toFixed(1)} | ${(ms / floor).toFixed(2)} |`);
  }
}
