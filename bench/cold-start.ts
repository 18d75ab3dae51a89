/**
 * Cold start of each action bundle on a real passing run (bench/cold-start-runs.ts says what each one does):
 * the time from process start to exit, against `node -e 0`. Target: at most 1.5x for every action.
 *
 * A run that talks to a service cannot be faster than Node making the same requests, so two more floors are
 * printed: `node` doing one request with what the run uses (fetch, for GitHub, Prometheus and health checks) to
 * the same local server, and, per bundle, `node` doing as many requests one after the other as the bundle's
 * passing run made (counted on a re-run before the timed rounds). The target is against `node -e 0`, as stated;
 * the last floor's ratio says how much of the gap is ours. Writes to the API simulator are not spaced (SHIPGATE_NO_WRITE_SPACING),
 * as in the runner-contract tests: on GitHub the spacing is a rate-limit rule, not start-up time.
 *
 * The machine may be loaded: every round runs the floors and each bundle once, in an order rotated from round
 * to round, so that a slow spell is shared by all of them; the table gives the median and the minimum. It also
 * gives the CPU time each process reports at exit (user + system, from a one-line module loaded before the
 * entry, into every process timed, the floor's too): on a loaded machine wall time mostly measures the wait for
 * a core, CPU time what the process itself does.
 *
 * Each bundle also runs with Node's compile cache (NODE_COMPILE_CACHE, what module.enableCompileCache() turns on),
 * warm after the first round: what a second shipgate step of the same job would get from a cache in the
 * runner's temp folder.
 * Each run's exit code is checked, so a bundle that fails instead of passing is reported, not timed.
 */
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { removeTempDirs, tempDir } from "../test/support/temp.ts";
import { runnerEnv } from "../test/support/runner.ts";
import { startWorld } from "./cold-start-runs.ts";

const root = path.resolve(import.meta.dirname, "..");
const rounds = 15;
/** Fewer rounds on a very slow machine: the bench stops starting rounds after this long. */
const budgetMs = 240_000;
const TARGET = 1.5;

/** Writes the process's own CPU time (ms) to file descriptor 3 as it exits. */
const CPU_REPORT = `data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeSync(3,String((u.user+u.system)/1000))})`;

interface Target {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  samples: number[];
  cpu: number[];
  /** The floor of the service it talks to, if any. */
  serviceFloor?: Target;
  /** The same run with a warm compile cache. */
  cached?: Target;
  /** `node` making as many requests as this bundle's run, one after the other. */
  sameRequests?: Target;
}

/** `node` fetching `url` `count` times one after the other, reading each answer, as a run reads GitHub's. */
function fetchFloor(name: string, url: string, count: number, env: NodeJS.ProcessEnv, cwd: string): Target {
  const script = `for (let i = 0; i < ${count}; i++) await (await fetch(${JSON.stringify(url)})).text()`;
  return { name, args: ["--input-type=module", "-e", script], env, cwd, samples: [], cpu: [] };
}

function timeOnce(target: Target): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--import", CPU_REPORT, ...target.args], { env: target.env, cwd: target.cwd, stdio: ["ignore", "pipe", "pipe", "pipe"] });
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

/** Bundles whose passing run asks a service over HTTP, and the URL the floor asks the same way. */
function serviceOf(name: string, simUrl: string, servicesUrl: string): string | undefined {
  if (["approvals-gate", "go-no-go", "incident", "preflight", "release", "release-branch"].includes(name)) return `${simUrl}/repos/octo-org/octo-repo`;
  if (name === "health-check" || name === "rollback-guard") return `${servicesUrl}/health`;
  return undefined;
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, [path.join(root, "scripts/build.ts")], { cwd: root });
  const world = await startWorld();
  try {
    const scratch = tempDir("cold-runner");
    const simUrl = world.sim.url;
    const address = world.services.address();
    const servicesUrl = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
    const floorEnv = { PATH: process.env.PATH };
    const floor: Target = { name: "node -e 0", args: ["-e", "0"], env: floorEnv, cwd: scratch, samples: [], cpu: [] };
    const serviceFloors = new Map<string, Target>();
    const bundles = readdirSync(path.join(root, "dist"))
      .filter((file) => file.endsWith(".js"))
      .map((file): Target => {
        const name = path.basename(file, ".js");
        const passing = world.runs[name];
        if (!passing) throw new Error(`dist/${file}: no passing run; add one to bench/cold-start-runs.ts`);
        const dir = path.join(scratch, name);
        const files = { output: path.join(dir, "output"), summary: path.join(dir, "summary"), event: path.join(dir, "event.json") };
        execFileSync("mkdir", ["-p", dir]);
        writeFileSync(files.output, "");
        writeFileSync(files.summary, "");
        writeFileSync(files.event, JSON.stringify(passing.event ?? {}));
        const url = serviceOf(name, simUrl, servicesUrl);
        let serviceFloor: Target | undefined;
        if (url) {
          serviceFloor = serviceFloors.get(url) ?? fetchFloor(`node + one fetch (${url.startsWith(simUrl) ? "GitHub API" : "HTTP service"})`, url, 1, floorEnv, scratch);
          serviceFloors.set(url, serviceFloor);
        }
        const args = [path.join(root, "dist", file), ...(passing.args ?? [])];
        const env = runnerEnv(files, { ...passing, apiUrl: simUrl }, path.dirname(files.output));
        const cached: Target = { name: `${name} (compile cache)`, args, env: { ...env, NODE_COMPILE_CACHE: path.join(scratch, "compile-cache") }, cwd: passing.workspace, samples: [], cpu: [] };
        return { name, args, env, cwd: passing.workspace, samples: [], cpu: [], cached, ...(serviceFloor ? { serviceFloor } : {}) };
      });
    // Two untimed runs of each networked bundle (the second is a re-run, as every timed one is): how many requests it makes.
    let servedElsewhere = 0;
    world.services.on("request", () => servedElsewhere++);
    for (const bundle of bundles.filter((b) => b.serviceFloor)) {
      await timeOnce(bundle);
      const [simBefore, elsewhereBefore] = [world.sim.requests.length, servedElsewhere];
      await timeOnce(bundle);
      const count = world.sim.requests.length - simBefore + servedElsewhere - elsewhereBefore;
      bundle.samples.length = 0;
      bundle.cpu.length = 0;
      const url = serviceOf(bundle.name, simUrl, servicesUrl)!;
      bundle.sameRequests = fetchFloor(`node + ${count} fetch${count === 1 ? "" : "es"}`, url, count, floorEnv, scratch);
    }
    const targets = [floor, ...serviceFloors.values(), ...bundles, ...bundles.map((bundle) => bundle.cached!), ...bundles.flatMap((b) => (b.sameRequests ? [b.sameRequests] : []))];
    const started = Date.now();
    for (let round = 0; round < rounds && Date.now() - started < budgetMs; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        await timeOnce(target);
      }
    }
    if (world.sim.violations.length > 0) throw new Error(`the API simulator recorded ${world.sim.violations.length} violations of GitHub's API`);
    const floorMedian = median(floor.samples);
    const floorCpu = median(floor.cpu);
    console.log(`\nCold start on passing runs, ${floor.samples.length} interleaved rounds; floor (node -e 0): median ${floorMedian.toFixed(1)} ms, min ${Math.min(...floor.samples).toFixed(1)} ms, CPU ${floorCpu.toFixed(1)} ms`);
    for (const service of serviceFloors.values()) {
      console.log(`${service.name}: median ${median(service.samples).toFixed(1)} ms (${(median(service.samples) / floorMedian).toFixed(2)}x node -e 0), CPU ${median(service.cpu).toFixed(1)} ms (${(median(service.cpu) / floorCpu).toFixed(2)}x)`);
    }
    console.log(`| bundle | median ms | x node -e 0 | min ms | CPU ms | CPU x node -e 0 | wall x node + one fetch | node + the same number of fetches: median ms, x node -e 0 | wall, CPU x node + the same fetches | with compile cache: median ms, CPU ms | target <= ${TARGET}x node -e 0 | passing run |`);
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
    for (const target of bundles) {
      const ms = median(target.samples);
      const ratio = ms / floorMedian;
      const cpu = median(target.cpu);
      const service = target.serviceFloor ? (ms / median(target.serviceFloor.samples)).toFixed(2) : "-";
      // The first cached run fills the cache: left out.
      const cached = target.cached!;
      const withCache = `${median(cached.samples.slice(1)).toFixed(1)}, ${median(cached.cpu.slice(1)).toFixed(1)}`;
      const same = target.sameRequests;
      const sameFloor = same ? `${same.name}: ${median(same.samples).toFixed(1)}, ${(median(same.samples) / floorMedian).toFixed(2)}` : "-";
      const overSame = same ? `${(ms / median(same.samples)).toFixed(2)}, ${(cpu / median(same.cpu)).toFixed(2)}` : "-";
      const row = [target.name, ms.toFixed(1), ratio.toFixed(2), Math.min(...target.samples).toFixed(1), cpu.toFixed(1), (cpu / floorCpu).toFixed(2), service, sameFloor, overSame, withCache, ratio <= TARGET ? "✅" : "❌", world.runs[target.name]!.does];
      console.log(`| ${row.join(" | ")} |`);
    }
  } finally {
    await world.close();
    removeTempDirs();
  }
}
