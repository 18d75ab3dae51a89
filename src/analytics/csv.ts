/** The CSV export: one row per week and scope (all production environments, then each environment). Pure. */
import type { Analytics, Figures, WeekFigures } from "./evaluate.ts";

const COLUMNS = [
  "scope", "week", "start", "end", "production_deployments", "deployments_per_day", "deployment_frequency_level",
  "lead_time_median_s", "lead_time_p90_s", "lead_time_samples", "lead_time_level",
  "change_failure_rate_pct", "failed_changes", "change_failure_rate_level",
  "recovery_time_median_s", "recovery_time_p90_s", "recovery_samples", "recovery_time_level",
  "rework_rate_pct", "unplanned_deployments",
  "deployments", "succeeded", "failed", "cancelled", "pending", "no_status", "success_rate_pct", "duration_median_s", "duration_p90_s",
  "incidents_opened", "incidents_resolved", "incidents_still_open", "sla_hit_rate_pct", "sla_missed", "releases",
] as const;

/** A field as RFC 4180 wants it; a leading =, +, - or @ is quoted behind a ' so that no spreadsheet runs it as a formula. */
function field(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000));

function row(scope: string, w: WeekFigures | (Figures & { week: string; start: string; end: string })): string {
  const values = [
    scope, w.week, w.start, w.end, w.deploymentFrequency.deployments, w.deploymentFrequency.perDay, w.deploymentFrequency.level,
    seconds(w.leadTime.medianMs), seconds(w.leadTime.p90Ms), w.leadTime.samples, w.leadTime.level,
    w.changeFailureRate.percent, w.changeFailureRate.count, w.changeFailureRate.level,
    seconds(w.recoveryTime.medianMs), seconds(w.recoveryTime.p90Ms), w.recoveryTime.samples, w.recoveryTime.level,
    w.reworkRate.percent, w.reworkRate.count,
    w.deployments.total, w.deployments.success, w.deployments.failure, w.deployments.cancelled, w.deployments.pending, w.deployments.unknown, w.successRate.percent, seconds(w.duration.medianMs), seconds(w.duration.p90Ms),
    w.incidents.all.opened, w.incidents.all.resolved, w.incidents.all.stillOpen, w.incidents.all.sla.percent, w.incidents.all.sla.missed, w.releases,
  ];
  return values.map(field).join(",");
}

export function analyticsCsv(analytics: Analytics): string {
  const lines: string[] = [COLUMNS.join(",")];
  const whole = { week: "period", start: analytics.period.start, end: analytics.period.end };
  for (const w of analytics.production.weeks) lines.push(row("production", w));
  lines.push(row("production", { ...analytics.production.period, ...whole }));
  for (const environment of analytics.environments) {
    for (const w of environment.weeks) lines.push(row(`environment:${environment.environment}`, w));
    lines.push(row(`environment:${environment.environment}`, { ...environment.period, ...whole }));
  }
  return lines.join("\r\n") + "\r\n";
}
