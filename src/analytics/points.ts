/**
 * The data points every figure is computed from, one per deployment, shipped commit, recovery and incident, each
 * with what it was derived from so that a figure can be audited. Pure: records in, points out.
 */
import { matchesName } from "../incident/glob.ts";
import { MARKER_START, parseIncidentMarker } from "../incident/marker.ts";
import type { Severity } from "../incident/model.ts";
import type { AnalyticsSettings, CommitRecord, DeliveryData, DeploymentRecord, IncidentIssueRecord } from "./model.ts";
import { outcomeOf, type DeploymentOutcome } from "./outcomes.ts";

export interface DeploymentPoint extends DeploymentOutcome {
  id: number;
  environment: string;
  production: boolean;
  sha: string;
  ref: string | null;
  createdAt: number;
  durationMs: number | null;
  /** Unplanned (DORA's rework): why, or null for a planned deployment. */
  unplanned: string | null;
  /** A failed change: followed by an incident or a rollback within the failure window; null otherwise. */
  failedChange: { reason: "incident"; incident: number } | { reason: "rollback"; by: number } | null;
  /** Commits this deployment shipped to its environment first. */
  commits: number;
}

export interface ChangePoint {
  commit: string;
  deployment: number;
  environment: string;
  /** The deployment's creation, which places the change in a week. */
  deployedAt: number;
  authoredAt: number;
  leadTimeMs: number;
}

export interface RecoveryPoint {
  kind: "incident" | "failed-deployment";
  /** The incident number or the failed deployment id. */
  of: number;
  /** The recovering deployment (failed-deployment kind), else null. */
  by: number | null;
  environment: string;
  failedAt: number;
  recoveredAt: number | null;
  recoveryMs: number | null;
}

export type SlaOutcome = "hit" | "missed" | "pending";

export interface IncidentPoint {
  number: number;
  url: string;
  severity: Severity;
  environment: string | null;
  production: boolean;
  detectedAt: number;
  openedAt: number;
  respondedAt: number | null;
  closedAt: number | null;
  responseDue: number;
  resolutionDue: number | null;
  sla: SlaOutcome;
  /** Which SLA was missed, when one was. */
  missed: ("response" | "resolution")[];
}

export interface SkippedRecord {
  kind: "incident";
  number: number;
  why: string;
}

export interface Points {
  deployments: DeploymentPoint[];
  changes: ChangePoint[];
  recoveries: RecoveryPoint[];
  incidents: IncidentPoint[];
  skipped: SkippedRecord[];
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function environmentOf(issue: IncidentIssueRecord): string | null {
  const label = issue.labels.find((name) => name.toLowerCase().startsWith("environment:"));
  return label ? label.slice("environment:".length) : null;
}

function incidentPoint(issue: IncidentIssueRecord, settings: AnalyticsSettings, now: number): IncidentPoint | SkippedRecord {
  const meta = parseIncidentMarker(issue.body);
  if (!meta) return { kind: "incident", number: issue.number, why: "no shipgate incident marker in its body" };
  const openedAt = Date.parse(meta.openedAt);
  const responseDue = Date.parse(meta.responseDue);
  const resolutionDue = meta.resolutionDue === null ? null : Date.parse(meta.resolutionDue);
  const closedAt = issue.state === "closed" && issue.closedAt ? Date.parse(issue.closedAt) : null;
  // A response is a comment by a person, not one shipgate wrote (the same rule as incident sla-watch).
  const responses = issue.comments.filter((c) => !c.byBot && !c.body.includes(MARKER_START) && Date.parse(c.createdAt) >= openedAt).map((c) => Date.parse(c.createdAt));
  const respondedAt = responses.length > 0 ? Math.min(...responses) : null;
  const missed: ("response" | "resolution")[] = [];
  let pending = false;
  if (respondedAt !== null ? respondedAt > responseDue : now > responseDue) missed.push("response");
  else if (respondedAt === null) pending = true;
  if (resolutionDue !== null) {
    if (closedAt !== null ? closedAt > resolutionDue : now > resolutionDue) missed.push("resolution");
    else if (closedAt === null) pending = true;
  }
  const environment = environmentOf(issue);
  return {
    number: issue.number,
    url: issue.url,
    severity: meta.severity,
    environment,
    production: environment !== null && settings.production.some((name) => same(name, environment)),
    detectedAt: Date.parse(meta.detectedAt),
    openedAt,
    respondedAt,
    closedAt,
    responseDue,
    resolutionDue,
    sla: missed.length > 0 ? "missed" : pending ? "pending" : "hit",
    missed,
  };
}

function unplannedReason(deployment: DeploymentRecord, hotfixTags: Set<string>, settings: AnalyticsSettings, incidents: IncidentPoint[]): string | null {
  const ref = deployment.ref ?? "";
  if (ref && settings.hotfixRefs.some((pattern) => matchesName(pattern, ref))) return `ref ${ref} is a hotfix ref`;
  if (hotfixTags.has(ref)) return `tag ${ref} is a release cut from a hotfix branch`;
  const created = Date.parse(deployment.createdAt);
  const during = incidents.find((i) => i.production && i.environment !== null && same(i.environment, deployment.environment) && i.detectedAt <= created && (i.closedAt === null || created < i.closedAt));
  return during ? `made while incident #${during.number} was open` : null;
}

/** Ancestors of `head` in the known graph that are not in `shipped` (which grows by them). */
function newlyShipped(head: string, graph: Map<string, CommitRecord>, shipped: Set<string>): CommitRecord[] {
  const found: CommitRecord[] = [];
  const stack = [head];
  while (stack.length > 0) {
    const oid = stack.pop()!;
    if (shipped.has(oid)) continue;
    shipped.add(oid);
    const commit = graph.get(oid);
    if (!commit) continue;
    found.push(commit);
    stack.push(...commit.parents);
  }
  return found;
}

export function pointsOf(data: DeliveryData, settings: AnalyticsSettings, now: number): Points {
  const incidents: IncidentPoint[] = [];
  const skipped: SkippedRecord[] = [];
  for (const issue of data.incidents) {
    const point = incidentPoint(issue, settings, now);
    if ("why" in point) skipped.push(point);
    else incidents.push(point);
  }
  const hotfixTags = new Set(data.releases.filter((r) => settings.hotfixRefs.some((pattern) => matchesName(pattern, r.targetCommitish))).map((r) => r.tagName));
  const deployments: DeploymentPoint[] = [...data.deployments]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id)
    .map((d) => {
      const outcome = outcomeOf(d, data.runsOfDeployments[d.id] ?? []);
      const createdAt = Date.parse(d.createdAt);
      const production = settings.production.some((name) => same(name, d.environment));
      return {
        id: d.id,
        environment: d.environment,
        production,
        sha: d.sha,
        ref: d.ref,
        createdAt,
        ...outcome,
        durationMs: outcome.finishedAt !== null && (outcome.outcome === "success" || outcome.outcome === "failure") ? outcome.finishedAt - createdAt : null,
        unplanned: production ? unplannedReason(d, hotfixTags, settings, incidents) : null,
        failedChange: null,
        commits: 0,
      };
    });

  const graph = new Map(data.commits.map((c) => [c.oid, c]));
  const changes: ChangePoint[] = [];
  const recoveries: RecoveryPoint[] = [];
  const environments = [...new Set(deployments.filter((d) => d.production).map((d) => d.environment.toLowerCase()))];
  for (const environment of environments) {
    const ofEnvironment = deployments.filter((d) => d.production && d.environment.toLowerCase() === environment);
    const succeeded = ofEnvironment.filter((d) => d.outcome === "success").sort((a, b) => a.finishedAt! - b.finishedAt! || a.id - b.id);
    const shipped = new Set<string>();
    const deployedShas = new Set<string>();
    succeeded.forEach((d, index) => {
      for (const commit of newlyShipped(d.sha, graph, shipped)) {
        const authoredAt = Date.parse(commit.authoredAt);
        changes.push({ commit: commit.oid, deployment: d.id, environment: d.environment, deployedAt: d.createdAt, authoredAt, leadTimeMs: Math.max(0, d.finishedAt! - authoredAt) });
        d.commits++;
      }
      // Rolled back: the next success within the window redeploys a commit that was live before this one.
      const next = succeeded[index + 1];
      if (next && next.sha !== d.sha && deployedShas.has(next.sha) && next.finishedAt! - d.finishedAt! <= settings.failureWindowMs) d.failedChange = { reason: "rollback", by: next.id };
      deployedShas.add(d.sha);
    });
    for (const incident of incidents.filter((i) => i.production && i.environment !== null && i.environment.toLowerCase() === environment)) {
      const cause = succeeded.filter((d) => d.finishedAt! <= incident.detectedAt).at(-1);
      if (cause && incident.detectedAt - cause.finishedAt! <= settings.failureWindowMs && cause.failedChange === null) cause.failedChange = { reason: "incident", incident: incident.number };
      recoveries.push({ kind: "incident", of: incident.number, by: null, environment: incident.environment!, failedAt: incident.openedAt, recoveredAt: incident.closedAt, recoveryMs: incident.closedAt === null ? null : incident.closedAt - incident.openedAt });
    }
    for (const failed of ofEnvironment.filter((d) => d.outcome === "failure")) {
      const recovery = succeeded.find((d) => d.finishedAt! > failed.finishedAt!);
      recoveries.push({
        kind: "failed-deployment",
        of: failed.id,
        by: recovery?.id ?? null,
        environment: failed.environment,
        failedAt: failed.finishedAt!,
        recoveredAt: recovery?.finishedAt ?? null,
        recoveryMs: recovery ? recovery.finishedAt! - failed.finishedAt! : null,
      });
    }
  }
  return { deployments, changes, recoveries, incidents, skipped };
}
