/**
 * Delivery figures from GitHub's records: DORA's five metrics for the production environments, deployment success
 * rate and duration for every environment, incidents per severity with their SLA hit rate; per week, for the
 * period and per environment, each with its DORA level and the action items a weekly report lists. Pure.
 */
import { SEVERITIES, type Severity } from "../incident/model.ts";
import { changeFailureRateLevel, deploymentFrequencyLevel, leadTimeLevel, recoveryTimeLevel, type DoraLevel } from "./levels.ts";
import type { AnalyticsSettings, DeliveryData } from "./model.ts";
import { pointsOf, type ChangePoint, type DeploymentPoint, type IncidentPoint, type Points, type RecoveryPoint } from "./points.ts";
import { weekIndexOf, type Week } from "./weeks.ts";

const DAY_MS = 86_400_000;

export interface Distribution {
  /** Nearest-rank percentiles of the samples, in milliseconds; null without samples. */
  medianMs: number | null;
  p90Ms: number | null;
  samples: number;
}

export interface Ratio {
  /** Percent with two decimals; null when the denominator is 0. */
  percent: number | null;
  count: number;
  of: number;
}

export interface IncidentFigures {
  opened: number;
  resolved: number;
  stillOpen: number;
  sla: Ratio & { missed: number; pending: number };
}

export interface Figures {
  days: number;
  deploymentFrequency: { deployments: number; perDay: number; level: DoraLevel };
  leadTime: Distribution & { level: DoraLevel | null };
  changeFailureRate: Ratio & { level: DoraLevel | null };
  recoveryTime: Distribution & { level: DoraLevel | null; unrecovered: number };
  reworkRate: Ratio & { level: null };
  /** Every deployment of the environments (production and others), by outcome. */
  deployments: { total: number; success: number; failure: number; cancelled: number; pending: number; unknown: number };
  successRate: Ratio;
  duration: Distribution;
  incidents: Record<Severity, IncidentFigures> & { all: IncidentFigures };
  releases: number;
}

export interface WeekFigures extends Figures {
  week: string;
  monday: string;
  start: string;
  end: string;
}

export interface EnvironmentFigures {
  environment: string;
  production: boolean;
  period: Figures;
  weeks: WeekFigures[];
}

export interface ActionItem {
  kind: "sla-breach" | "open-incident" | "worsening" | "no-status";
  message: string;
  issue?: number;
}

export interface Analytics {
  period: { start: string; end: string; timezone: string; weeks: number };
  /** All production environments together, then per environment. */
  production: { period: Figures; weeks: WeekFigures[] };
  environments: EnvironmentFigures[];
  actionItems: ActionItem[];
  points: Points;
}

/** The p-th percentile by nearest rank: the smallest sample with at least p % of the samples at or below it. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 50), p90Ms: percentile(sorted, 90), samples: sorted.length };
}

function ratio(count: number, of: number): Ratio {
  return { percent: of === 0 ? null : Math.round((count / of) * 10_000) / 100, count, of };
}

/** As of now: an incident of the week resolved since counts as resolved. */
function incidentFigures(incidents: IncidentPoint[]): IncidentFigures {
  const hit = incidents.filter((i) => i.sla === "hit").length;
  const missed = incidents.filter((i) => i.sla === "missed").length;
  return {
    opened: incidents.length,
    resolved: incidents.filter((i) => i.closedAt !== null).length,
    stillOpen: incidents.filter((i) => i.closedAt === null).length,
    sla: { ...ratio(hit, hit + missed), missed, pending: incidents.filter((i) => i.sla === "pending").length },
  };
}

interface Slice {
  deployments: DeploymentPoint[];
  changes: ChangePoint[];
  recoveries: RecoveryPoint[];
  incidents: IncidentPoint[];
  releases: number;
  days: number;
}

function figuresOf(slice: Slice): Figures {
  const production = slice.deployments.filter((d) => d.production);
  const succeeded = production.filter((d) => d.outcome === "success");
  const failedChanges = succeeded.filter((d) => d.failedChange !== null).length;
  const unplanned = succeeded.filter((d) => d.unplanned !== null).length;
  const lead = distribution(slice.changes.map((c) => c.leadTimeMs));
  // As of now: a failure of the week recovered since counts with its recovery time.
  const recovered = slice.recoveries.filter((r) => r.recoveryMs !== null);
  const recovery = distribution(recovered.map((r) => r.recoveryMs!));
  const cfr = ratio(failedChanges, succeeded.length);
  const count = (outcome: string): number => slice.deployments.filter((d) => d.outcome === outcome).length;
  const perDay = Math.round((succeeded.length / slice.days) * 1000) / 1000;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, incidentFigures(slice.incidents.filter((i) => i.severity === s))])) as Record<Severity, IncidentFigures>;
  return {
    days: Math.round(slice.days * 1000) / 1000,
    deploymentFrequency: { deployments: succeeded.length, perDay, level: deploymentFrequencyLevel(perDay) },
    leadTime: { ...lead, level: lead.medianMs === null ? null : leadTimeLevel(lead.medianMs) },
    changeFailureRate: { ...cfr, level: cfr.percent === null ? null : changeFailureRateLevel(cfr.percent) },
    recoveryTime: { ...recovery, level: recovery.medianMs === null ? null : recoveryTimeLevel(recovery.medianMs), unrecovered: slice.recoveries.length - recovered.length },
    reworkRate: { ...ratio(unplanned, succeeded.length), level: null },
    deployments: { total: slice.deployments.length, success: count("success"), failure: count("failure"), cancelled: count("cancelled"), pending: count("pending"), unknown: count("unknown") },
    successRate: ratio(count("success"), count("success") + count("failure")),
    duration: distribution(slice.deployments.flatMap((d) => (d.durationMs === null ? [] : [d.durationMs]))),
    incidents: { ...bySeverity, all: incidentFigures(slice.incidents) },
    releases: slice.releases,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Worse by at least this much from one week to the next is an action item. */
const WORSENING = { relative: 0.25, points: 5 };

function worsening(previous: Figures, last: Figures): string[] {
  const items: string[] = [];
  const grew = (a: number | null, b: number | null): boolean => a !== null && b !== null && a > 0 && b >= a * (1 + WORSENING.relative);
  const hours = (ms: number | null): string => `${Math.round((ms ?? 0) / 360_000) / 10} h`;
  if (grew(previous.leadTime.medianMs, last.leadTime.medianMs)) items.push(`change lead time (median) rose from ${hours(previous.leadTime.medianMs)} to ${hours(last.leadTime.medianMs)}`);
  if (grew(previous.recoveryTime.medianMs, last.recoveryTime.medianMs)) items.push(`failed deployment recovery time (median) rose from ${hours(previous.recoveryTime.medianMs)} to ${hours(last.recoveryTime.medianMs)}`);
  const up = (a: number | null, b: number | null): boolean => a !== null && b !== null && b - a >= WORSENING.points;
  if (up(previous.changeFailureRate.percent, last.changeFailureRate.percent)) items.push(`change failure rate rose from ${previous.changeFailureRate.percent} % to ${last.changeFailureRate.percent} %`);
  if (up(previous.reworkRate.percent, last.reworkRate.percent)) items.push(`rework rate rose from ${previous.reworkRate.percent} % to ${last.reworkRate.percent} %`);
  if (up(last.successRate.percent, previous.successRate.percent)) items.push(`deployment success rate fell from ${previous.successRate.percent} % to ${last.successRate.percent} %`);
  const [before, after] = [previous.deploymentFrequency.deployments, last.deploymentFrequency.deployments];
  if (before > 0 && after <= before * (1 - WORSENING.relative)) items.push(`production deployments fell from ${before} to ${after} a week`);
  return items;
}

function actionItems(points: Points, weeks: WeekFigures[], lastWeek: Week, now: number): ActionItem[] {
  const items: ActionItem[] = [];
  for (const incident of points.incidents) {
    const inLastWeek = incident.detectedAt >= lastWeek.start && incident.detectedAt < lastWeek.end;
    if (incident.sla === "missed" && (inLastWeek || incident.closedAt === null)) {
      items.push({ kind: "sla-breach", issue: incident.number, message: `incident #${incident.number} (${incident.severity}) missed its ${incident.missed.join(" and ")} SLA` });
    } else if (incident.closedAt === null && incident.detectedAt < now) {
      items.push({ kind: "open-incident", issue: incident.number, message: `incident #${incident.number} (${incident.severity}) is still open` });
    }
  }
  const [previous, last] = weeks.slice(-2);
  if (previous && last) for (const message of worsening(previous, last)) items.push({ kind: "worsening", message });
  const silent = points.deployments.filter((d) => d.outcome === "unknown" && d.createdAt >= lastWeek.start && d.createdAt < lastWeek.end);
  if (silent.length > 0) items.push({ kind: "no-status", message: `${silent.length} deployment(s) last week have no status and no workflow run to tell how they ended (ids ${silent.slice(0, 10).map((d) => d.id).join(", ")})` });
  return items;
}

/** The figures of `weeks` (oldest first, complete weeks) from the records, as of `now`. */
export function evaluateDelivery(data: DeliveryData, settings: AnalyticsSettings, weeks: Week[], now: number): Analytics {
  const points = pointsOf(data, settings, now);
  const periodStart = weeks[0]!.start;
  const periodEnd = weeks.at(-1)!.end;
  const inRange = (start: number, end: number) => (at: number) => at >= start && at < end;
  const releaseTimes = data.releases.flatMap((r) => (r.draft || r.publishedAt === null ? [] : [Date.parse(r.publishedAt)]));
  const sliceOf = (start: number, end: number, environment?: string): Slice => {
    const within = inRange(start, end);
    const env = (name: string | null): boolean => environment === undefined || (name !== null && name.toLowerCase() === environment);
    return {
      deployments: points.deployments.filter((d) => within(d.createdAt) && (environment === undefined ? d.production : env(d.environment))),
      changes: points.changes.filter((c) => within(c.deployedAt) && env(c.environment)),
      recoveries: points.recoveries.filter((r) => within(r.failedAt) && env(r.environment)),
      incidents: points.incidents.filter((i) => within(i.detectedAt) && (environment === undefined || env(i.environment))),
      releases: environment === undefined ? releaseTimes.filter(within).length : 0,
      days: (end - start) / DAY_MS,
    };
  };
  const weekFigures = (environment?: string): WeekFigures[] =>
    weeks.map((w) => ({ week: w.name, monday: w.monday, start: iso(w.start), end: iso(w.end), ...figuresOf(sliceOf(w.start, w.end, environment)) }));
  const seen = [...new Set(points.deployments.filter((d) => weekIndexOf(weeks, d.createdAt) !== undefined).map((d) => d.environment.toLowerCase()))];
  const shown = settings.environments.length > 0 ? settings.environments.map((e) => e.toLowerCase()) : seen.sort();
  const productionWeeks = weekFigures();
  return {
    period: { start: iso(periodStart), end: iso(periodEnd), timezone: settings.timezone, weeks: weeks.length },
    production: { period: figuresOf(sliceOf(periodStart, periodEnd)), weeks: productionWeeks },
    environments: shown.map((environment) => ({
      environment,
      production: settings.production.some((name) => name.toLowerCase() === environment),
      period: figuresOf(sliceOf(periodStart, periodEnd, environment)),
      weeks: weekFigures(environment),
    })),
    actionItems: actionItems(points, productionWeeks, weeks.at(-1)!, now),
    points,
  };
}
