/**
 * The rollback guard's front door: action `rollback-guard`, `shipgate rollback-guard` (formerly `shipgate metrics`).
 * The policy section keeps its name `rollback:`: renaming a key of users' policy files would break every existing one.
 */
import type { Capability } from "../core/capability.ts";
import { configOption, maskPrometheusCredential, prometheusOptions, prometheusOverrides } from "../core/common-options.ts";
import { requireInstant } from "../core/instant.ts";
import { duration, flag, optionLabel, text } from "../core/options.ts";
import type { Policy } from "../policy/types.ts";
import { gateText } from "../report/text.ts";
import type { ObservationPlan } from "./observe.ts";
import { measurementLines, selectMeasurements } from "./report.ts";
import { guardJson, runGuard, type GuardRun } from "./run.ts";
import { resolveGuardSettings, type GuardSettings } from "./settings.ts";

/** Step outputs share about 1 MB per job; a measurement is about 300 bytes of JSON. */
const MAX_OUTPUT_MEASUREMENTS = 1000;

const options = {
  config: { ...configOption, description: "Policy file with the `rollback:` section (default .github/shipgate.yml)." },
  ...prometheusOptions,
  observation: { type: duration(), policy: "rollback.observation", description: "How long to watch after the deploy, e.g. 10m; overrides rollback.observation." },
  interval: { type: duration({ min: 1000 }), policy: "rollback.interval", description: "Time between evaluations, e.g. 1m; overrides rollback.interval." },
  at: {
    type: text("ISO-8601", "an ISO-8601 time with a zone"),
    description: "Start of the observation as ISO-8601 with a zone (the deploy time), or the time of the one evaluation with `once`; default now. Evaluation times already past run at once.",
  },
  once: { type: flag, actionDefault: "false", description: "Evaluate the rules once at `at` instead of observing (true/false)." },
};

interface RollbackGuardSettings {
  guard: GuardSettings;
  plan: ObservationPlan;
}

export const rollbackGuardDoor: Capability<typeof options, RollbackGuardSettings, GuardRun, Policy> = {
  name: "rollback-guard",
  options,
  action: {
    name: "rollback-guard",
    title: "shipgate rollback guard",
    description:
      'Watches Prometheus after a deploy and decides whether to roll back: rules such as "error ratio above 1 % for 5 minutes" or "p95 latency above 2x baseline" from the `rollback:` section of .github/shipgate.yml, evaluated every interval during an observation period, with an explicit no-data policy per rule. The step fails when a rule fires (output rollback=true); it talks only to Prometheus, never to the GitHub API. Permissions: contents read for the policy file.',
    branding: { icon: "rotate-ccw", color: "red" },
    outputs: {
      rollback: "`true` when a rule fired (roll back), else `false`.",
      "fired-rule": "Name of the rule that fired; empty when none did.",
      verdict: "`rollback`, `healthy` or `inconclusive` (no rule fired, but a rule had no data at the last evaluation).",
      measurements: `JSON list of every measurement (at most ${MAX_OUTPUT_MEASUREMENTS}: then every breach and no-data, and as many ok ones as fit): {at, rule, series, value, threshold, baseline, samples, points, outcome, reason}; values are numbers, "+Inf"/"-Inf", or null for no data.`,
      status: "Gate status: `pass`, `warn` (inconclusive) or `fail` (roll back).",
      passed: "`false` when the guard decided to roll back.",
    },
  },
  command: {
    details: [
      "Rules, the observation period and the interval come from the `rollback:` section of the policy file.",
      "Without --once the rules are evaluated every interval until the observation period ends or a rule fires,",
      "so the command waits up to the observation period; evaluation times already in the past (an --at in the",
      "past) run at once. Credentials come from the environment variables the policy names",
      "(rollback.prometheus.bearer-token-env, username-env, password-env).",
      "Exit code 1 means roll back; 0 healthy or inconclusive (see `verdict`).",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const where = scope.policySource ?? "built-in defaults (no .github/shipgate.yml)";
    const guard = resolveGuardSettings(
      scope.policy.rollback,
      where,
      {
        ...prometheusOverrides(values),
        ...(values.observation !== undefined ? { observationMs: values.observation } : {}),
        ...(values.interval !== undefined ? { intervalMs: values.interval } : {}),
      },
      invocation.env,
      optionLabel(invocation.door, "prometheus-url", options["prometheus-url"]),
    );
    maskPrometheusCredential(invocation, guard.client.auth);
    return {
      guard,
      plan: {
        start: values.at === undefined ? invocation.now : requireInstant(values.at, optionLabel(invocation.door, "at", options.at)),
        observationSeconds: guard.observationSeconds,
        intervalSeconds: guard.intervalSeconds,
        once: values.once ?? false,
      },
    };
  },
  async run(settings, invocation) {
    const run = await runGuard(settings.guard, settings.plan, invocation);
    const omitted = run.result.measurements.length - Math.min(run.result.measurements.length, MAX_OUTPUT_MEASUREMENTS);
    if (invocation.door === "action" && omitted > 0) {
      invocation.warn(`The measurements output leaves out ${omitted} measurements with outcome ok; \`shipgate rollback-guard --json\` lists all.`);
    }
    return run;
  },
  present(run, settings, invocation) {
    return {
      results: [run.gate],
      outputs: {
        rollback: run.result.rollback,
        "fired-rule": run.result.firedRule ?? "",
        verdict: run.result.verdict,
        measurements: JSON.stringify(selectMeasurements(run.result.measurements, MAX_OUTPUT_MEASUREMENTS).shown),
      },
      json: guardJson(run, settings.plan),
      text: gateText(run.gate, { details: measurementLines(run.result.measurements) }),
      ...(invocation.clockNote ? { notes: [`> ${invocation.clockNote}`] } : {}),
    };
  },
};
