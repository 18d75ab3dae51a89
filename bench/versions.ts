/**
 * Next version and whole changelog over a synthetic 50 000-commit history (a release tag every 500 commits),
 * side by side with conventional-recommended-bump, conventional-changelog (conventionalcommits preset) and
 * git-cliff (its default configuration, the npm package's native binary, installed on first use) on the same repository, and with bare
 * `git log` reading the same range in the same format (the floor: no tool can read the history faster than git
 * writes it). The repository is built once with git fast-import in bench/.data/. Each reference tool runs in a
 * process of its own (bench/versions-peer-worker.ts), so that its heap and JIT state cannot slow shipgate's rounds.
 *
 * Then the next version of one package of a real monorepo, googleapis/google-cloud-node-core (`gaxios`, its
 * `packages/gaxios` path and `gaxios-v` tags), against conventional-recommended-bump given the same tag prefix and
 * path. The repository is not fetched here: clone it once with
 * `git clone --bare https://github.com/googleapis/google-cloud-node-core bench/.data/google-cloud-node-core`
 * (or name a clone in SHIPGATE_BENCH_MONOREPO); without it the scenario is skipped.
 *
 * Targets (issue 16 and 11): the whole changelog at most 1.5x the floor; the next version since the last tag kept at
 * most 2x; on the monorepo at least 3x faster than the reference.
 */
import { execFile, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { access, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fastImport, git, type ImportCommit } from "../test/support/git-repo.ts";
import { validatePolicy } from "../src/policy/validate.ts";
import { nextVersionOfRepository } from "../src/version/repository.ts";
import { changelogOfRepository } from "../src/changelog/repository.ts";

const COMMITS = 50_000;
const TAG_EVERY = 500;
const TAIL = 5_000;
const dataDir = path.resolve(import.meta.dirname, ".data", "versions-50k");
const marker = path.join(dataDir, ".complete");
const monorepoDir = process.env.SHIPGATE_BENCH_MONOREPO ?? path.resolve(import.meta.dirname, ".data", "google-cloud-node-core");
const MONOREPO_PACKAGE = { name: "gaxios", path: "packages/gaxios", "tag-format": "{name}-v{version}" } as const;

function message(i: number): string {
  const scope = ["api", "cli", "core", "ui", ""][i % 5];
  const prefix = (type: string) => `${type}${scope ? `(${scope})` : ""}`;
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
      return `${prefix("feat")}: feature number ${i} (#${i})\n\nLonger description of the change.\n\nCloses #${i + 1}`;
    case 3:
    case 4:
    case 5:
      return `${prefix("fix")}: fix number ${i}\n\nFixes a crash when the input is empty.`;
    case 6:
      return `perf: faster path ${i}`;
    case 7:
      return `chore(deps): bump dependency ${i}`;
    case 8:
      return i % 1000 === 8 ? `${prefix("refactor")}!: breaking change ${i}\n\nBREAKING CHANGE: option ${i} was removed` : `docs: document ${i}`;
    default:
      return `Update file ${i}`;
  }
}

async function ensureRepository(): Promise<void> {
  try {
    await access(marker);
    return;
  } catch {
    await rm(dataDir, { recursive: true, force: true });
  }
  const history: ImportCommit[] = [];
  let release = 0;
  for (let i = 0; i < COMMITS; i++) {
    const tagged = i % TAG_EVERY === TAG_EVERY - 1 && i < COMMITS - TAG_EVERY;
    history.push({ message: message(i), ...(tagged ? { tags: [`v1.${release++}.0`] } : {}) });
  }
  await fastImport(dataDir, history);
  await writeFile(marker, "");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Contender {
  name: string;
  rounds: number;
  work: () => Promise<unknown>;
  /** A warm-up run before the measured rounds (default); a native binary that takes many seconds skips it. */
  warmUp?: boolean;
}

/**
 * Runs the contenders of one scenario in interleaved rounds (floor, shipgate, the other tool, again), so that load
 * changes on a shared machine hit all of them alike; the median of each is reported. Slow tools run fewer rounds.
 */
async function interleaved(contenders: Contender[]): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (const contender of contenders) if (contender.warmUp !== false) await contender.work();
  const rounds = Math.max(...contenders.map((c) => c.rounds));
  for (let round = 0; round < rounds; round++) {
    for (const contender of contenders) {
      if (round >= contender.rounds) continue;
      const start = process.hrtime.bigint();
      await contender.work();
      samples.get(contender.name)!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

/**
 * The floor: git log writing the same commits in the format shipgate reads, buffered as shipgate has git write them
 * (GIT_FLUSH=0). Into a pipe git otherwise flushes after every commit, a write and a read per commit, which made
 * this floor slower than the reads it bounds.
 */
function gitLog(range: string, cwd = dataDir): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile("git", ["log", "-z", "--format=%H%x00%P%x00%cI%x00%B", range], { cwd, maxBuffer: 1 << 30, env: { ...process.env, GIT_FLUSH: "0" } }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.length),
    );
  });
}

/** A reference tool running in its own process (bench/versions-peer-worker.ts), started once for a scenario. */
interface Peer {
  /** One run of the tool, timed here like every contender. */
  work: () => Promise<unknown>;
  close: () => void;
}

const PEER_WORKER = path.join(import.meta.dirname, "versions-peer-worker.ts");

/** Resolves once the worker has loaded its tool; one run at a time, as the rounds ask. */
function startPeer(args: string[]): Promise<Peer> {
  const child = fork(PEER_WORKER, args, { execPath: process.execPath, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let pending: { resolve: () => void; reject: (error: Error) => void } | undefined;
  return new Promise((resolveReady, rejectReady) => {
    child.on("exit", (code) => {
      const error = new Error(`${path.basename(PEER_WORKER)} ${args.join(" ")} exited with ${code}`);
      rejectReady(error);
      pending?.reject(error);
    });
    child.on("message", (message: { ready?: true; done?: true; error?: string }) => {
      if (message.ready) {
        resolveReady({
          work: () => new Promise<void>((resolve, reject) => ((pending = { resolve, reject }), child.send("run"))),
          close: () => void child.kill(),
        });
        return;
      }
      const settled = pending!;
      pending = undefined;
      if (message.error) settled.reject(new Error(message.error));
      else settled.resolve();
    });
  });
}

export async function run(): Promise<void> {
  await ensureRepository();
  const rules = validatePolicy({}, "bench").release;
  const lastTag = `v1.${COMMITS / TAG_EVERY - 2}.0`;
  const tailTag = `v1.${(COMMITS - TAIL) / TAG_EVERY - 1}.0`;
  const tailCount = Number((await git(dataDir, ["rev-list", "--count", `${tailTag}..HEAD`])).trim());
  const today = new Date().toISOString().slice(0, 10);

  const rows: { scenario: string; tool: string; ms: number; ratio: number; target: string }[] = [];
  /** `target` judges a tool's median against the scenario's medians; returns the verdict text or "". */
  /** A tool with `peer` (the worker's arguments) runs in its own process; shipgate and the floor run here. */
  type Tool = (Contender | (Omit<Contender, "work"> & { peer: string[] })) & { target?: (ms: number, medians: Map<string, number>) => string };
  const scenario = async (title: string, range: string | null, tools: Tool[], cwd = dataDir) => {
    const floor = "git log (floor)";
    const rounds = Math.max(9, ...tools.map((t) => t.rounds));
    const peers = await Promise.all(tools.map((tool) => ("peer" in tool ? startPeer(tool.peer) : undefined)));
    let medians: Map<string, number>;
    try {
      const contenders = tools.map((tool, index): Contender => ({ ...tool, work: peers[index]?.work ?? (tool as Contender).work }));
      medians = await interleaved([...(range ? [{ name: floor, rounds, work: () => gitLog(range, cwd) }] : []), ...contenders]);
    } finally {
      for (const peer of peers) peer?.close();
    }
    for (const [name, ms] of medians) {
      const target = tools.find((t) => t.name === name)?.target?.(ms, medians) ?? "";
      rows.push({ scenario: title, tool: name, ms, ratio: range ? ms / medians.get(floor)! : Number.NaN, target });
    }
  };
  const atMostFloor = (limit: number) => (ms: number, medians: Map<string, number>) => {
    const ratio = ms / medians.get("git log (floor)")!;
    return `${ratio <= limit ? "✅" : "❌"} at most ${limit}x the floor`;
  };

  await scenario(`next version, since ${lastTag} (${TAG_EVERY} commits)`, `${lastTag}..HEAD`, [
    // A run takes milliseconds, so more rounds steady the median on a loaded machine.
    { name: "shipgate version next", rounds: 31, work: () => nextVersionOfRepository({ repo: dataDir, rules }), target: atMostFloor(2) },
    { name: "conventional-recommended-bump", rounds: 3, peer: ["bump", dataDir] },
  ]);
  await scenario(`next version, ${tailCount}-commit tail`, `${tailTag}..HEAD`, [
    { name: "shipgate version next --from", rounds: 9, work: () => nextVersionOfRepository({ repo: dataDir, from: tailTag, rules }) },
    { name: "conventional-recommended-bump", rounds: 3, peer: ["bump", dataDir, tailTag] },
  ]);
  await scenario(`whole changelog (${COMMITS} commits, ${COMMITS / TAG_EVERY - 1} releases)`, "HEAD", [
    { name: "shipgate changelog --all", rounds: 9, work: () => changelogOfRepository({ repo: dataDir, all: true, rules, links: null, today }), target: atMostFloor(1.5) },
    { name: "conventional-changelog", rounds: 1, peer: ["changelog", dataDir] },
    { name: "git-cliff", rounds: 1, peer: ["git-cliff", dataDir], warmUp: false },
  ]);
  if (existsSync(monorepoDir)) {
    const reference = "conventional-recommended-bump --tag-prefix gaxios-v --commit-path packages/gaxios";
    await scenario(
      "next version of one package of googleapis/google-cloud-node-core (gaxios, path filter)",
      null,
      [
        {
          name: "shipgate version next --package gaxios",
          rounds: 15,
          work: () => nextVersionOfRepository({ repo: monorepoDir, rules: { ...rules, package: MONOREPO_PACKAGE } }),
          target: (ms, medians) => {
            const speedUp = medians.get(reference)! / ms;
            return `${speedUp >= 3 ? "✅" : "❌"} ${speedUp.toFixed(1)}x faster than the reference (at least 3x)`;
          },
        },
        { name: reference, rounds: 7, peer: ["bump", monorepoDir, `${MONOREPO_PACKAGE.name}-v`, MONOREPO_PACKAGE.path] },
      ],
      monorepoDir,
    );
  } else console.log(`\n(monorepo scenario skipped: no clone at ${monorepoDir}; see the header of bench/versions.ts)`);

  console.log(`\nVersions and changelog on ${COMMITS} commits (median ms; x floor = time / bare git log of the same range)`);
  console.log("| scenario | tool | ms | x floor | target |\n| --- | --- | ---: | ---: | --- |");
  for (const row of rows) console.log(`| ${row.scenario} | ${row.tool} | ${row.ms.toFixed(1)} | ${Number.isNaN(row.ratio) ? "" : row.ratio.toFixed(2)} | ${row.target} |`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await run();
