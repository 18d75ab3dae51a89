/**
 * The rollout's settings from the policy file's `rollout:` section (Prometheus from `rollback.prometheus`, the
 * canary's health checks from `health:`, incidents from `incidents:`), overridden by the door's options.
 */
import { requireDuration, formatDuration } from "../core/duration.ts";
import { UserError } from "../core/errors.ts";
import type { PrometheusClientOptions } from "../net/prometheus.ts";
import type { HealthPolicy, Policy, RolloutPolicy } from "../policy/types.ts";
import type { IncidentSettings } from "../incident/model.ts";
import { resolveIncidentSettings } from "../incident/settings.ts";
import { MAX_TICKS } from "../rollback-guard/observe.ts";
import { compileRules, type Rule } from "../rollback-guard/rules.ts";
import { resolvePrometheusClient, type GuardOverrides } from "../rollback-guard/settings.ts";
import type { PlannedStep, RolloutPlan } from "./evaluate.ts";
import type { JudgeSettings, MetricSeries } from "./judge.ts";

/** A judge metric as configured: its two queries; the series come from Prometheus after each bake. */
export type MetricQuery = Omit<MetricSeries, "canary" | "baseline"> & { canaryQuery: string; baselineQuery: string };

export interface RolloutCommands {
  traffic: string[];
  rollback: string[];
  deploy?: string[];
  smoke?: string[];
  retire?: string[];
}

export interface RolloutSettings {
  plan: Omit<RolloutPlan, "previousColour">;
  colours: [string, string];
  commands: RolloutCommands;
  commandTimeoutMs: number;
  intervalSeconds: number;
  maxWaitMs: number;
  /** Prometheus; null when there is nothing to ask it (no rules, no metrics). */
  prometheus: PrometheusClientOptions | null;
  rules: Rule[];
  metrics: MetricQuery[];
  judge: JudgeSettings;
  /** The canary's health checks: `health:` with the rollout's endpoints; null when there are none. */
  health: HealthPolicy | null;
  incidents: IncidentSettings | null;
}

const percent = (weight: number): string => `${Number(weight.toFixed(2))} %`;

function canarySteps(policy: RolloutPolicy, where: string): PlannedStep[] {
  const steps = policy.steps;
  if (steps.length === 0) throw new UserError(`${where}.steps is empty: list the canary steps, e.g. [{ weight: 5, bake: 10m }, { weight: 50, bake: 30m }, { weight: 100 }] (see docs/rollout.md)`);
  return steps.map((step, index) => {
    const at = `${where}.steps[${index}]`;
    if (index > 0 && step.weight <= steps[index - 1]!.weight) throw new UserError(`${at}.weight: ${step.weight} is not more than the step before (${steps[index - 1]!.weight}); weights only grow`);
    const isLast = index === steps.length - 1;
    if (isLast && step.weight !== 100) throw new UserError(`${at}.weight: the last step must be 100 (the whole traffic), got ${step.weight}`);
    const bakeMs = step.bake === undefined ? 0 : requireDuration(step.bake, `${at}.bake`);
    if (!isLast && bakeMs === 0) throw new UserError(`${at}.bake: a step before the last needs a bake time, or nothing decides whether to promote it`);
    return { kind: "shift", weight: step.weight, colour: null, bakeMs, approve: step.approve, label: `step ${index + 1}/${steps.length} (${percent(step.weight)})` };
  });
}

function blueGreenSteps(policy: RolloutPolicy, where: string): PlannedStep[] {
  if (!policy.commands.deploy) throw new UserError(`${where}.commands.deploy: the blue-green strategy needs the command that deploys to the idle colour`);
  const bakeMs = requireDuration(policy["blue-green"].bake, `${where}.blue-green.bake`);
  const approve = policy["blue-green"].approve;
  return [
    { kind: "deploy", weight: null, colour: null, bakeMs: 0, approve: false, label: "deploy to the idle colour" },
    { kind: "shift", weight: null, colour: null, bakeMs, approve, label: "switch to the new colour" },
  ];
}

function command(policy: RolloutPolicy, name: "traffic" | "rollback", where: string): string[] {
  const argv = policy.commands[name];
  if (!argv) throw new UserError(`${where}.commands.${name}: give the ${name} command as an argument list, e.g. ["./deploy/set-weight.sh"] (run without a shell)`);
  return argv;
}

export interface RolloutOverrides extends GuardOverrides {
  maxWaitMs?: number;
  intervalMs?: number;
}

export function resolveRolloutSettings(policy: Policy, where: string, overrides: RolloutOverrides, env: NodeJS.ProcessEnv, urlOption: string): RolloutSettings {
  const section = policy.rollout;
  const key = `${where}: rollout`;
  const steps = section.strategy === "canary" ? canarySteps(section, key) : blueGreenSteps(section, key);
  const intervalSeconds = (overrides.intervalMs ?? requireDuration(section.interval, `${key}.interval`)) / 1000;
  if (intervalSeconds < 1) throw new UserError(`${key}.interval: at least 1s`);
  const longest = Math.max(...steps.map((s) => s.bakeMs));
  if (longest / 1000 / intervalSeconds > MAX_TICKS) throw new UserError(`${key}.interval: a bake of ${formatDuration(longest)} would hold more than ${MAX_TICKS} intervals; use a longer interval`);
  const maxWaitMs = overrides.maxWaitMs ?? requireDuration(section["max-wait"], `${key}.max-wait`);
  const commandTimeoutMs = requireDuration(section["command-timeout"], `${key}.command-timeout`);
  if (commandTimeoutMs < 1000) throw new UserError(`${key}.command-timeout: at least 1s`);

  const rules = compileRules(section.rules ?? policy.rollback.rules, section.rules ? key : `${where}: rollback`);
  const names = new Set<string>();
  const metrics: MetricQuery[] = section.metrics.map((m, index) => {
    if (names.has(m.name)) throw new UserError(`${key}.metrics[${index}].name: the metric name "${m.name}" is used twice`);
    names.add(m.name);
    return { name: m.name, canaryQuery: m.canary, baselineQuery: m.baseline, worse: m.worse, tolerance: m.tolerance, critical: m.critical };
  });
  const judge = section.judge;
  if (judge["marginal-score"] > judge["pass-score"]) throw new UserError(`${key}.judge.marginal-score: ${judge["marginal-score"]} is above pass-score ${judge["pass-score"]}`);
  const endpoints = section.health ?? policy.health.endpoints;
  const asksPrometheus = rules.length > 0 || metrics.length > 0;
  return {
    plan: { strategy: section.strategy, steps, keepMs: requireDuration(section["blue-green"].keep, `${key}.blue-green.keep`), onMarginal: judge["on-marginal"] },
    colours: section["blue-green"].colours,
    commands: {
      traffic: command(section, "traffic", key),
      rollback: command(section, "rollback", key),
      ...(section.commands.deploy ? { deploy: section.commands.deploy } : {}),
      ...(section.commands.smoke ? { smoke: section.commands.smoke } : {}),
      ...(section.commands.retire ? { retire: section.commands.retire } : {}),
    },
    commandTimeoutMs,
    intervalSeconds,
    maxWaitMs,
    prometheus: asksPrometheus ? resolvePrometheusClient(policy.rollback, where, overrides, env, urlOption) : null,
    rules,
    metrics,
    judge: { confidence: judge.confidence, minSamples: judge["min-samples"], noData: judge["no-data"], passScore: judge["pass-score"], marginalScore: judge["marginal-score"] },
    health: endpoints.length > 0 ? { ...policy.health, endpoints } : null,
    incidents: section.incident ? resolveIncidentSettings(policy.incidents, where, policy.windows.timezone) : null,
  };
}
