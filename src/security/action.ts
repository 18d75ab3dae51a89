import type { ActionDefinition } from "../actions/run-action.ts";
import { UserError } from "../core/errors.ts";
import { loadPolicy } from "../policy/load.ts";
import type { SecurityPolicy } from "../policy/types.ts";
import { runSecurityGate } from "./run.ts";
import { SEVERITIES, type Severity } from "./types.ts";

interface SecurityActionSettings {
  reports: string[];
  policy: SecurityPolicy;
  overrides: Partial<Record<Severity, number | null>>;
  maxReportMb?: number;
  checkName: string;
}

/** The `security-gate` action: the same use case as `shipgate security`, published as a check run and summary. */
export const securityGateAction: ActionDefinition<SecurityActionSettings> = {
  name: "security-gate",
  async readSettings(context) {
    const { inputs } = context;
    const config = inputs.string("config");
    const { policy } = await loadPolicy({ cwd: context.run.workspace, ...(config ? { file: config } : {}) });
    const overrides: Partial<Record<Severity, number | null>> = {};
    for (const severity of SEVERITIES) {
      const name = `max-${severity}`;
      const raw = inputs.string(name);
      if (raw === undefined) continue;
      if (/^unlimited$/i.test(raw)) overrides[severity] = null;
      else if (/^\d+$/.test(raw)) overrides[severity] = Number(raw);
      else throw new UserError(`input "${name}": expected a whole number >= 0 or "unlimited", got "${raw}"`);
    }
    const maxReportMb = inputs.number("max-report-mb", { min: 1, max: 2048, integer: true });
    return {
      reports: inputs.list("reports") ?? [],
      policy: policy.gates.security,
      overrides,
      ...(maxReportMb !== undefined ? { maxReportMb } : {}),
      checkName: inputs.string("check-name") ?? "shipgate / security",
    };
  },
  async run(settings, context) {
    const outcome = await runSecurityGate({
      reports: settings.reports,
      cwd: context.run.workspace,
      policy: settings.policy,
      overrides: settings.overrides,
      ...(settings.maxReportMb !== undefined ? { maxReportMb: settings.maxReportMb } : {}),
      now: context.now,
    });
    return {
      results: [outcome.result],
      outputs: { ...outcome.counts, accepted: outcome.accepted, passed: outcome.result.status !== "fail" },
      checkName: settings.checkName,
    };
  },
};
