/** The security gate's front door: action `security-gate`, `shipgate security`, the preflight's security entry. */
import type { Capability } from "../core/capability.ts";
import { checkNameOption, configOption, checkRunTokenOption } from "../core/common-options.ts";
import { invalid, list, wholeNumber, type ValueType } from "../core/options.ts";
import type { Policy } from "../policy/types.ts";
import { gateText } from "../report/text.ts";
import { runSecurityGate, type SecurityGateInput, type SecurityGateOutcome } from "./run.ts";
import { SEVERITIES, type Severity } from "./types.ts";

/** A threshold: a whole number >= 0, or "unlimited" (null) to lift the policy file's limit. */
const limit: ValueType<number | null> = {
  placeholder: "N",
  expected: 'a whole number >= 0 or "unlimited"',
  kind: "text",
  parse: (raw) => (/^unlimited$/i.test(raw) ? null : /^\d+$/.test(raw) ? Number(raw) : invalid()),
  schema: { type: "integer", minimum: 0 },
};

const limitOption = (severity: Severity, findings: string, fallback: string) => ({
  type: limit,
  policy: `gates.security.max-${severity}`,
  description: `Most ${findings} allowed, or "unlimited". Overrides the policy (default ${fallback}).`,
});

const options = {
  reports: {
    type: list("REPORT", "report files or glob patterns"),
    positional: true,
    policy: "gates.security.reports",
    description: "Report files or glob patterns (SARIF, npm audit, Trivy, OSV-Scanner). Defaults to gates.security.reports of the policy file.",
  },
  "max-critical": limitOption("critical", "critical findings", "0"),
  "max-high": limitOption("high", "high findings", "unlimited"),
  "max-medium": limitOption("medium", "medium findings", "unlimited"),
  "max-low": limitOption("low", "low findings", "unlimited"),
  "max-unknown": limitOption("unknown", "findings without a severity", "unlimited"),
  "max-report-mb": { type: wholeNumber({ min: 1, max: 2048 }, "MB"), policy: "gates.security.max-report-mb", description: "Largest report read, in MiB (default 100)." },
  config: configOption,
  token: { ...checkRunTokenOption, description: "GitHub token to publish a check run (needs checks write). Without it, only the summary, annotations and exit code report the verdict." },
  "check-name": checkNameOption("shipgate / security"),
};

export const securityDoor: Capability<typeof options, Omit<SecurityGateInput, "now">, SecurityGateOutcome, Policy> = {
  name: "security",
  options,
  action: {
    name: "security-gate",
    title: "shipgate security gate",
    description:
      "Fails when security scanner reports (SARIF 2.1.0, npm audit JSON v1/v2, Trivy JSON, OSV-Scanner JSON) hold more findings of a severity than allowed (no critical finding by default). Unreadable or unrecognised reports fail the step. Accepted findings with a reason and an expiry date come from the policy file. Permissions: contents: read; checks: write only to publish a check run (with the token input).",
    checkName: "shipgate / security",
    branding: { icon: "shield", color: "red" },
    outputs: {
      critical: "Number of critical findings not accepted.",
      high: "Number of high findings not accepted.",
      medium: "Number of medium findings not accepted.",
      low: "Number of low findings not accepted.",
      unknown: "Number of findings without a severity, not accepted.",
      accepted: "Number of findings accepted by the policy file.",
    },
  },
  command: {
    details: [
      "Formats are recognised from the content: SARIF 2.1.0, `npm audit --json` (npm 6 and npm 7+), Trivy",
      "`--format json` and OSV-Scanner `--format json`. Without report arguments, gates.security.reports of the",
      "policy file is used. A missing, empty, truncated, binary or unrecognised report is an error (exit 2),",
      "never a pass. By default no critical finding is allowed and other severities are unlimited.",
      "",
      "Example: shipgate security results.sarif npm-audit.json --max-high 0 --json",
    ].join("\n"),
  },
  settings(values, scope) {
    const overrides: SecurityGateInput["overrides"] = {};
    for (const severity of SEVERITIES) {
      const value = values[`max-${severity}`];
      if (value !== undefined) overrides[severity] = value;
    }
    // Without a root option the root is the door's base directory: typed report paths and the policy's resolve alike.
    return {
      reports: values.reports ?? [],
      cwd: scope.root,
      policy: scope.policy.gates.security,
      overrides,
      ...(values["max-report-mb"] !== undefined ? { maxReportMb: values["max-report-mb"] } : {}),
    };
  },
  run: (settings, invocation) => runSecurityGate({ ...settings, now: invocation.now }),
  present(outcome) {
    const { result } = outcome;
    return {
      results: [result],
      outputs: { ...outcome.counts, accepted: outcome.accepted },
      json: {
        status: result.status,
        title: result.title,
        counts: outcome.counts,
        accepted: outcome.accepted,
        expired: result.metrics.expired,
        reports: outcome.reports.map((r) => ({ file: r.report, format: r.format, tool: r.tool, findings: r.findings.length, suppressed: r.suppressed })),
        findings: outcome.findings,
        gate: result,
      },
      text: gateText(result, { details: [`counts: ${SEVERITIES.map((s) => `${s} ${outcome.counts[s]}`).join(", ")}; accepted ${outcome.accepted}`] }),
    };
  },
  preflight: (policy) => policy.gates.security.enabled && (policy.gates.security.reports ?? []).length > 0,
};
