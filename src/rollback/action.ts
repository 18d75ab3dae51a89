/** The rollback-guard action: read inputs and the policy, observe the rules, publish the verdict and measurements. */
import { setSecret } from "@actions/core";
import type { ActionDefinition } from "../actions/run-action.ts";
import { loadPolicy } from "../policy/load.ts";
import { formatValue } from "./evaluate.ts";
import { realClock, runGuard } from "./guard.ts";
import { selectMeasurements } from "./report.ts";
import type { ObservationPlan } from "./observe.ts";
import { requireInstant } from "../core/instant.ts";
import { resolveGuardSettings, type GuardOverrides, type GuardSettings } from "./settings.ts";

/** Step outputs share about 1 MB per job; a measurement is about 300 bytes of JSON. */
const MAX_OUTPUT_MEASUREMENTS = 1000;

interface RollbackGuardSettings {
  guard: GuardSettings;
  plan: ObservationPlan;
}

export const rollbackGuardAction: ActionDefinition<RollbackGuardSettings> = {
  name: "rollback-guard",
  async readSettings(context) {
    const { inputs } = context;
    const secrets = { token: inputs.string("prometheus-token"), username: inputs.string("prometheus-username"), password: inputs.string("prometheus-password") };
    const masked = new Set<string>();
    const mask = (secret: string | undefined): void => {
      if (secret && !masked.has(secret)) setSecret(secret);
      if (secret) masked.add(secret);
    };
    mask(secrets.token);
    mask(secrets.password);
    const loaded = await loadPolicy({ file: inputs.string("config"), cwd: context.run.workspace });
    const overrides: GuardOverrides = {};
    const url = inputs.string("prometheus-url");
    if (url) overrides.url = url;
    if (secrets.token) overrides.token = secrets.token;
    if (secrets.username) overrides.username = secrets.username;
    if (secrets.password) overrides.password = secrets.password;
    const observation = inputs.string("observation");
    if (observation) overrides.observation = observation;
    const interval = inputs.string("interval");
    if (interval) overrides.interval = interval;
    const guard = resolveGuardSettings(loaded.policy.rollback, loaded.source ?? "built-in defaults (no .github/shipgate.yml)", overrides, context.env);
    // Credentials the policy names by environment variable are masked too, in case they are not GitHub secrets.
    if (guard.client.auth?.type === "bearer") mask(guard.client.auth.token);
    if (guard.client.auth?.type === "basic") mask(guard.client.auth.password);
    const at = inputs.string("at");
    return {
      guard,
      plan: {
        start: at ? requireInstant(at, 'input "at"') : context.now,
        observationSeconds: guard.observationSeconds,
        intervalSeconds: guard.intervalSeconds,
        once: inputs.boolean("once") ?? false,
      },
    };
  },
  async run(settings, context) {
    const run = await runGuard(settings.guard, settings.plan, realClock, (tick) => {
      const line = tick.evaluations.map((e) => `${e.rule}=${e.verdict} (${e.measurements.map((m) => formatValue(m.value)).join(", ")})`).join("; ");
      context.log(`${tick.at}: ${line}`);
    });
    const omitted = run.result.measurements.length - Math.min(run.result.measurements.length, MAX_OUTPUT_MEASUREMENTS);
    if (omitted > 0) context.warn(`The measurements output leaves out ${omitted} measurements with outcome ok; \`shipgate metrics --json\` lists all.`);
    return {
      results: [run.gate],
      outputs: {
        rollback: run.result.rollback,
        "fired-rule": run.result.firedRule ?? "",
        verdict: run.result.verdict,
        measurements: JSON.stringify(selectMeasurements(run.result.measurements, MAX_OUTPUT_MEASUREMENTS).shown),
      },
    };
  },
};
