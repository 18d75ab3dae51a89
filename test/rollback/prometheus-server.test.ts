/**
 * The rollback rules against a REAL Prometheus server (Debian's package) over TSDB blocks written by promtool.
 * Skips, loudly, only when the server cannot be installed.
 */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { createPrometheusClient } from "../../src/net/prometheus.ts";
import { prometheusBinaries, startPrometheus, type RunningPrometheus } from "./support/prometheus-server.ts";
import { buildTimeline, errorRatioQuery, latencyQuery, minutesAfter } from "./support/scenarios.ts";
import { tempDir } from "../support/temp.ts";

const binaries = await prometheusBinaries();
if ("missing" in binaries) {
  const banner = "!".repeat(100);
  console.warn(`\n${banner}\n!!! SKIPPING the real-Prometheus rollback tests: ${binaries.missing}\n${banner}\n`);
}

const timeline = buildTimeline(new Date());
let server: RunningPrometheus;
let workdir: string;

interface MetricsJson {
  status: string;
  rollback: boolean;
  verdict: string;
  firedRule: string | null;
  firedAt: string | null;
  reason: string;
  evaluations: number;
  measurements: { at: string; rule: string; series: string; value: number | string | null; threshold: number | string | null; baseline: number | string | null; samples: number; points: number; outcome: string; reason: string }[];
}

/** Runs `shipgate rollback-guard` in-process with a policy holding the given rules. */
async function metrics(rules: string, args: string[]): Promise<{ code: number; json: MetricsJson; stderr: string }> {
  const file = path.join(workdir, `policy-${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(file, `rollback:\n  observation: 10m\n  interval: 1m\n  rules:\n${rules}`);
  let stdout = "";
  let stderr = "";
  const code = await runCli(["rollback-guard", "--config", file, "--prometheus", server.url, "--json", ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: workdir,
    env: {},
    now: () => new Date(),
  });
  return { code, json: JSON.parse(stdout) as MetricsJson, stderr };
}

const sustainedRule = (scenario: string, noData = "inconclusive"): string => `    - name: error-ratio
      query: '${errorRatioQuery(scenario)}'
      above: 0.01
      for: 5m
      step: 30s
      min-samples: 6
      no-data: ${noData}
`;

const observeFromDeploy = (): string[] => ["--at", timeline.deploy.toISOString()];

describe.skipIf("missing" in binaries)("rollback rules against a real Prometheus server", () => {
  beforeAll(async () => {
    if ("missing" in binaries) return;
    workdir = tempDir("rollback");
    server = await startPrometheus(binaries, timeline.openMetrics);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (workdir) await rm(workdir, { recursive: true, force: true });
  });

  it("serves the written blocks to instant and range queries (NaN and +Inf included)", async () => {
    const client = createPrometheusClient({ url: server.url });
    const at = minutesAfter(timeline.deploy, 5);
    const idle = await client.instant(errorRatioQuery("idle"), at);
    expect(idle.series).toHaveLength(1);
    expect(idle.series[0]!.samples[0]!.value).toBeNaN();
    const inf = await client.instant(latencyQuery("inf"), at);
    expect(inf.series[0]!.samples[0]!.value).toBe(Infinity);
    const range = await client.range(errorRatioQuery("healthy"), minutesAfter(at, -5), at, 30);
    expect(range.resultType).toBe("matrix");
    expect(range.series[0]!.samples).toHaveLength(11);
    for (const sample of range.series[0]!.samples) expect(sample.value).toBeCloseTo(0.002, 6);
    expect((await client.instant(errorRatioQuery("nodata"), at)).series).toEqual([]);
  });

  it("stays healthy for a healthy service through the whole observation", async () => {
    const { code, json } = await metrics(sustainedRule("healthy"), observeFromDeploy());
    expect(code).toBe(0);
    expect(json).toMatchObject({ status: "pass", rollback: false, verdict: "healthy", firedRule: null, evaluations: 10 });
    expect(json.measurements).toHaveLength(10);
    expect(json.measurements.every((m) => m.outcome === "ok" && m.samples === 11)).toBe(true);
  });

  it("rolls back a sustained error spike once every sample of the 5-minute window is above 1 %", async () => {
    const { code, json } = await metrics(sustainedRule("spike"), observeFromDeploy());
    expect(code).toBe(1);
    // The spike starts at deploy + 2m30s, so the first 5-minute window entirely inside it ends at deploy + 7m30s.
    expect(json).toMatchObject({ status: "fail", rollback: true, verdict: "rollback", firedRule: "error-ratio", firedAt: minutesAfter(timeline.deploy, 8).toISOString() });
    expect(json.evaluations).toBe(8);
    expect(json.reason).toMatch(/all 11 samples are above 0.01 for 5m/);
    const before = json.measurements.filter((m) => m.at < json.firedAt!);
    expect(before.every((m) => m.outcome === "ok")).toBe(true);
    expect(before.some((m) => /^[1-9]\d* of 11 samples are at or below/.test(m.reason) && !m.reason.startsWith("11 of"))).toBe(true);
  });

  it("does not roll back a short blip, although the blip is measured", async () => {
    const { code, json } = await metrics(sustainedRule("blip"), observeFromDeploy());
    expect(code).toBe(0);
    expect(json).toMatchObject({ rollback: false, verdict: "healthy" });
    const partial = json.measurements.filter((m) => m.outcome === "ok" && !m.reason.startsWith("11 of 11"));
    expect(partial.length).toBeGreaterThan(0);
  });

  it.each([
    ["inconclusive", 0, "inconclusive", false, 10],
    ["pass", 0, "healthy", false, 10],
    ["fail", 1, "rollback", true, 1],
  ])("treats 0/0 (NaN) as no data, never as a pass by itself (no-data: %s)", async (policy, exitCode, verdict, rollback, evaluations) => {
    const { code, json } = await metrics(sustainedRule("idle", policy), observeFromDeploy());
    expect(code).toBe(exitCode);
    expect(json).toMatchObject({ verdict, rollback, evaluations });
    expect(json.measurements[0]).toMatchObject({ outcome: "no-data", samples: 0, points: 11, value: null });
    expect(json.measurements[0]!.reason).toMatch(/all 11 points are NaN/);
  });

  it.each([
    ["inconclusive", 0, "inconclusive"],
    ["fail", 1, "rollback"],
  ])("applies the no-data policy when the query returns no series (no-data: %s)", async (policy, exitCode, verdict) => {
    const { code, json } = await metrics(sustainedRule("nodata", policy), observeFromDeploy());
    expect(code).toBe(exitCode);
    expect(json.verdict).toBe(verdict);
    expect(json.measurements[0]!.reason).toBe("the query returned no series");
  });

  it("rolls back when p95 latency more than doubles against the same query 10 minutes earlier", async () => {
    const rule = `    - name: p95-latency
      query: '${latencyQuery("latency")}'
      above-baseline: { factor: 2, offset: 10m }
      no-data: inconclusive
`;
    const { code, json } = await metrics(rule, observeFromDeploy());
    expect(code).toBe(1);
    expect(json).toMatchObject({ firedRule: "p95-latency", firedAt: minutesAfter(timeline.deploy, 3).toISOString() });
    expect(json.measurements.at(-1)).toMatchObject({ value: 0.5, baseline: 0.2, threshold: 0.4, outcome: "breach" });
    expect(json.measurements.slice(0, -1).every((m) => m.value === 0.2 && m.outcome === "ok")).toBe(true);
  });

  it("compares with a named stable series as the baseline", async () => {
    const rule = `    - name: canary-latency
      query: '${latencyQuery("latency")}'
      above-baseline: { factor: 2, query: '${latencyQuery("stable")}' }
      no-data: inconclusive
`;
    const healthyRule = rule.replace(latencyQuery("latency"), latencyQuery("stable"));
    const degraded = await metrics(rule, observeFromDeploy());
    expect(degraded.json).toMatchObject({ rollback: true, firedRule: "canary-latency", firedAt: minutesAfter(timeline.deploy, 3).toISOString() });
    const same = await metrics(healthyRule, observeFromDeploy());
    expect(same.json).toMatchObject({ rollback: false, verdict: "healthy" });
  });

  it("counts +Inf latency as above the threshold", async () => {
    const rule = `    - name: p95-ceiling
      query: '${latencyQuery("inf")}'
      above: 2
      no-data: inconclusive
`;
    const { json } = await metrics(rule, [...observeFromDeploy()]);
    expect(json).toMatchObject({ rollback: true, firedAt: minutesAfter(timeline.deploy, 3).toISOString() });
    expect(json.measurements.at(-1)).toMatchObject({ value: "+Inf", outcome: "breach" });
  });

  it("evaluates once with --once at --at", async () => {
    const { code, json } = await metrics(sustainedRule("spike"), ["--once", "--at", minutesAfter(timeline.deploy, 9).toISOString()]);
    expect(code).toBe(1);
    expect(json).toMatchObject({ evaluations: 1, firedAt: minutesAfter(timeline.deploy, 9).toISOString() });
    const early = await metrics(sustainedRule("spike"), ["--once", "--at", minutesAfter(timeline.deploy, 1).toISOString()]);
    expect(early.json).toMatchObject({ evaluations: 1, rollback: false, verdict: "healthy" });
  });

  it("turns a query Prometheus rejects into a configuration error naming the query", async () => {
    const rule = `    - name: broken
      query: 'sum(rate(http_requests_total[1m]'
      above: 1
      no-data: fail
`;
    const { code, stderr } = await metrics(rule, ["--once", ...observeFromDeploy()]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/rule "broken": prometheus rejected the query "sum\(rate\(http_requests_total\[1m\]": bad_data: .*parse error/);
  });
});
