/** The delivery analytics use case: reads GitHub through the port, computes the figures, publishes the weekly report. */
import { readFile, rename, writeFile } from "node:fs/promises";
import type { Invocation } from "../core/capability.ts";
import { ExternalError } from "../core/errors.ts";
import type { IncidentTracker } from "../incident/ports.ts";
import type { Repository } from "../github/target.ts";
import { nextCache, parseCache, splitByCache, type DeliveryCache } from "./cache.ts";
import { analyticsCsv } from "./csv.ts";
import { evaluateDelivery, type Analytics } from "./evaluate.ts";
import type { AnalyticsSettings, DeliveryData } from "./model.ts";
import type { DeliverySource } from "./ports.ts";
import { publishWeeklyReport, type PublishedReport } from "./publish.ts";
import { renderWeeklyReport } from "./report.ts";
import type { Week } from "./weeks.ts";

export interface AnalyticsRequest {
  settings: AnalyticsSettings;
  weeks: Week[];
  now: Date;
  repository: Repository;
  token: string;
  /** Absolute path of the CSV export, when asked. */
  csv?: string;
  /** Absolute path of the cache file between runs, when asked. */
  cache?: string;
  publish: boolean;
  /** The command that reproduces the figures, quoted in the report. */
  audit: string;
  /** Why this run does nothing (a scheduled run before the report's time). */
  skip?: string;
}

export interface AnalyticsOutcome {
  analytics: Analytics;
  /** What the cache did: read (and how many deployments it held), ignored (why), or none. */
  cache: { file: string; read: number; note: string } | null;
  report: { week: string; title: string; body: string };
  issue: PublishedReport | null;
  requests: number;
  csv: string | null;
}

/**
 * Every record the figures need: the period plus the lookback, read with as few requests as the API allows; with a
 * cache, only the deployments newer than those it settled and the history it lacks.
 */
export async function readDeliveryData(source: DeliverySource, settings: AnalyticsSettings, weeks: Week[], cache?: DeliveryCache): Promise<DeliveryData> {
  const since = new Date(weeks[0]!.start - settings.lookbackMs);
  const known = splitByCache(cache, since);
  const [fresh, incidents, releases] = await Promise.all([source.deployments(known.readSince, settings.maxDeployments), source.incidents(settings.incidentLabel, since), source.releases(since)]);
  const freshIds = new Set(fresh.map((d) => d.id));
  const deployments = [...fresh, ...known.cached.filter((d) => !freshIds.has(d.id))].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
  const production = new Set(settings.production.map((name) => name.toLowerCase()));
  // Newest first, so that the first walk reads the production branch's history and later heads are mostly known.
  const heads = deployments.filter((d) => production.has(d.environment.toLowerCase()) && d.statuses.some((s) => s.state === "success")).map((d) => d.sha);
  const commits = await source.commits(heads, since, known.commits);
  const runsOfDeployments: DeliveryData["runsOfDeployments"] = {};
  for (const deployment of deployments.filter((d) => d.statuses.length === 0)) runsOfDeployments[deployment.id] = known.runs[deployment.id] ?? (await source.workflowRuns(deployment.sha));
  return { deployments, commits, incidents, releases, runsOfDeployments };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, text, "utf8");
    await rename(partial, file);
  } catch (error) {
    throw new ExternalError(`writing ${file}: ${(error as Error).message}`);
  }
}

/** The cache file's records, or undefined (with why) when there is none or it cannot be used: then everything is read. */
async function loadCache(file: string, request: AnalyticsRequest, since: Date): Promise<{ cache?: DeliveryCache; note: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { note: (error as NodeJS.ErrnoException).code === "ENOENT" ? "no cache yet" : `cache not readable (${(error as Error).message})` };
  }
  const parsed = parseCache(text, `${request.repository.owner}/${request.repository.repo}`, since);
  return "unusable" in parsed ? { note: `cache ignored: ${parsed.unusable}` } : { cache: parsed, note: `cache used (settled before ${parsed.settledBefore})` };
}

export async function runAnalytics(request: AnalyticsRequest, source: DeliverySource, tracker: IncidentTracker): Promise<AnalyticsOutcome> {
  const since = new Date(request.weeks[0]!.start - request.settings.lookbackMs);
  const loaded = request.cache ? await loadCache(request.cache, request, since) : undefined;
  const data = await readDeliveryData(source, request.settings, request.weeks, loaded?.cache);
  if (request.cache) await writeAtomically(request.cache, JSON.stringify(nextCache(`${request.repository.owner}/${request.repository.repo}`, since, request.now, data.deployments, data.commits, data.runsOfDeployments)));
  const analytics = evaluateDelivery(data, request.settings, request.weeks, request.now.getTime());
  const report = renderWeeklyReport(analytics, request.settings, request.audit);
  const issue = request.publish ? await publishWeeklyReport(tracker, request.settings.report.label, report) : null;
  if (request.csv) await writeAtomically(request.csv, analyticsCsv(analytics));
  const cache = request.cache ? { file: request.cache, read: loaded?.cache?.deployments.length ?? 0, note: loaded!.note } : null;
  return { analytics, cache, report, issue, requests: source.requestCount(), csv: request.csv ?? null };
}

/** A run that did nothing, and why. */
export interface Skipped {
  skipped: string;
}

/** The use case against the GitHub API of the run; the client loads only when it runs. */
export async function runAnalyticsOnGitHub(request: AnalyticsRequest, invocation: Invocation): Promise<AnalyticsOutcome | Skipped> {
  if (request.skip) return { skipped: request.skip };
  const [{ octokitOfRun }, { githubDeliverySource }, { githubIncidentTracker }] = await Promise.all([import("../github/run-client.ts"), import("../github/analytics.ts"), import("../github/incidents.ts")]);
  const octokit = octokitOfRun(request.token, invocation);
  return runAnalytics(request, githubDeliverySource(octokit, request.repository), githubIncidentTracker(octokit, request.repository));
}
