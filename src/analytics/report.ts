/**
 * The weekly report's markdown (the issue body and the job summary): the last complete week against the one
 * before, the period's figures with their DORA levels, incidents per severity, environments, action items and
 * Mermaid charts GitHub renders. Environment names come from whoever deploys: they are rendered inert.
 */
import { MARKER_START } from "../incident/marker.ts";
import { SEVERITIES } from "../incident/model.ts";
import { inert } from "../incident/render.ts";
import type { Analytics, Distribution, Figures, Ratio, WeekFigures } from "./evaluate.ts";
import type { AnalyticsSettings } from "./model.ts";

const SUFFIX = " -->";

export function reportMarker(week: string): string {
  return `${MARKER_START}delivery-report week=${week}${SUFFIX}`;
}

export function reportTitle(template: string, week: string): string {
  return template.replaceAll("{week}", week);
}

const hours = (ms: number | null): string => (ms === null ? "–" : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 360_000) / 10} h`);
const pct = (r: Ratio): string => (r.percent === null ? "–" : `${r.percent} % (${r.count} of ${r.of})`);
const dist = (d: Distribution): string => (d.medianMs === null ? "–" : `${hours(d.medianMs)} / ${hours(d.p90Ms)}`);
const level = (value: string | null): string => value ?? "–";

function signed(value: number, unit: string): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : "±"}${Math.abs(rounded)}${unit}`;
}

function deltaOf(last: number | null, previous: number | null, unit: string, scale = 1): string {
  if (last === null || previous === null) return "–";
  return signed((last - previous) / scale, unit);
}

function metricRows(last: Figures, previous: Figures | undefined, period: Figures): string[] {
  const p = previous;
  const row = (name: string, week: string, delta: string, whole: string, dora: string): string => `| ${name} | ${week} | ${delta} | ${whole} | ${dora} |`;
  const freq = (f: Figures): string => `${f.deploymentFrequency.deployments} (${f.deploymentFrequency.perDay}/day)`;
  return [
    row("Deployment frequency", freq(last), p ? signed(last.deploymentFrequency.deployments - p.deploymentFrequency.deployments, "") : "–", freq(period), period.deploymentFrequency.level),
    row("Change lead time (median / p90)", dist(last.leadTime), p ? deltaOf(last.leadTime.medianMs, p.leadTime.medianMs, " h", 3_600_000) : "–", dist(period.leadTime), level(period.leadTime.level)),
    row("Change failure rate", pct(last.changeFailureRate), p ? deltaOf(last.changeFailureRate.percent, p.changeFailureRate.percent, " pts") : "–", pct(period.changeFailureRate), level(period.changeFailureRate.level)),
    row("Failed deployment recovery time (median / p90)", dist(last.recoveryTime), p ? deltaOf(last.recoveryTime.medianMs, p.recoveryTime.medianMs, " h", 3_600_000) : "–", dist(period.recoveryTime), level(period.recoveryTime.level)),
    row("Rework rate (unplanned deployments)", pct(last.reworkRate), p ? deltaOf(last.reworkRate.percent, p.reworkRate.percent, " pts") : "–", pct(period.reworkRate), "no DORA level"),
    row("Deployment success rate", pct(last.successRate), p ? deltaOf(last.successRate.percent, p.successRate.percent, " pts") : "–", pct(period.successRate), "not a DORA metric"),
    row("Deployment duration (median / p90)", dist(last.duration), p ? deltaOf(last.duration.medianMs, p.duration.medianMs, " h", 3_600_000) : "–", dist(period.duration), "not a DORA metric"),
  ];
}

function incidentRows(last: Figures, period: Figures, settings: AnalyticsSettings): string[] {
  const rows = ["| Severity | Response SLA | Opened | Resolved | Still open | SLA hit rate (week) | SLA hit rate (period) |", "| --- | --- | --- | --- | --- | --- | --- |"];
  for (const severity of SEVERITIES) {
    const week = last.incidents[severity];
    rows.push(`| ${severity} | ${hours(settings.responseSlaMs[severity])} | ${week.opened} | ${week.resolved} | ${week.stillOpen} | ${pct(week.sla)} | ${pct(period.incidents[severity].sla)} |`);
  }
  return rows;
}

function chart(title: string, weeks: WeekFigures[], axis: string, kind: "bar" | "line", values: (number | null)[]): string[] {
  const shown = values.map((v) => v ?? 0);
  const top = Math.max(1, ...shown);
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis [${weeks.map((w) => `"${w.week.slice(5)}"`).join(", ")}]`,
    `  y-axis "${axis}" 0 --> ${Math.ceil(top * 1.1 * 10) / 10}`,
    `  ${kind} [${shown.join(", ")}]`,
    "```",
  ];
}

/** The report of the last week of `analytics` (its weeks must be complete weeks, oldest first). */
export function renderWeeklyReport(analytics: Analytics, settings: AnalyticsSettings, audit: string): { week: string; title: string; body: string } {
  const weeks = analytics.production.weeks;
  const last = weeks.at(-1)!;
  const previous = weeks.at(-2);
  const period = analytics.production.period;
  const lines = [
    reportMarker(last.week),
    `## Delivery report ${last.week}`,
    "",
    `Week of Monday ${last.monday} (${settings.timezone}); production environments: ${settings.production.map((e) => inert(e, 60)).join(", ")}. ` +
      `The period is the last ${analytics.period.weeks} complete weeks. DORA's five metrics as the 2025 DORA report defines them; levels from the 2024 report's clusters (docs/analytics.md).`,
    "",
    `| Metric | ${last.week} | Δ vs ${previous?.week ?? "previous week"} | Last ${analytics.period.weeks} weeks | DORA level (period) |`,
    "| --- | --- | --- | --- | --- |",
    ...metricRows(last, previous, period),
    "",
    `Releases published: ${last.releases} this week, ${period.releases} in the period.`,
    "",
    "### Action items",
    "",
    ...(analytics.actionItems.length > 0 ? analytics.actionItems.map((item) => `- [ ] ${item.message}`) : ["- Nothing needs attention."]),
    "",
    "### Incidents",
    "",
    ...incidentRows(last, period, settings),
    "",
    "### Environments (this week)",
    "",
    "| Environment | Deployments | Success rate | Duration (median / p90) | No status |",
    "| --- | --- | --- | --- | --- |",
    ...analytics.environments.map((e) => {
      const w = e.weeks.at(-1)!;
      return `| ${inert(e.environment, 60)}${e.production ? " (production)" : ""} | ${w.deployments.total} | ${pct(w.successRate)} | ${dist(w.duration)} | ${w.deployments.unknown} |`;
    }),
    "",
    "### Trends",
    "",
    ...chart("Production deployments per week", weeks, "deployments", "bar", weeks.map((w) => w.deploymentFrequency.deployments)),
    "",
    ...chart("Change lead time, median (hours)", weeks, "hours", "line", weeks.map((w) => (w.leadTime.medianMs === null ? null : Math.round(w.leadTime.medianMs / 360_000) / 10))),
    "",
    ...chart("Change failure rate (%)", weeks, "percent", "line", weeks.map((w) => w.changeFailureRate.percent)),
    "",
    `<sub>Every figure and the data points it came from: \`${audit}\`.</sub>`,
  ];
  return { week: last.week, title: reportTitle(settings.report.title, last.week), body: lines.join("\n") + "\n" };
}
