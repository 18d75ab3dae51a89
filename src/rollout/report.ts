/**
 * How a rollout run is shown: one result whose title is the verdict, then each analysed step with its verdict line
 * first, the canary-versus-baseline picture of each judged metric with its thresholds, the rules and the health checks.
 */
import type { Finding, GateResult, GateStatus } from "../core/result.ts";
import { healthGateResult } from "../health/result.ts";
import type { HealthSettings } from "../health/settings.ts";
import { cell } from "../report/markdown.ts";
import { verdictLine } from "../report/summary.ts";
import { measurementsTable, seriesCharts } from "../rollback-guard/report.ts";
import { figure, type Judgement } from "./judge.ts";
import type { VerdictKind } from "./records.ts";
import type { RolloutOutcome, RolloutResult, StepReport } from "./run.ts";
import { seriesChart } from "./series-chart.ts";
import type { RolloutSettings } from "./settings.ts";

const statusOf: Record<RolloutResult, GateStatus> = { completed: "pass", waiting: "pass", idle: "skip", held: "warn", aborted: "fail", refused: "fail" };
const stepStatus: Record<VerdictKind, GateStatus> = { pass: "pass", marginal: "warn", fail: "fail" };

/** Rows of the rules table per step; the rest is in --json. */
const RULE_ROWS = 30;

export function outcomeTitle(outcome: RolloutOutcome): string {
  const where = `${outcome.sha.slice(0, 7)} to ${outcome.environment}`;
  const at = outcome.step > 0 ? `step ${outcome.step}/${outcome.steps}` : "before the first step";
  switch (outcome.result) {
    case "completed":
      return `Rolled out ${where}: ${outcome.reason}`;
    case "aborted":
      return `Aborted ${where} at ${at} and rolled back: ${outcome.reason}`;
    case "waiting":
      return `Waiting: ${where} at ${at}; resumes after ${outcome.resumeAt ?? "a later run"}`;
    case "held":
      return `Held: ${outcome.reason}`;
    case "refused":
      return `Refused: ${outcome.reason}`;
    case "idle":
      return outcome.reason;
  }
}

function judgementTable(judgement: Judgement): string {
  return [
    "| Metric | Verdict | Canary median | Baseline median | p-value | Samples (canary/baseline) | Why |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...judgement.metrics.map(
      (m) =>
        `| ${cell(m.name)} | ${m.verdict} | ${m.canaryMedian === null ? "—" : figure(m.canaryMedian)} | ${m.baselineMedian === null ? "—" : figure(m.baselineMedian)} | ${m.pValue === null ? "—" : figure(m.pValue)} | ${m.samples.canary}/${m.samples.baseline} | ${cell(m.reason)} |`,
    ),
  ].join("\n");
}

/** The canary and the baseline over the bake window, with the band the judge tolerates around the baseline. */
function pictures(report: StepReport, settings: RolloutSettings): string[] {
  return report.pictures.map((picture) => {
    const metric = settings.metrics.find((m) => m.name === picture.name);
    const judged = report.judgement?.metrics.find((m) => m.name === picture.name);
    const thresholds: Array<{ label: string; value: number }> = [];
    const median = judged?.baselineMedian;
    if (metric && typeof median === "number" && Number.isFinite(median)) {
      if (metric.worse !== "lower") thresholds.push({ label: `baseline +${metric.tolerance * 100} %`, value: median * (1 + metric.tolerance) });
      if (metric.worse !== "higher") thresholds.push({ label: `baseline -${metric.tolerance * 100} %`, value: median * (1 - metric.tolerance) });
    }
    for (const rule of settings.rules) if (rule.name === picture.name && rule.threshold.kind === "fixed") thresholds.push({ label: `rule ${rule.name}`, value: rule.threshold.above });
    const finite = (points: Array<{ at: number; value: number }>) => points.filter((p) => Number.isFinite(p.value));
    return seriesChart(`${picture.name}: canary vs baseline`, [{ label: "canary", points: finite(picture.canary) }, { label: "baseline", points: finite(picture.baseline) }], thresholds);
  });
}

function stepSection(report: StepReport, settings: RolloutSettings, health: HealthSettings | null): string {
  const line = verdictLine({ gate: report.label, status: stepStatus[report.verdict], title: `${report.verdict}: ${report.reason}`, summary: "", findings: [], metrics: {} });
  const parts = [`### ${line}`];
  if (report.window) parts.push(`Bake window ${report.window.from} to ${report.window.until}.`);
  parts.push(...pictures(report, settings));
  if (report.judgement) parts.push(`**Judge:** ${cell(report.judgement.reason)}`, judgementTable(report.judgement));
  if (report.rules) parts.push(`**Rollback rules:** ${report.rules.verdict}: ${cell(report.rules.reason)}`, ...seriesCharts(report.rules.measurements), measurementsTable(report.rules.measurements, RULE_ROWS));
  if (report.health && health) parts.push("**Health of the canary:**", healthGateResult(report.health, health).summary);
  return parts.join("\n\n");
}

export function rolloutResult(outcome: RolloutOutcome, settings: RolloutSettings): GateResult {
  const findings: Finding[] = [];
  if (outcome.result === "aborted") findings.push({ level: "failure", title: "rollout", message: `Aborted: ${outcome.reason}` });
  if (outcome.result === "refused") findings.push({ level: "failure", title: "rollout", message: outcome.reason });
  if (outcome.result === "held") findings.push({ level: "warning", title: "rollout", message: outcome.reason });
  const health = settings.health ? { timeoutMs: settings.health.timeout, retries: settings.health.retries, backoffMs: settings.health.backoff, maxBackoffMs: settings.health["max-backoff"], budgetMs: settings.health.budget, concurrency: settings.health.concurrency, maxRedirects: settings.health["max-redirects"], maxBodyBytes: settings.health["max-body-bytes"] } : null;
  const facts = [
    `Strategy ${outcome.strategy}, ${outcome.steps} steps; ${outcome.deployment === null ? "no deployment" : `deployment ${outcome.deployment}`} of ${cell(outcome.environment)} keeps every step and verdict.`,
    ...(outcome.incident ? [`Incident: [#${outcome.incident.number}](${outcome.incident.url})`] : []),
    ...(outcome.commands.length > 0 ? [`Commands: ${outcome.commands.map((c) => cell(c)).join("; ")}.`] : []),
  ];
  return {
    gate: "rollout",
    status: statusOf[outcome.result],
    title: outcomeTitle(outcome),
    summary: [...facts, ...outcome.reports.map((r) => stepSection(r, settings, health))].join("\n\n"),
    findings,
    metrics: { result: outcome.result, step: outcome.step, steps: outcome.steps, deployment: outcome.deployment, incident: outcome.incident?.number ?? null },
  };
}

/** The `--json` document. */
export function rolloutJson(outcome: RolloutOutcome, status: GateStatus): Record<string, unknown> {
  return {
    status,
    result: outcome.result,
    environment: outcome.environment,
    sha: outcome.sha,
    strategy: outcome.strategy,
    deployment: outcome.deployment,
    step: outcome.step,
    steps: outcome.steps,
    reason: outcome.reason,
    resumeAt: outcome.resumeAt,
    incident: outcome.incident,
    commands: outcome.commands,
    verdicts: outcome.reports.map((r) => ({ step: r.step + 1, label: r.label, verdict: r.verdict, reason: r.reason, window: r.window, rules: r.rules && { verdict: r.rules.verdict, reason: r.rules.reason, firedRule: r.rules.firedRule }, judgement: r.judgement, health: r.health })),
  };
}
