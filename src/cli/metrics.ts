import type { CommandSpec } from "./command.ts";
import { loadPolicy } from "../policy/load.ts";
import { gateText } from "../report/text.ts";
import { guardJson, realClock, runGuard } from "../rollback/guard.ts";
import { measurementLines } from "../rollback/report.ts";
import { requireInstant } from "../core/instant.ts";
import { resolveGuardSettings } from "../rollback/settings.ts";
import { configOption } from "./options.ts";

export const metricsCommand: CommandSpec = {
  name: "metrics",
  summary: "Evaluate the rollback rules against Prometheus (the rollback guard)",
  usage: "[--config FILE] [--prometheus URL] [--at ISO] [--once] [--json]",
  details: [
    "Rules, the observation period and the interval come from the `rollback:` section of the policy file.",
    "Without --once the rules are evaluated every interval until the observation period ends or a rule fires,",
    "so the command waits up to the observation period; evaluation times already in the past (an --at in the",
    "past) run at once. Credentials come from the environment variables the policy names",
    "(rollback.prometheus.bearer-token-env, username-env, password-env).",
    "Exit code 1 means roll back; 0 healthy or inconclusive (see `verdict`).",
  ].join("\n"),
  options: {
    config: configOption,
    prometheus: { type: "string", valueName: "URL", description: "Prometheus base URL; overrides rollback.prometheus.url" },
    at: { type: "string", valueName: "ISO", description: "Start of the observation, or the time of the one evaluation with --once (default now)" },
    once: { type: "boolean", description: "Evaluate the rules once at --at instead of observing" },
  },
  positionals: { min: 0, max: 0 },
  async run(input) {
    const loaded = await loadPolicy({ file: input.options.config as string | undefined, cwd: input.cwd });
    const where = loaded.source ?? "built-in defaults (no .github/shipgate.yml)";
    const url = input.options.prometheus as string | undefined;
    const settings = resolveGuardSettings(loaded.policy.rollback, where, url ? { url } : {}, input.env);
    const at = input.options.at as string | undefined;
    const plan = {
      start: at ? requireInstant(at, "--at") : input.now,
      observationSeconds: settings.observationSeconds,
      intervalSeconds: settings.intervalSeconds,
      once: input.options.once === true,
    };
    const run = await runGuard(settings, plan, realClock);
    return {
      exitCode: run.result.rollback ? 1 : 0,
      json: guardJson(run, plan),
      text: gateText(run.gate, { details: measurementLines(run.result.measurements) }),
    };
  },
};
