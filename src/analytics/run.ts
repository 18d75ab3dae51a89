/** The delivery analytics use case: reads GitHub through the port, computes the figures, publishes the weekly report. */
import { rename, writeFile } from "node:fs/promises";
import type { Invocation } from "../core/capability.ts";
import { ExternalError } from "../core/errors.ts";
import type { IncidentTracker } from "../incident/ports.ts";
import type { Repository } from "../github/target.ts";
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
  publish: boolean;
  /** The command that reproduces the figures, quoted in the report. */
  audit: string;
  /** Why this run does nothing (a scheduled run before the report's time). */
  skip?: string;
}

export interface AnalyticsOutcome {
  analytics: Analytics;
  report: { week: string; title: string; body: string };
  issue: PublishedReport | null;
  requests: number;
  csv: string | null;
}

/** Every record the figures need: the period plus the lookback, read with as few requests as the API allows. */
export async function readDeliveryData(source: DeliverySource, settings: AnalyticsSettings, weeks: Week[]): Promise<DeliveryData> {
  const since = new Date(weeks[0]!.start - settings.lookbackMs);
  const [deployments, incidents, releases] = await Promise.all([source.deployments(since, settings.maxDeployments), source.incidents(settings.incidentLabel, since), source.releases(since)]);
  const production = new Set(settings.production.map((name) => name.toLowerCase()));
  // Newest first, so that the first walk reads the production branch's history and later heads are mostly known.
  const heads = deployments.filter((d) => production.has(d.environment.toLowerCase()) && d.statuses.some((s) => s.state === "success")).map((d) => d.sha);
  const commits = await source.commits(heads, since);
  const runsOfDeployments: DeliveryData["runsOfDeployments"] = {};
  for (const deployment of deployments.filter((d) => d.statuses.length === 0)) runsOfDeployments[deployment.id] = await source.workflowRuns(deployment.sha);
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

export async function runAnalytics(request: AnalyticsRequest, source: DeliverySource, tracker: IncidentTracker): Promise<AnalyticsOutcome> {
  const data = await readDeliveryData(source, request.settings, request.weeks);
  const analytics = evaluateDelivery(data, request.settings, request.weeks, request.now.getTime());
  const report = renderWeeklyReport(analytics, request.settings, request.audit);
  const issue = request.publish ? await publishWeeklyReport(tracker, request.settings.report.label, report) : null;
  if (request.csv) await writeAtomically(request.csv, analyticsCsv(analytics));
  return { analytics, report, issue, requests: source.requestCount(), csv: request.csv ?? null };
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
