/**
 * A real Prometheus server for tests: Debian's `prometheus` and `promtool`, installed by .ci/setup-rollback.sh
 * (run here too when the binaries are missing and we are root), loaded with TSDB blocks written by
 * `promtool tsdb create-blocks-from openmetrics`, listening on 127.0.0.1 on a free port.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { access, constants, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { tempDir } from "../../support/temp.ts";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../..");

async function findBinary(name: string): Promise<string | undefined> {
  for (const dir of [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin", "/usr/local/bin"]) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface PrometheusBinaries {
  prometheus: string;
  promtool: string;
}

/** The binaries, installing them first when possible; the reason when they cannot be had. */
export async function prometheusBinaries(): Promise<PrometheusBinaries | { missing: string }> {
  const find = async (): Promise<PrometheusBinaries | undefined> => {
    const [prometheus, promtool] = await Promise.all([findBinary("prometheus"), findBinary("promtool")]);
    return prometheus && promtool ? { prometheus, promtool } : undefined;
  };
  const found = await find();
  if (found) return found;
  if (process.getuid?.() !== 0) return { missing: "prometheus/promtool are not installed and the tests do not run as root to install them (run .ci/setup-rollback.sh)" };
  try {
    await run("bash", [path.join(repoRoot, ".ci/setup-rollback.sh")], { timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    return { missing: `.ci/setup-rollback.sh failed: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}` };
  }
  return (await find()) ?? { missing: ".ci/setup-rollback.sh ran but prometheus/promtool are still not on PATH" };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface LiveScrape {
  /** host:port of an exposition Prometheus scrapes (its /metrics), e.g. live canary and baseline series. */
  target: string;
  intervalSeconds: number;
}

/**
 * Writes the OpenMetrics text (when any) into TSDB blocks and starts a server over them, scraping `scrape` when
 * given; waits (bounded) until it is ready.
 */
export async function startPrometheus(binaries: PrometheusBinaries, openMetrics: string, scrape?: LiveScrape): Promise<RunningPrometheus> {
  const dir = tempDir("prometheus");
  const input = path.join(dir, "input.om");
  const data = path.join(dir, "data");
  if (openMetrics) {
    await writeFile(input, openMetrics);
    await run(binaries.promtool, ["tsdb", "create-blocks-from", "openmetrics", "--quiet", input, data], { timeout: 120_000 });
  }
  const config = scrape
    ? `global:\n  scrape_interval: ${scrape.intervalSeconds}s\n  scrape_timeout: ${scrape.intervalSeconds}s\nscrape_configs:\n  - job_name: live\n    honor_labels: true\n    static_configs:\n      - targets: ["${scrape.target}"]\n`
    : "global:\n  scrape_interval: 15s\n";
  await writeFile(path.join(dir, "prometheus.yml"), config);

  const port = await freePort();
  let log = "";
  const child: ChildProcess = spawn(
    binaries.prometheus,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${data}`,
      "--storage.tsdb.retention.time=30d",
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      log += `\n${error.message}`;
      resolve(-1);
    });
  });
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const stop = async (): Promise<void> => {
    if (exitCode === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) break;
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`prometheus did not become ready on ${url} (exit code ${exitCode ?? "none"}); log:\n${log}`);
}
