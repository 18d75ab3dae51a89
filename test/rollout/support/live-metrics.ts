/**
 * Live canary and baseline series for the rollout tests: an exposition server on 127.0.0.1 that a real Prometheus
 * scrapes every second. Each `job` label is one service with its own scenario; the canary's values follow the
 * weight the rollout's traffic command (a real child process) last wrote to the job's weight file, so a canary
 * that degrades at 50 % degrades when, and only when, the rollout shifts it there. Values carry a small
 * deterministic jitter, as real series do, so the judge compares distributions and not constants.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

export interface Scenario {
  /** The canary's error ratio at this weight and scrape; null: the canary reports no series at all. */
  canaryErrors(weight: number, scrape: number): number | null;
  baselineErrors(scrape: number): number;
  canaryLatency(weight: number, scrape: number): number | null;
  baselineLatency(scrape: number): number;
  /** The canary's health endpoint answers 200 (else 503). */
  healthy(weight: number): boolean;
}

/** A value in [-1, 1] that depends only on the scrape and the stream: jitter without randomness. */
function jitter(scrape: number, stream: number): number {
  const x = Math.sin(scrape * 12.9898 + stream * 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

const around = (value: number, scrape: number, stream: number, spread = 0.03): number => value * (1 + spread * jitter(scrape, stream));

export const scenarios = {
  /** Canary and baseline alike: 0.2 % errors, 200 ms. */
  healthy: (): Scenario => ({
    canaryErrors: (_w, n) => around(0.002, n, 1),
    baselineErrors: (n) => around(0.002, n, 2),
    canaryLatency: (_w, n) => around(0.2, n, 3),
    baselineLatency: (n) => around(0.2, n, 4),
    healthy: () => true,
  }),
  /** Healthy at 5 %; from 50 % on the canary serves 5 % errors at 500 ms (it breaks under real load). */
  degradesAtHalf: (): Scenario => ({
    canaryErrors: (w, n) => around(w >= 50 ? 0.05 : 0.002, n, 1),
    baselineErrors: (n) => around(0.002, n, 2),
    canaryLatency: (w, n) => around(w >= 50 ? 0.5 : 0.2, n, 3),
    baselineLatency: (n) => around(0.2, n, 4),
    healthy: () => true,
  }),
  /** The canary exports nothing (a wrong label, a dead exporter): no data must never pass. */
  canarySilent: (): Scenario => ({
    canaryErrors: () => null,
    baselineErrors: (n) => around(0.002, n, 2),
    canaryLatency: () => null,
    baselineLatency: (n) => around(0.2, n, 4),
    healthy: () => true,
  }),
  /** Errors flap around the 1 % rule threshold, on the canary and the baseline alike: no sustained breach, no difference. */
  flapping: (): Scenario => ({
    canaryErrors: (_w, n) => (n % 2 === 0 ? 0.012 : 0.008) * (1 + 0.01 * jitter(n, 1)),
    baselineErrors: (n) => (n % 2 === 0 ? 0.008 : 0.012) * (1 + 0.01 * jitter(n, 2)),
    canaryLatency: (_w, n) => around(0.2, n, 3),
    baselineLatency: (n) => around(0.2, n, 4),
    healthy: () => true,
  }),
};

export interface Exposition {
  /** host:port for Prometheus. */
  target: string;
  url: string;
  /** Which scenario a job plays. */
  play(job: string, scenario: Scenario): void;
  close(): Promise<void>;
}

/** The weight the traffic command last wrote for a job (0 before any). */
function weightOf(dir: string, job: string): number {
  try {
    const value = Number(readFileSync(path.join(dir, `${job}.weight`), "utf8").trim());
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}

const line = (name: string, job: string, track: string, value: number | null): string[] => (value === null ? [] : [`${name}{job="${job}",track="${track}"} ${value}`]);

export async function startExposition(weightsDir: string): Promise<Exposition> {
  const jobs = new Map<string, Scenario>();
  let scrape = 0;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const health = /^\/health\/([\w-]+)$/.exec(url.pathname);
    if (health) {
      const scenario = jobs.get(health[1]!);
      const ok = scenario?.healthy(weightOf(weightsDir, health[1]!)) ?? false;
      response.writeHead(ok ? 200 : 503, { "content-type": "text/plain" }).end(ok ? "ok" : "unhealthy");
      return;
    }
    if (url.pathname !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    scrape++;
    const lines = ["# TYPE job:request_error_ratio:rate1m gauge"];
    for (const [job, s] of jobs) {
      const weight = weightOf(weightsDir, job);
      lines.push(...line("job:request_error_ratio:rate1m", job, "canary", s.canaryErrors(weight, scrape)), ...line("job:request_error_ratio:rate1m", job, "baseline", s.baselineErrors(scrape)));
    }
    lines.push("# TYPE job:request_latency_seconds:p95_1m gauge");
    for (const [job, s] of jobs) {
      const weight = weightOf(weightsDir, job);
      lines.push(...line("job:request_latency_seconds:p95_1m", job, "canary", s.canaryLatency(weight, scrape)), ...line("job:request_latency_seconds:p95_1m", job, "baseline", s.baselineLatency(scrape)));
    }
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(`${lines.join("\n")}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no address");
  const target = `127.0.0.1:${address.port}`;
  return {
    target,
    url: `http://${target}`,
    play: (job, scenario) => void jobs.set(job, scenario),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
