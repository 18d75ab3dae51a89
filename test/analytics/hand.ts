/**
 * The figures computed by hand from the builder's truth, following docs/analytics.md literally, with none of
 * src/analytics/: week starts written out for Paris (CET until the change of 29 March 2026, CEST after), plain loops.
 */
import type { Truth, TruthDeployment } from "./history.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FAILURE_WINDOW = 24 * HOUR;

/** Monday 00:00 in Paris of the week of the given Monday date (UTC fields). */
export function parisMonday(year: number, month: number, day: number): number {
  const utcMidnight = Date.UTC(year, month - 1, day);
  return utcMidnight - (utcMidnight >= Date.UTC(2026, 2, 30) ? 2 : 1) * HOUR;
}

export interface HandWeek {
  start: number;
  end: number;
  days: number;
  deployments: number;
  leadMedian: number | null;
  leadP90: number | null;
  leadSamples: number;
  failedChanges: number;
  recoveryMedian: number | null;
  recoverySamples: number;
  unplanned: number;
  succeeded: number;
  failed: number;
  durationMedian: number | null;
  incidentsOpened: Record<string, number>;
  slaHit: number;
  slaMissed: number;
  releases: number;
}

function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

export function handWeeks(truth: Truth, mondays: number[], now: number, environment = "production"): HandWeek[] {
  const production = truth.deployments.filter((d) => d.environment === environment);
  const successes = production.filter((d) => d.outcome === "success").sort((a, b) => a.finishedAt! - b.finishedAt! || a.id - b.id);
  const productionIncidents = truth.incidents.filter((i) => i.environment === environment);

  const failedChange = new Set<number>();
  successes.forEach((d, index) => {
    const next = successes[index + 1];
    const liveBefore = successes.slice(0, index).some((earlier) => earlier.sha === next?.sha);
    if (next && next.sha !== d.sha && liveBefore && next.finishedAt! - d.finishedAt! <= FAILURE_WINDOW) failedChange.add(d.id);
  });
  for (const incident of productionIncidents) {
    let cause: TruthDeployment | undefined;
    for (const d of successes) if (d.finishedAt! <= incident.detectedAt) cause = d;
    if (cause && incident.detectedAt - cause.finishedAt! <= FAILURE_WINDOW) failedChange.add(cause.id);
  }
  const unplanned = (d: TruthDeployment): boolean =>
    d.hotfix !== null || productionIncidents.some((i) => i.detectedAt <= d.createdAt && (i.closedAt === null || d.createdAt < i.closedAt));

  // `mondays` holds one more Monday than weeks: the end of the last week.
  return mondays.slice(0, -1).map((start, index) => {
    const end = mondays[index + 1]!;
    const inWeek = (t: number): boolean => t >= start && t < end;
    const ofWeek = production.filter((d) => inWeek(d.createdAt));
    const won = ofWeek.filter((d) => d.outcome === "success");
    const lead = won.flatMap((d) => d.shipped.map((c) => Math.max(0, d.finishedAt! - c.authoredAt)));
    const recoveries: number[] = [];
    for (const incident of productionIncidents) if (inWeek(incident.detectedAt) && incident.closedAt !== null) recoveries.push(incident.closedAt - incident.detectedAt);
    for (const failed of production.filter((d) => d.outcome === "failure" && inWeek(d.finishedAt!))) {
      const next = successes.find((s) => s.finishedAt! > failed.finishedAt!);
      if (next) recoveries.push(next.finishedAt! - failed.finishedAt!);
    }
    const incidents = truth.incidents.filter((i) => inWeek(i.detectedAt));
    const opened: Record<string, number> = { P1: 0, P2: 0, P3: 0, P4: 0 };
    for (const i of incidents) opened[i.severity]!++;
    const missed = incidents.filter((i) => (i.respondedAt === null ? now > i.responseDue : i.respondedAt > i.responseDue)).length;
    const hit = incidents.filter((i) => i.respondedAt !== null && i.respondedAt <= i.responseDue).length;
    const ended = ofWeek.filter((d) => d.outcome === "success" || d.outcome === "failure");
    return {
      start,
      end,
      days: (end - start) / DAY,
      deployments: won.length,
      leadMedian: nearestRank(lead, 50),
      leadP90: nearestRank(lead, 90),
      leadSamples: lead.length,
      failedChanges: won.filter((d) => failedChange.has(d.id)).length,
      recoveryMedian: nearestRank(recoveries, 50),
      recoverySamples: recoveries.length,
      unplanned: won.filter(unplanned).length,
      succeeded: won.length,
      failed: ofWeek.filter((d) => d.outcome === "failure").length,
      durationMedian: nearestRank(ended.map((d) => d.finishedAt! - d.createdAt), 50),
      incidentsOpened: opened,
      slaHit: hit,
      slaMissed: missed,
      releases: truth.releases.filter((r) => inWeek(r.publishedAt)).length,
    };
  });
}
