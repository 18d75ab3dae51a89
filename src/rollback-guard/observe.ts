/**
 * The observation after a deploy: evaluate every rule at start + interval, start + 2 x interval, ... up to
 * start + observation, stopping at the first rule that fires. Ticks whose time has already passed run at once
 * (so a past start replays the period); later ones wait for the injected clock. Each tick is pure evaluation
 * of what the metrics source returned.
 */
import { UserError } from "../core/errors.ts";
import { evaluateRule, type Measurement, type RuleData, type RuleEvaluation } from "./evaluate.ts";
import type { MetricsSource } from "./ports.ts";
import type { Rule } from "./rules.ts";

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export interface ObservationPlan {
  /** The deploy time (or --at): ticks are counted from here. */
  start: Date;
  observationSeconds: number;
  intervalSeconds: number;
  /** Evaluate once at `start` instead of observing. */
  once: boolean;
}

export type GuardVerdict = "rollback" | "healthy" | "inconclusive";

export interface TickResult {
  at: string;
  evaluations: RuleEvaluation[];
}

export interface ObservationResult {
  rollback: boolean;
  verdict: GuardVerdict;
  firedRule: string | null;
  firedAt: string | null;
  reason: string;
  ticks: TickResult[];
  measurements: Measurement[];
  warnings: string[];
}

/** Most ticks of one observation; the schema's durations could otherwise ask for millions. */
export const MAX_TICKS = 1440;

export function tickTimes(plan: ObservationPlan): Date[] {
  if (plan.once) return [plan.start];
  const count = Math.min(MAX_TICKS, Math.max(1, Math.floor(plan.observationSeconds / plan.intervalSeconds)));
  return Array.from({ length: count }, (_, i) => new Date(plan.start.getTime() + (i + 1) * plan.intervalSeconds * 1000));
}

/** A query Prometheus rejects is a configuration error of one rule: say which. */
async function forRule<T>(rule: Rule, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`rule "${rule.name}": ${error.message}`);
    throw error;
  }
}

async function fetchRuleData(rule: Rule, at: Date, source: MetricsSource, warnings: Set<string>): Promise<RuleData> {
  const current = await forRule(
    rule,
    rule.windowSeconds > 0 ? source.range(rule.query, new Date(at.getTime() - rule.windowSeconds * 1000), at, rule.stepSeconds) : source.instant(rule.query, at),
  );
  current.warnings.forEach((w) => warnings.add(`${rule.name}: ${w}`));
  if (rule.threshold.kind === "fixed") return { current: current.series };
  const baseline = await forRule(rule, source.instant(rule.threshold.query, new Date(at.getTime() - rule.threshold.offsetSeconds * 1000)));
  baseline.warnings.forEach((w) => warnings.add(`${rule.name} baseline: ${w}`));
  return { current: current.series, baseline: baseline.series };
}

/** The verdict of a finished observation: any fire rolls back; otherwise the last tick's state counts. */
export function concludeObservation(ticks: TickResult[]): Pick<ObservationResult, "rollback" | "verdict" | "firedRule" | "firedAt" | "reason"> {
  for (const tick of ticks) {
    const fired = tick.evaluations.find((e) => e.verdict === "fire");
    if (fired) return { rollback: true, verdict: "rollback", firedRule: fired.rule, firedAt: tick.at, reason: `${fired.rule}: ${fired.reason}` };
  }
  const last = ticks.at(-1);
  const open = last?.evaluations.filter((e) => e.verdict === "inconclusive") ?? [];
  if (open.length > 0) {
    return { rollback: false, verdict: "inconclusive", firedRule: null, firedAt: null, reason: open.map((e) => `${e.rule}: ${e.reason}`).join("; ") };
  }
  const rules = last?.evaluations.length ?? 0;
  return { rollback: false, verdict: "healthy", firedRule: null, firedAt: null, reason: `${rules} rule${rules === 1 ? "" : "s"} passed at each of ${ticks.length} evaluation${ticks.length === 1 ? "" : "s"}` };
}

export async function observe(
  rules: Rule[],
  plan: ObservationPlan,
  source: MetricsSource,
  clock: Clock,
  onTick: (tick: TickResult) => void = () => {},
): Promise<ObservationResult> {
  const ticks: TickResult[] = [];
  const warnings = new Set<string>();
  for (const at of tickTimes(plan)) {
    const wait = at.getTime() - clock.now().getTime();
    if (wait > 0) await clock.sleep(wait);
    const evaluations: RuleEvaluation[] = [];
    for (const rule of rules) evaluations.push(evaluateRule(rule, await fetchRuleData(rule, at, source, warnings), at));
    const tick = { at: at.toISOString(), evaluations };
    ticks.push(tick);
    onTick(tick);
    if (evaluations.some((e) => e.verdict === "fire")) break;
  }
  return {
    ...concludeObservation(ticks),
    ticks,
    measurements: ticks.flatMap((t) => t.evaluations.flatMap((e) => e.measurements)),
    warnings: [...warnings],
  };
}
