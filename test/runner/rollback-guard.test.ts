/**
 * Runner contract of the rollback-guard action (dist/rollback-guard.js, run as the runner does) against a real
 * Prometheus server. Skips, loudly, only when the server cannot be installed.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runActionBundle } from "../support/runner.ts";
import { prometheusBinaries, startPrometheus, type RunningPrometheus } from "../rollback/support/prometheus-server.ts";
import { buildTimeline, errorRatioQuery, latencyQuery, minutesAfter } from "../rollback/support/scenarios.ts";
import { tempDir } from "../support/temp.ts";

const binaries = await prometheusBinaries();
if ("missing" in binaries) {
  const banner = "!".repeat(100);
  console.warn(`\n${banner}\n!!! SKIPPING the rollback-guard action tests against Prometheus: ${binaries.missing}\n${banner}\n`);
}

const timeline = buildTimeline(new Date());
let server: RunningPrometheus;
let workspace: string;

const policy = `rollback:
  observation: 10m
  interval: 1m
  rules:
    - name: error-ratio
      query: '${errorRatioQuery("spike")}'
      above: 0.01
      for: 5m
      min-samples: 6
      no-data: inconclusive
    - name: p95-latency
      query: '${latencyQuery("stable")}'
      above-baseline: { factor: 2, offset: 10m }
      no-data: inconclusive
`;

describe.skipIf("missing" in binaries)("rollback-guard action (runner contract) against a real Prometheus server", () => {
  beforeAll(async () => {
    if ("missing" in binaries) return;
    workspace = tempDir("guard-action");
    await mkdir(path.join(workspace, ".github"));
    await writeFile(path.join(workspace, ".github/shipgate.yml"), policy);
    server = await startPrometheus(binaries, timeline.openMetrics);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it("fails the step with rollback=true, the fired rule, every measurement and a summary table", async () => {
    const result = await runActionBundle("dist/rollback-guard.js", {
      workspace,
      inputs: { "prometheus-url": server.url, at: timeline.deploy.toISOString(), "prometheus-token": "s3cret-prom-token" },
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ rollback: "true", "fired-rule": "error-ratio", verdict: "rollback", status: "fail", passed: "false" });
    const measurements = JSON.parse(result.outputs.measurements!) as { at: string; rule: string; outcome: string }[];
    expect(measurements).toHaveLength(16);
    expect(measurements.at(-2)).toMatchObject({ at: minutesAfter(timeline.deploy, 8).toISOString(), rule: "error-ratio", outcome: "breach" });
    expect(result.summary).toContain("<details><summary>16 measurements: 1 breach</summary>");
    expect(result.summary).toContain("| Time (UTC) | Rule | Series | Value | Threshold | Samples | Outcome |");
    expect(result.summary).toMatch(/^\| \d\d:\d\d:00 \| error-ratio \| `\{\}` \| [\d.]+ \| 0\.01 \| \d+\/\d+ \| ❌ all 11 samples are above 0\.01 for 5m \|$/m);
    expect(result.summary).toContain("**Why:** error-ratio: all 11 samples are above 0.01 for 5m");
    expect(result.summary).toMatch(/```mermaid\n---\n[^`]*?\n---\nxychart-beta\n {2}title "error-ratio against its threshold"\n {2}x-axis \["\d\d:\d\d:00", /);
    const breach = measurements.at(-2)!.at;
    expect(result.failure).toBe(`rollback-guard: Roll back: error-ratio fired at ${breach.slice(0, 10)} ${breach.slice(11, 16)} UTC`);
    expect(result.stdout).toContain("::add-mask::s3cret-prom-token");
    const leaks = result.stdout.split("\n").filter((line) => line.includes("s3cret-prom-token") && !line.startsWith("::add-mask::"));
    expect(leaks).toEqual([]);
  });

  it("passes a healthy period once", async () => {
    const result = await runActionBundle("dist/rollback-guard.js", {
      workspace,
      inputs: { "prometheus-url": server.url, at: minutesAfter(timeline.deploy, 1).toISOString(), once: "true", "prometheus-username": "u", "prometheus-password": "pa55-word" },
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ rollback: "false", "fired-rule": "", verdict: "healthy", status: "pass" });
    expect(result.stdout).toContain("::add-mask::pa55-word");
  });

  it("exits 2 naming the input for a bad duration", async () => {
    const result = await runActionBundle("dist/rollback-guard.js", { workspace, inputs: { "prometheus-url": server.url, interval: "soon" } });
    expect(result.exitCode).toBe(2);
    // The input's own value type now checks it, with the message every option of every door gives (`--interval` on the CLI).
    expect(result.failure).toBe('rollback-guard: configuration error: input "interval": expected a duration such as "0", "90m", "2h" or "1h30m", at least 1s, got "soon"');
  });

  it("exits 3 when Prometheus cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runActionBundle("dist/rollback-guard.js", { workspace, inputs: { "prometheus-url": `http://127.0.0.1:${port}`, once: "true" } });
    expect(result.exitCode).toBe(3);
    expect(result.failure).toBe(`rollback-guard: prometheus http://127.0.0.1:${port}/api/v1/query_range: cannot connect: ECONNREFUSED (3 attempts)`);
  });
});
