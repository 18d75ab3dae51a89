import { UserError } from "../core/errors.ts";
import { loadPolicy } from "../policy/load.ts";
import { gateText } from "../report/text.ts";
import { runSecurityGate } from "../security/run.ts";
import { SEVERITIES, type Severity } from "../security/types.ts";
import type { CommandSpec, OptionSpec } from "./command.ts";
import { configOption } from "./options.ts";

function limitOption(what: string): OptionSpec {
  return { type: "string", valueName: "N", description: `Most ${what} findings allowed, or "unlimited" (overrides the policy)` };
}

/** A threshold flag: a whole number >= 0, or "unlimited". */
function parseLimit(name: string, value: string): number | null {
  if (/^unlimited$/i.test(value.trim())) return null;
  if (!/^\d+$/.test(value.trim())) throw new UserError(`--${name}: expected a whole number >= 0 or "unlimited", got "${value}"`);
  return Number(value.trim());
}

export const securityCommand: CommandSpec = {
  name: "security",
  summary: "Check security scanner reports (SARIF, npm audit, Trivy, OSV-Scanner) against per-severity thresholds",
  usage: "[<report>...] [options]",
  details: [
    "Formats are recognised from the content: SARIF 2.1.0, `npm audit --json` (npm 6 and npm 7+), Trivy",
    "`--format json` and OSV-Scanner `--format json`. Without report arguments, gates.security.reports of the",
    "policy file is used. A missing, empty, truncated, binary or unrecognised report is an error (exit 2),",
    "never a pass. By default no critical finding is allowed and other severities are unlimited.",
    "",
    "Example: shipgate security results.sarif npm-audit.json --max-high 0 --json",
  ].join("\n"),
  options: {
    config: configOption,
    "max-critical": limitOption("critical"),
    "max-high": limitOption("high"),
    "max-medium": limitOption("medium"),
    "max-low": limitOption("low"),
    "max-unknown": limitOption("unknown-severity"),
    "max-report-mb": { type: "string", valueName: "MB", description: "Largest report read, in MiB (default 100)" },
  },
  positionals: { min: 0 },
  async run(input) {
    const { policy } = await loadPolicy({ cwd: input.cwd, ...(typeof input.options.config === "string" ? { file: input.options.config } : {}) });
    const overrides: Partial<Record<Severity, number | null>> = {};
    for (const severity of SEVERITIES) {
      const value = input.options[`max-${severity}`];
      if (typeof value === "string") overrides[severity] = parseLimit(`max-${severity}`, value);
    }
    const rawMb = input.options["max-report-mb"];
    let maxReportMb: number | undefined;
    if (typeof rawMb === "string") {
      if (!/^\d+$/.test(rawMb.trim()) || Number(rawMb) < 1) throw new UserError(`--max-report-mb: expected a whole number >= 1, got "${rawMb}"`);
      maxReportMb = Number(rawMb);
    }
    const outcome = await runSecurityGate({
      reports: input.positionals,
      cwd: input.cwd,
      policy: policy.gates.security,
      overrides,
      ...(maxReportMb !== undefined ? { maxReportMb } : {}),
      now: input.now,
    });
    const { result } = outcome;
    const json = {
      status: result.status,
      title: result.title,
      counts: outcome.counts,
      accepted: outcome.accepted,
      expired: result.metrics.expired,
      reports: outcome.reports.map((r) => ({ file: r.report, format: r.format, tool: r.tool, findings: r.findings.length, suppressed: r.suppressed })),
      findings: outcome.findings,
      gate: result,
    };
    const details = [`counts: ${SEVERITIES.map((s) => `${s} ${outcome.counts[s]}`).join(", ")}; accepted ${outcome.accepted}`];
    return { exitCode: result.status === "fail" ? 1 : 0, json, text: gateText(result, { details }) };
  },
};
