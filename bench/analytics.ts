/**
 * API cost of delivery analytics over 12 weeks of about 500 deployments (staging and production, with statuses,
 * incidents, releases, hotfixes): the requests `shipgate dora` sends (GraphQL where it saves requests), counted by
 * the API simulator, next to what a plain REST walk of the same data needs (one request per deployment for its
 * statuses, one compare per production deployment, one comments list per incident), computed from the same history;
 * then the same weekly run with the cache a run of the week before left.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runAnalytics } from "../src/analytics/run.ts";
import { resolveAnalyticsSettings } from "../src/analytics/settings.ts";
import { completeWeeksBefore } from "../src/analytics/weeks.ts";
import type { DeliverySource } from "../src/analytics/ports.ts";
import { githubDeliverySource } from "../src/github/analytics.ts";
import { createOctokit } from "../src/github/client.ts";
import { githubIncidentTracker } from "../src/github/incidents.ts";
import { defaultPolicy } from "../src/policy/load.ts";
import { buildHistory } from "../test/analytics/history.ts";
import { startSimulator } from "../test/simulator/index.ts";

const AT = "2026-04-20T07:00:00Z";

/** GitHub as it was at `then`: the simulator holds the whole history, a run a week earlier saw only its past. */
function asOf(source: DeliverySource, then: number): DeliverySource {
  const past = (at: string): boolean => Date.parse(at) < then;
  return {
    ...source,
    deployments: async (since, max) =>
      (await source.deployments(since, max)).filter((d) => past(d.createdAt)).map((d) => ({ ...d, statuses: d.statuses.filter((s) => past(s.createdAt)) })),
    workflowRuns: async (sha) => (await source.workflowRuns(sha)).filter((r) => past(r.createdAt)),
  };
}
const repository = { owner: "acme", repo: "shop" };

export async function run(): Promise<void> {
  const sim = await startSimulator();
  try {
    const truth = buildHistory(sim.state, { repo: "acme/shop", seed: 500, from: "2025-12-29T00:00:00Z", until: AT, productionPerDay: 5 });
    const policy = defaultPolicy();
    policy.analytics.weeks = 12;
    policy.windows.timezone = "Europe/Paris";
    const settings = resolveAnalyticsSettings(policy, "bench");
    const weeks = completeWeeksBefore(Date.parse(AT), 12, settings.timezone);
    const inPeriod = truth.deployments.filter((d) => d.createdAt >= weeks[0]!.start);
    const read = truth.deployments.filter((d) => d.createdAt >= weeks[0]!.start - settings.lookbackMs);
    const incidents = truth.incidents.length;

    const octokit = createOctokit({ token: "bench", baseUrl: sim.url, retryAfterBaseMs: 1, throttleWrites: false });
    const started = performance.now();
    const outcome = await runAnalytics({ settings, weeks, now: new Date(AT), repository, token: "bench", publish: true, audit: "bench" }, githubDeliverySource(octokit, repository), githubIncidentTracker(octokit, repository));
    const ms = performance.now() - started;
    const byKind = sim.requests.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.operationId ?? r.path]: (acc[r.operationId ?? r.path] ?? 0) + 1 }), {});

    const productionSuccesses = read.filter((d) => d.environment === "production" && d.outcome === "success").length;
    const rest = Math.ceil(read.length / 100) + read.length + productionSuccesses + Math.ceil(incidents / 100) + incidents + 1 + outcome.analytics.points.deployments.filter((d) => d.source !== "status").length + 3;

    console.log(`12 weeks (Europe/Paris) of ${inPeriod.length} deployments (${read.length} read with the 30-day lookback), ${incidents} incidents, ${truth.releases.length} releases; report issue #${outcome.issue?.number} ${outcome.issue?.action}`);
    console.log("| client | requests | time (ms) |");
    console.log("| --- | --- | --- |");
    console.log(`| shipgate dora (${Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(", ")}) | ${outcome.requests} | ${ms.toFixed(0)} |`);
    const dir = await mkdtemp(path.join(tmpdir(), "shipgate-bench-analytics-"));
    let cachedRequests = 0;
    let cachedMs = 0;
    try {
      const cache = path.join(dir, "cache.json");
      const weekBefore = completeWeeksBefore(Date.parse(AT) - 7 * 86_400_000, 12, settings.timezone);
      const quiet = { settings, repository, token: "bench", publish: false, audit: "bench", cache };
      const earlier = createOctokit({ token: "bench", baseUrl: sim.url, retryAfterBaseMs: 1, throttleWrites: false });
      const then = Date.parse(AT) - 7 * 86_400_000;
      await runAnalytics({ ...quiet, weeks: weekBefore, now: new Date(then) }, asOf(githubDeliverySource(earlier, repository), then), githubIncidentTracker(earlier, repository));
      const later = createOctokit({ token: "bench", baseUrl: sim.url, retryAfterBaseMs: 1, throttleWrites: false });
      const cachedStart = performance.now();
      const again = await runAnalytics({ ...quiet, weeks, now: new Date(AT) }, githubDeliverySource(later, repository), githubIncidentTracker(later, repository));
      cachedMs = performance.now() - cachedStart;
      cachedRequests = again.requests;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    console.log(`| shipgate dora with the cache of the week before (no report issue) | ${cachedRequests} | ${cachedMs.toFixed(0)} |`);
    console.log(`| plain REST walk of the same data (computed: deployment pages + statuses per deployment + compare per production success + incidents + comments per incident + releases + runs + report issue) | ${rest} | |`);
  } finally {
    await sim.close();
  }
}

if (import.meta.main) await run();
