/** Severity from the policy's rules, and the SLA deadlines that follow from it. */
import { matchesName } from "./glob.ts";
import type { IncidentSettings, RunInfo, Severity, SeverityRule } from "./model.ts";

export interface Classification {
  severity: Severity;
  /** The rule that matched, or null for the default severity. */
  rule: string | null;
  assignees: string[];
}

function matchesAny(patterns: string[] | undefined, name: string): boolean {
  return patterns === undefined || patterns.some((pattern) => matchesName(pattern, name));
}

function matches(rule: SeverityRule, run: RunInfo): boolean {
  return matchesAny(rule.environment, run.environment) && matchesAny(rule.workflow, run.workflow) && matchesAny(rule.branch, run.branch);
}

export function classify(settings: IncidentSettings, run: RunInfo): Classification {
  const rule = settings.rules.find((candidate) => matches(candidate, run));
  if (!rule) return { severity: settings.defaultSeverity, rule: null, assignees: settings.onCall };
  return { severity: rule.severity, rule: rule.name, assignees: rule.assignees ?? settings.onCall };
}

export interface Deadlines {
  responseDue: string;
  resolutionDue: string | null;
}

export function deadlines(settings: IncidentSettings, severity: Severity, openedAt: Date): Deadlines {
  const sla = settings.sla[severity];
  const after = (seconds: number) => new Date(openedAt.getTime() + seconds * 1000).toISOString();
  return { responseDue: after(sla.responseSeconds), resolutionDue: sla.resolutionSeconds === null ? null : after(sla.resolutionSeconds) };
}
