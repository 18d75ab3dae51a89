import type { ActionDefinition } from "../actions/run-action.ts";
import { UserError } from "../core/errors.ts";
import { loadPolicy } from "../policy/load.ts";
import { planHealth, runHealth, type HealthPlan } from "./gate.ts";

/** The `health-check` action: inputs override `health:` of the policy file. */
export const healthCheckAction: ActionDefinition<HealthPlan> = {
  name: "health-check",
  async readSettings({ inputs, run }) {
    const config = inputs.string("config");
    const { policy } = await loadPolicy({ cwd: run.workspace, ...(config ? { file: config } : {}) });
    const version = inputs.string("version");
    const status = inputs.string("status");
    const followRedirects = inputs.boolean("follow-redirects");
    const urls = inputs.list("urls") ?? [];
    if (status && urls.length === 0) throw new UserError('input "status" applies to the `urls` input; endpoints of the policy file carry their own status');
    return planHealth(policy.health, {
      urls,
      ...(status ? { status } : {}),
      ...(version ? { expectedVersion: version } : {}),
      ...(followRedirects !== undefined ? { followRedirects } : {}),
      timeoutMs: inputs.number("timeout", { min: 100, max: 600000, integer: true }),
      retries: inputs.number("retries", { min: 0, max: 100, integer: true }),
      budgetMs: inputs.number("budget", { min: 100, max: 3600000, integer: true }),
      concurrency: inputs.number("concurrency", { min: 1, max: 64, integer: true }),
    });
  },
  async run(plan, { run }) {
    const { result, outputs } = await runHealth(plan, { cwd: run.workspace });
    return { results: [result], checkName: "shipgate / health", outputs };
  },
};
