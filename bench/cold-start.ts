/**
 * Cold start of each action bundle on a real passing run (bench/cold-start-runs.ts says what each one does).
 *
 * Issue 16 asks for "at most 1.5x `node -e 0`". Taken literally that cannot be met by an action whose job is I/O:
 * `node` doing nothing but the same requests to the same local simulator, or the same git commands, already
 * takes up to 3x `node -e 0` (release-branch: 11 git commands and 10 requests). So each bundle is timed against
 * two floors, and both ratios are printed:
 *
 * - `node -e 0`: the literal ratio (target <= 1.5x).
 * - its own I/O floor: a plain `node` script doing exactly the external work the passing run did, one operation
 *   after the other with the same Node APIs (the same HTTP requests, with the same methods, headers and bodies,
 *   to the same simulator or service; the same git commands in the same checkout; the same file reads), recorded
 *   on an untimed re-run of the bundle (bench/cold-start-io.ts). Startup overhead = bundle minus its I/O floor,
 *   what shipgate itself adds: loading its code, parsing reports and policies, computing, writing outputs.
 *
 * The target is judged as: startup overhead <= 0.5x `node -e 0` (that is, bundle <= 1.5x node -e 0 + its I/O).
 * A bundle that overlaps independent operations (several GitHub reads at once, git while a file is read) can beat
 * its sequential floor, so its overhead may be negative.
 *
 * Writes to the API simulator are not spaced (SHIPGATE_NO_WRITE_SPACING), as in the runner-contract tests: on
 * GitHub the spacing is a rate-limit rule, not start-up time. The floor replays the re-run's writes, which the
 * re-runs themselves repeat too (a check run per run), so the world each timed run sees stays the same.
 *
 * The machine may be loaded: every round runs `node -e 0`, each bundle and each floor once, in an order rotated
 * from round to round, so that a slow spell is shared by all of them; the table gives medians. It also gives the
 * CPU time each process reports at exit (user + system, from a one-line module loaded before the entry, into
 * every process timed, the floors' too): on a loaded machine wall time mostly measures the wait for a core, CPU
 * time what the process itself does.
 *
 * Each bundle also runs with Node's compile cache (NODE_COMPILE_CACHE, what module.enableCompileCache() turns on),
 * warm after the first round: what a second shipgate step of the same job would get from a cache in the
 * runner's temp folder.
 * Each run's exit code is checked, so a bundle that fails instead of passing is reported, not timed.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { removeTempDirs, tempDir } from "../test/support/temp.ts";
import { runnerEnv } from "../test/support/runner.ts";
import { describe, floorScript, recorderImport, type Operation } from "./cold-start-io.ts";
import { startWorld } from "./cold-start-runs.ts";

const root = path.resolve(import.meta.dirname, "..");
const rounds = 15;
/** Fewer rounds on a very slow machine: the bench stops starting rounds after this long. */
const budgetMs = 300_000;
/** Literal target: bundle <= 1.5x node -e 0. */
const TARGET = 1.5;
/** The target as judged: bundle minus its I/O floor <= 0.5x node -e 0. */
const OVERHEAD_TARGET = TARGET - 1;

/** Writes the process's own CPU time (ms) to file descriptor 3 as it exits. */
const CPU_REPORT = `data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeSync(3,String((u.user+u.system)/1000))})`;

interface Target {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  samples: number[];
  cpu: number[];
}

interface Bundle extends Target {
  /** The same run with a warm compile cache. */
  cached: Target;
  /** `node` doing the same external work as the run, one operation after the other. */
  floor?: Target;
  io?: Operation[];
}

function timeOnce(target: Target, preload: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--import", CPU_REPORT, ...preload, ...target.args], { env: target.env, cwd: target.cwd, stdio: ["ignore", "pipe", "pipe", "pipe"] });
    let out = "";
    let cpu = "";
    child.stdio[3]!.on("data", (chunk: Buffer) => (cpu += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => (out = (out + chunk.toString()).slice(-2000)));
    child.stderr!.on("data", (chunk: Buffer) => (out = (out + chunk.toString()).slice(-2000)));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) {
        target.samples.push(ms);
        target.cpu.push(Number(cpu));
        resolve();
      } else reject(new Error(`${target.name}: exit code ${code}, expected 0 (a passing run):\n${out}`));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs the bundle untimed twice (the second is a re-run, as every timed one is), recording the re-run's I/O. */
async function recordFloor(bundle: Bundle, scratch: string): Promise<void> {
  await timeOnce(bundle);
  const log = path.join(scratch, `${bundle.name}.io.json`);
  await timeOnce({ ...bundle, env: { ...bundle.env, SHIPGATE_BENCH_IO_LOG: log } }, ["--import", recorderImport()]);
  bundle.samples.length = 0;
  bundle.cpu.length = 0;
  bundle.io = JSON.parse(readFileSync(log, "utf8")) as Operation[];
  const script = path.join(scratch, `${bundle.name}.floor.mjs`);
  writeFileSync(script, floorScript(bundle.io));
  bundle.floor = { name: `${bundle.name} I/O floor`, args: [script], env: bundle.env, cwd: bundle.cwd, samples: [], cpu: [] };
  await timeOnce(bundle.floor);
  bundle.floor.samples.length = 0;
  bundle.floor.cpu.length = 0;
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, [path.join(root, "scripts/build.ts")], { cwd: root });
  const world = await startWorld();
  try {
    const scratch = tempDir("cold-runner");
    const floor: Target = { name: "node -e 0", args: ["-e", "0"], env: { PATH: process.env.PATH }, cwd: scratch, samples: [], cpu: [] };
    const bundles = readdirSync(path.join(root, "dist"))
      .filter((file) => file.endsWith(".js"))
      .map((file): Bundle => {
        const name = path.basename(file, ".js");
        const passing = world.runs[name];
        if (!passing) throw new Error(`dist/${file}: no passing run; add one to bench/cold-start-runs.ts`);
        const dir = path.join(scratch, name);
        const files = { output: path.join(dir, "output"), summary: path.join(dir, "summary"), event: path.join(dir, "event.json") };
        execFileSync("mkdir", ["-p", dir]);
        writeFileSync(files.output, "");
        writeFileSync(files.summary, "");
        writeFileSync(files.event, JSON.stringify(passing.event ?? {}));
        const args = [path.join(root, "dist", file), ...(passing.args ?? [])];
        const env = runnerEnv(files, { ...passing, apiUrl: world.sim.url }, path.dirname(files.output));
        const cached: Target = { name: `${name} (compile cache)`, args, env: { ...env, NODE_COMPILE_CACHE: path.join(scratch, "compile-cache") }, cwd: passing.workspace, samples: [], cpu: [] };
        return { name, args, env, cwd: passing.workspace, samples: [], cpu: [], cached };
      });
    for (const bundle of bundles) await recordFloor(bundle, scratch);
    const targets = [floor, ...bundles, ...bundles.map((bundle) => bundle.cached), ...bundles.map((bundle) => bundle.floor!)];
    const started = Date.now();
    for (let round = 0; round < rounds && Date.now() - started < budgetMs; round++) {
      for (let i = 0; i < targets.length; i++) await timeOnce(targets[(i + round) % targets.length]!);
    }
    if (world.sim.violations.length > 0) throw new Error(`the API simulator recorded ${world.sim.violations.length} violations of GitHub's API`);
    const floorMs = median(floor.samples);
    const floorCpu = median(floor.cpu);
    console.log(`\nCold start on passing runs, ${floor.samples.length} interleaved rounds; node -e 0: median ${floorMs.toFixed(1)} ms, CPU ${floorCpu.toFixed(1)} ms.`);
    console.log(
      `Target as judged: startup overhead (bundle minus its own I/O floor: node doing the same requests, git commands and file reads, one after the other) <= ${OVERHEAD_TARGET}x node -e 0 = ${(OVERHEAD_TARGET * floorMs).toFixed(1)} ms. The literal ratio (bundle <= ${TARGET}x node -e 0) is printed too.`,
    );
    console.log(
      "| bundle | median ms | literal x node -e 0 | CPU ms | I/O floor does | floor median ms | floor x node -e 0 | overhead ms | overhead x node -e 0 | CPU overhead ms | with compile cache: median ms, CPU ms | overhead target | literal target | passing run |",
    );
    console.log("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |");
    for (const bundle of bundles) {
      const ms = median(bundle.samples);
      const cpu = median(bundle.cpu);
      const ioMs = median(bundle.floor!.samples);
      const overhead = ms - ioMs;
      const cached = bundle.cached;
      // The first cached run fills the cache: left out.
      const withCache = `${median(cached.samples.slice(1)).toFixed(1)}, ${median(cached.cpu.slice(1)).toFixed(1)}`;
      const row = [
        bundle.name,
        ms.toFixed(1),
        (ms / floorMs).toFixed(2),
        cpu.toFixed(1),
        describe(bundle.io!),
        ioMs.toFixed(1),
        (ioMs / floorMs).toFixed(2),
        overhead.toFixed(1),
        (overhead / floorMs).toFixed(2),
        (cpu - median(bundle.floor!.cpu)).toFixed(1),
        withCache,
        overhead / floorMs <= OVERHEAD_TARGET ? "✅" : "❌",
        ms / floorMs <= TARGET ? "✅" : "❌",
        world.runs[bundle.name]!.does,
      ];
      console.log(`| ${row.join(" | ")} |`);
    }
  } finally {
    await world.close();
    removeTempDirs();
  }
}
