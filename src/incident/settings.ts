/** The `incidents:` policy section, checked and converted once into IncidentSettings. */
import { UserError } from "../core/errors.ts";
import type { IncidentsPolicy } from "../policy/types.ts";
import { requireDuration } from "../core/duration.ts";
import { SEVERITIES, type IncidentSettings, type Severity, type Sla } from "./model.ts";

/** GitHub logins without the @ (assignees are logins; mentions add the @ back). */
function login(name: string): string {
  return name.replace(/^@/, "");
}

function labelName(name: string, where: string): string {
  // The issues list API takes labels as a comma-separated list: a comma would split one label into two.
  if (name.includes(",")) throw new UserError(`${where}: a label name cannot contain a comma ("${name}")`);
  return name.trim();
}

export function resolveIncidentSettings(policy: IncidentsPolicy, where: string, timezone = "UTC"): IncidentSettings {
  const key = `${where}: incidents`;
  const sla = {} as Record<Severity, Sla>;
  for (const severity of SEVERITIES) {
    const entry = policy.sla[severity];
    const responseSeconds = requireDuration(entry.response, `${key}.sla.${severity}.response`) / 1000;
    const resolutionSeconds = entry.resolution === undefined ? null : requireDuration(entry.resolution, `${key}.sla.${severity}.resolution`) / 1000;
    if (resolutionSeconds !== null && resolutionSeconds < responseSeconds) throw new UserError(`${key}.sla.${severity}: resolution is shorter than response`);
    sla[severity] = { responseSeconds, resolutionSeconds };
  }
  return {
    rules: policy.rules.map((rule, index) => ({
      name: rule.name ?? `rule ${index + 1}`,
      ...(rule.environment ? { environment: rule.environment } : {}),
      ...(rule.workflow ? { workflow: rule.workflow } : {}),
      ...(rule.branch ? { branch: rule.branch } : {}),
      severity: rule.severity,
      ...(rule.assignees ? { assignees: rule.assignees.map(login) } : {}),
    })),
    defaultSeverity: policy["default-severity"],
    sla,
    keyTemplate: policy["dedup-key"],
    flapWindowSeconds: requireDuration(policy["flap-window"], `${key}.flap-window`) / 1000,
    onCall: policy["on-call"].map(login),
    escalation: policy.escalation.map(login),
    postMortem: policy["post-mortem"],
    labels: {
      incident: labelName(policy.labels.incident, `${key}.labels.incident`),
      slaBreached: labelName(policy.labels["sla-breached"], `${key}.labels.sla-breached`),
      followUp: labelName(policy.labels["follow-up"], `${key}.labels.follow-up`),
    },
    timezone,
  };
}
