import type { Finding, GateResult, GateStatus } from "../core/result.ts";
import { code, count, details, table } from "../report/blocks.ts";
import { cell } from "../report/markdown.ts";
import { zonedTime } from "../report/time.ts";
import { lineChart } from "../report/pictures.ts";
import { formatDuration } from "../core/duration.ts";
import { formatValue, type Measurement } from "./evaluate.ts";
import type { GuardVerdict, ObservationPlan, ObservationResult } from "./observe.ts";

/** Rows the summary table shows; the full list is in the `measurements` output and --json. */
export const SUMMARY_ROWS = 200;

const statusOf: Record<GuardVerdict, GateStatus> = { rollback: "fail", inconclusive: "warn", healthy: "pass" };

export function describePlan(plan: ObservationPlan): string {
  return plan.once
    ? `one evaluation at ${plan.start.toISOString()}`
    : `${formatDuration(plan.observationSeconds * 1000)} from ${plan.start.toISOString()}, every ${formatDuration(plan.intervalSeconds * 1000)}`;
}

/** The plan for people: instants as "Wed 2 Dec 2026 09:00 UTC" (Prometheus speaks UTC). */
function describePlanForPeople(plan: ObservationPlan): string {
  const start = zonedTime(plan.start, "UTC");
  return plan.once ? `one evaluation at ${start}` : `${formatDuration(plan.observationSeconds * 1000)} from ${start}, every ${formatDuration(plan.intervalSeconds * 1000)}`;
}

/**
 * At most `limit` measurements, in their order: every breach and no-data first (they explain the verdict),
 * then as many ok ones as still fit.
 */
export function selectMeasurements(measurements: Measurement[], limit: number): { shown: Measurement[]; omitted: number } {
  if (measurements.length <= limit) return { shown: measurements, omitted: 0 };
  const notable = measurements.filter((m) => m.outcome !== "ok").slice(0, limit);
  const ok = measurements.filter((m) => m.outcome === "ok").slice(0, limit - notable.length);
  const keep = new Set([...notable, ...ok]);
  const shown = measurements.filter((m) => keep.has(m));
  return { shown, omitted: measurements.length - shown.length };
}

const OUTCOME_ICON: Record<Measurement["outcome"], string> = { ok: "✅", breach: "❌", "no-data": "⚠️" };

/**
 * One row per measurement, time first (UTC, the day is in the plan's line), the outcome with its reason in one
 * column, so that the table fits a summary without wrapping.
 */
export function measurementsTable(measurements: Measurement[], limit: number = SUMMARY_ROWS): string {
  const { shown, omitted } = selectMeasurements(measurements, limit);
  const rows = shown.map((m) => [
    cell(`${m.at.slice(11, 19)}${m.at.slice(0, 10) === shown[0]!.at.slice(0, 10) ? "" : ` ${m.at.slice(5, 10)}`}`),
    cell(m.rule),
    code(m.series),
    cell(formatValue(m.value)),
    cell(formatValue(m.threshold)),
    `${m.samples}/${m.points}`,
    `${OUTCOME_ICON[m.outcome] ?? ""} ${cell(m.reason)}`.trim(),
  ]);
  const parts = [table(["Time (UTC)", "Rule", "Series", "Value", "Threshold", "Samples", "Outcome"], rows, ["left", "left", "left", "right", "right", "right"])];
  if (omitted > 0) parts.push(`… and ${omitted} more measurements with outcome ok (\`shipgate metrics --json\` lists all).`);
  return parts.join("\n\n");
}

const MAX_CHARTS = 3;
const MAX_POINTS = 60;

/** Each rule's first series over the observation against its threshold: what a reader looks at to trust a rollback. */
export function seriesCharts(measurements: Measurement[]): string[] {
  const byRule = new Map<string, Measurement[]>();
  for (const m of measurements) {
    if (typeof m.value !== "number" || !Number.isFinite(m.value)) continue;
    const list = byRule.get(m.rule) ?? [];
    if (list.length === 0 || list[0]!.series === m.series) byRule.set(m.rule, [...list, m]);
  }
  return [...byRule.entries()]
    .filter(([, points]) => points.length >= 2)
    .slice(0, MAX_CHARTS)
    .map(([rule, all]) => {
      const points = all.slice(-MAX_POINTS);
      const values = points.map((m) => m.value as number);
      const thresholds = points.map((m) => (typeof m.threshold === "number" && Number.isFinite(m.threshold) ? m.threshold : undefined));
      const threshold = thresholds.every((t) => t !== undefined) ? (thresholds as number[]) : undefined;
      const max = Math.max(...values, ...(threshold ?? [])) * 1.2 || 1;
      return lineChart({
        title: `${rule} ${points[0]!.series === "{}" ? "" : points[0]!.series} against its threshold`,
        unit: rule,
        labels: points.map((m) => m.at.slice(11, 19)),
        series: values,
        ...(threshold ? { threshold } : {}),
        max,
      });
    });
}

export function guardResult(result: ObservationResult, plan: ObservationPlan, server: string): GateResult {
  const title =
    result.verdict === "rollback"
      ? `Roll back: ${result.firedRule} fired at ${(result.firedAt ?? "").slice(0, 16).replace("T", " ")} UTC`
      : result.verdict === "inconclusive"
        ? "Inconclusive: not enough data to decide"
        : `Healthy: ${result.reason}`;
  const findings: Finding[] = [];
  if (result.verdict === "rollback") findings.push({ level: "failure", message: `Rollback: ${result.reason}`, title: "rollback-guard" });
  if (result.verdict === "inconclusive") findings.push({ level: "warning", message: `Inconclusive: ${result.reason}`, title: "rollback-guard" });
  for (const warning of result.warnings) findings.push({ level: "warning", message: `Prometheus warning: ${warning}` });
  // The healthy title already carries the reason; the others say what fired, and the reason says why.
  const why = result.verdict === "healthy" ? [] : [`**Why:** ${cell(result.reason)}`];
  const charts = seriesCharts(result.measurements);
  const breaches = result.measurements.filter((m) => m.outcome === "breach").length;
  const gaps = result.measurements.filter((m) => m.outcome === "no-data").length;
  const measured = measurementsTable(result.measurements);
  // With a picture of the series the rows are the detail behind it: folded, their count and breaches named.
  const label = `${count(result.measurements.length, "measurement")}: ${count(breaches, "breach", "breaches")}${gaps > 0 ? `, ${gaps} without data` : ""}`;
  const rows = charts.length > 0 ? details(label, measured) : measured;
  const summary = [...why, `Observed ${describePlanForPeople(plan)} against ${cell(server)}.`, ...charts, rows].join("\n\n");
  return {
    gate: "rollback-guard",
    status: statusOf[result.verdict],
    title,
    summary,
    findings,
    // The verdict's reason is the summary's **Why**; only Prometheus' own warnings would be news below it.
    ...(result.warnings.length === 0 ? { findingsShown: true } : {}),
    metrics: { rollback: result.rollback, verdict: result.verdict, "fired-rule": result.firedRule, evaluations: result.ticks.length, measurements: result.measurements.length },
  };
}

/** CLI text: the verdict line, then one line per measurement (capped like the summary). */
export function measurementLines(measurements: Measurement[], limit: number = SUMMARY_ROWS): string[] {
  const { shown, omitted } = selectMeasurements(measurements, limit);
  const lines = shown.map((m) => `${m.at} ${m.rule} ${m.series} value=${formatValue(m.value)} threshold=${formatValue(m.threshold)} samples=${m.samples}/${m.points} ${m.outcome}: ${m.reason}`);
  if (omitted > 0) lines.push(`… and ${omitted} more measurements with outcome ok (use --json for all)`);
  return lines;
}
