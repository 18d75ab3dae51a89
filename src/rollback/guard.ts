/** The use case behind `shipgate metrics` and the rollback-guard action: observe the rules against Prometheus. */
import type { GateResult } from "../core/result.ts";
import { createPrometheusClient } from "../net/prometheus.ts";
import { observe, type Clock, type ObservationPlan, type ObservationResult, type TickResult } from "./observe.ts";
import { guardResult } from "./report.ts";
import type { GuardSettings } from "./settings.ts";

export interface GuardRun {
  result: ObservationResult;
  gate: GateResult;
  server: string;
}

export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export async function runGuard(settings: GuardSettings, plan: ObservationPlan, clock: Clock, onTick?: (tick: TickResult) => void): Promise<GuardRun> {
  const client = createPrometheusClient(settings.client);
  const result = await observe(settings.rules, plan, client, clock, onTick);
  return { result, gate: guardResult(result, plan, client.url), server: client.url };
}

/** The JSON document of `shipgate metrics --json`; the action's `measurements` output is its measurements list. */
export function guardJson(run: GuardRun, plan: ObservationPlan): Record<string, unknown> {
  const { result } = run;
  return {
    status: run.gate.status,
    rollback: result.rollback,
    verdict: result.verdict,
    firedRule: result.firedRule,
    firedAt: result.firedAt,
    reason: result.reason,
    prometheus: run.server,
    start: plan.start.toISOString(),
    once: plan.once,
    evaluations: result.ticks.length,
    warnings: result.warnings,
    measurements: result.measurements,
  };
}
