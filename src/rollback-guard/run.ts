/** The use case behind `shipgate rollback-guard` and the rollback-guard action: observe the rules against Prometheus. */
import type { Invocation } from "../core/capability.ts";
import type { GateResult } from "../core/result.ts";
import { createPrometheusClient } from "../net/prometheus.ts";
import { formatValue } from "./evaluate.ts";
import { observe, type ObservationPlan, type ObservationResult } from "./observe.ts";
import { guardResult } from "./report.ts";
import type { GuardSettings } from "./settings.ts";

export interface GuardRun {
  result: ObservationResult;
  gate: GateResult;
  server: string;
}

/** Observes on the door's clock, logging each evaluation as it happens (the step log; stderr in the CLI's text mode). */
export async function runGuard(settings: GuardSettings, plan: ObservationPlan, invocation: Pick<Invocation, "clock" | "sleep" | "log">): Promise<GuardRun> {
  const client = createPrometheusClient(settings.client);
  const result = await observe(settings.rules, plan, client, { now: invocation.clock, sleep: invocation.sleep }, (tick) => {
    const line = tick.evaluations.map((e) => `${e.rule}=${e.verdict} (${e.measurements.map((m) => formatValue(m.value)).join(", ")})`).join("; ");
    invocation.log(`${tick.at}: ${line}`);
  });
  return { result, gate: guardResult(result, plan, client.url), server: client.url };
}

/** The JSON document of `shipgate rollback-guard --json`; the action's `measurements` output is its measurements list. */
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
