/**
 * Delivery analytics against a 12-week history in the API simulator: every weekly figure of `shipgate dora --json`
 * equals the hand computation of test/analytics/hand.ts from the builder's truth.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import type { Simulator } from "../simulator/index.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { tempDir } from "../support/temp.ts";
import { buildHistory, type Truth } from "./history.ts";
import { handWeeks, parisMonday, type HandWeek } from "./hand.ts";

const AT = "2026-04-20T07:00:00Z"; // Monday 09:00 in Paris (CEST)
const POLICY = "windows:\n  timezone: Europe/Paris\nanalytics:\n  weeks: 12\n";

let sim: Simulator;
let truth: Truth;
let cwd: string;
let json: { production: { weeks: WeekJson[]; period: WeekJson }; environments: { environment: string; weeks: WeekJson[] }[]; points: { deployments: { id: number; outcome: string; source: string }[] }; requests: number };
let hand: HandWeek[];

interface WeekJson {
  week: string;
  start: string;
  end: string;
  days: number;
  deploymentFrequency: { deployments: number; perDay: number; level: string };
  leadTime: { medianMs: number | null; p90Ms: number | null; samples: number; level: string | null };
  changeFailureRate: { percent: number | null; count: number; of: number };
  recoveryTime: { medianMs: number | null; samples: number };
  reworkRate: { count: number; of: number };
  deployments: { success: number; failure: number; unknown: number };
  successRate: { count: number; of: number };
  duration: { medianMs: number | null };
  incidents: Record<string, { opened: number; sla: { count: number; missed: number } }>;
  releases: number;
}

async function dora(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["dora", "--repo", "acme/shop", "--config", "policy.yml", "--at", AT, ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: simulatorEnv(sim, "t"), now: () => new Date(AT) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  sim = await startTestSimulator();
  truth = buildHistory(sim.state, { repo: "acme/shop", seed: 18, from: "2025-12-29T00:00:00Z", until: AT, productionPerDay: 4 });
  cwd = tempDir("dora");
  writeFileSync(path.join(cwd, "policy.yml"), POLICY);
  const run = await dora(["--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  json = JSON.parse(run.stdout) as typeof json;
  const mondays = Array.from({ length: 13 }, (_, i) => {
    const d = new Date(Date.UTC(2026, 0, 26 + 7 * i));
    return parisMonday(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  });
  hand = handWeeks(truth, mondays, Date.parse(AT));
});

describe("shipgate dora on a 12-week history", () => {
  it("holds a realistic history: hundreds of deployments, failures, retries, silent deployments, hotfixes, open incidents", () => {
    const inPeriod = truth.deployments.filter((d) => d.createdAt >= hand[0]!.start);
    expect(inPeriod.length).toBeGreaterThan(300);
    expect(inPeriod.filter((d) => d.outcome === "failure").length).toBeGreaterThan(15);
    expect(inPeriod.filter((d) => d.outcome === "unknown").length).toBeGreaterThan(0);
    expect(inPeriod.filter((d) => d.hotfix !== null).length).toBeGreaterThan(2);
    expect(truth.incidents.length).toBeGreaterThan(20);
    expect(truth.incidents.some((i) => i.closedAt === null)).toBe(true);
    expect(json.points.deployments.some((d) => d.source === "workflow-run")).toBe(true);
  });

  it("places weeks at Monday 00:00 in Paris: the week of the daylight-saving change lasts 167 hours", () => {
    expect(json.production.weeks.map((w) => w.start)).toEqual(hand.map((w) => new Date(w.start).toISOString()));
    const dst = json.production.weeks.find((w) => w.week === "2026-W13")!;
    expect(dst.days).toBeCloseTo(167 / 24, 3);
    expect(dst.end).toBe("2026-03-29T22:00:00.000Z");
  });

  it("gives each week's DORA figures as computed by hand", () => {
    const figures = json.production.weeks.map((w) => ({
      deployments: w.deploymentFrequency.deployments,
      perDay: w.deploymentFrequency.perDay,
      leadMedian: w.leadTime.medianMs,
      leadP90: w.leadTime.p90Ms,
      leadSamples: w.leadTime.samples,
      failedChanges: w.changeFailureRate.count,
      recoveryMedian: w.recoveryTime.medianMs,
      recoverySamples: w.recoveryTime.samples,
      unplanned: w.reworkRate.count,
    }));
    expect(figures).toEqual(
      hand.map((h) => ({
        deployments: h.deployments,
        perDay: Math.round((h.deployments / h.days) * 1000) / 1000,
        leadMedian: h.leadMedian,
        leadP90: h.leadP90,
        leadSamples: h.leadSamples,
        failedChanges: h.failedChanges,
        recoveryMedian: h.recoveryMedian,
        recoverySamples: h.recoverySamples,
        unplanned: h.unplanned,
      })),
    );
    expect(hand.reduce((n, h) => n + h.failedChanges, 0)).toBeGreaterThan(5);
    expect(hand.reduce((n, h) => n + h.unplanned, 0)).toBeGreaterThan(2);
  });

  it("gives each week's deployment success, duration, incidents per severity, SLA hits and releases as computed by hand", () => {
    const figures = json.production.weeks.map((w) => ({
      succeeded: w.deployments.success,
      failed: w.deployments.failure,
      durationMedian: w.duration.medianMs,
      incidentsOpened: Object.fromEntries(["P1", "P2", "P3", "P4"].map((s) => [s, w.incidents[s]!.opened])),
      slaHit: w.incidents.all!.sla.count,
      slaMissed: w.incidents.all!.sla.missed,
      releases: w.releases,
    }));
    expect(figures).toEqual(hand.map((h) => ({ succeeded: h.succeeded, failed: h.failed, durationMedian: h.durationMedian, incidentsOpened: h.incidentsOpened, slaHit: h.slaHit, slaMissed: h.slaMissed, releases: h.releases })));
    expect(hand.reduce((n, h) => n + h.slaMissed, 0)).toBeGreaterThan(0);
  });

  it("gives staging its own success rate and duration, computed by hand the same way", () => {
    const staging = json.environments.find((e) => e.environment === "staging")!;
    const mondays = [...hand.map((h) => h.start), hand.at(-1)!.end];
    const byHand = handWeeks(truth, mondays, Date.parse(AT), "staging");
    expect(staging.weeks.map((w) => [w.deployments.success, w.deployments.failure, w.duration.medianMs])).toEqual(byHand.map((h) => [h.succeeded, h.failed, h.durationMedian]));
  });

  it("counts the deployment on each side of the week boundary in its own week", () => {
    const edge = truth.deployments.filter((d) => d.createdAt === Date.parse("2026-03-29T21:59:59Z") || d.createdAt === Date.parse("2026-03-29T22:00:00Z"));
    expect(edge).toHaveLength(2);
    const w13 = hand.findIndex((h) => h.start === Date.parse("2026-03-22T23:00:00Z"));
    expect(json.production.weeks[w13]!.week).toBe("2026-W13");
    expect(json.production.weeks[w13 + 1]!.week).toBe("2026-W14");
  });

  it("reads 12 weeks with few requests: deployments and their statuses, history and incidents through GraphQL", () => {
    const graphql = sim.requests.filter((r) => r.path === "/graphql").length;
    expect(json.requests).toBe(sim.requests.length);
    expect(sim.requests.filter((r) => r.operationId === "repos/list-deployment-statuses")).toHaveLength(0);
    expect(graphql).toBeLessThan(60);
  });

  it("gives the same figures from a cache written a week before, with fewer requests", async () => {
    const weekBefore = await runCli(["dora", "--repo", "acme/shop", "--config", "policy.yml", "--at", "2026-04-13T07:00:00Z", "--cache", "cache.json", "--json"], { stdout: () => {}, stderr: () => {}, cwd, env: simulatorEnv(sim, "t"), now: () => new Date(AT) });
    expect(weekBefore).toBe(0);
    const before = sim.requests.length;
    const cached = await dora(["--cache", "cache.json", "--json"]);
    expect(cached.code, cached.stderr).toBe(0);
    const document = JSON.parse(cached.stdout) as typeof json & { cache: { read: number; note: string } };
    expect(document.cache.note).toMatch(/^cache used/);
    expect(document.cache.read).toBeGreaterThan(300);
    expect(document.production).toEqual(json.production);
    expect(document.environments).toEqual(json.environments);
    expect(sim.requests.length - before).toBeLessThan(json.requests / 2);
  });

  it("writes the same figures to CSV, one row per week and scope", async () => {
    const run = await dora(["--csv", "figures.csv"]);
    expect(run.code).toBe(0);
    const { readFileSync } = await import("node:fs");
    const rows = readFileSync(path.join(cwd, "figures.csv"), "utf8").trimEnd().split("\r\n").map((line) => line.split(","));
    const header = rows[0]!;
    const production = rows.filter((r) => r[0] === "production" && r[1] !== "period");
    expect(production.map((r) => Number(r[header.indexOf("production_deployments")]))).toEqual(hand.map((h) => h.deployments));
    expect(production.map((r) => r[header.indexOf("lead_time_median_s")])).toEqual(hand.map((h) => (h.leadMedian === null ? "" : String(Math.round(h.leadMedian / 1000)))));
  });
});
