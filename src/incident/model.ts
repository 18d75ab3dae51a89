/** The data the incident use cases work on: what failed or succeeded, and the incident settings. */
import type { IncidentSeverity } from "../policy/types.ts";

export type Severity = IncidentSeverity;
export const SEVERITIES: readonly Severity[] = ["P1", "P2", "P3", "P4"];

/** One workflow run as the runner (or the CLI's options) describes it. Text fields are untrusted. */
export interface RunInfo {
  repository: string;
  workflow: string;
  environment: string;
  branch: string;
  event: string;
  runId: string;
  runAttempt: number;
  runUrl: string;
  sha: string;
  actor: string;
  commitMessage: string;
  /** Set when the run reports on one of several subjects (src/incident/subjects.ts): its key replaces the template's. */
  subject?: Subject;
}

/** One thing a run checked (a certificate target, say); untrusted text, rendered inert. */
export interface Subject {
  key: string;
  title: string;
  failed: boolean;
  details: string[];
}

export interface SeverityRule {
  name: string;
  environment?: string[];
  workflow?: string[];
  branch?: string[];
  severity: Severity;
  assignees?: string[];
}

export interface Sla {
  responseSeconds: number;
  resolutionSeconds: number | null;
}

/** The `incidents:` policy section resolved: durations in seconds, names checked. */
export interface IncidentSettings {
  rules: SeverityRule[];
  defaultSeverity: Severity;
  sla: Record<Severity, Sla>;
  keyTemplate: string;
  flapWindowSeconds: number;
  onCall: string[];
  escalation: string[];
  postMortem: Severity[];
  labels: { incident: string; slaBreached: string; followUp: string };
  /** The policy's time zone (windows.timezone): times in issue bodies are shown in it, with UTC beside. */
  timezone: string;
}

/** What `incident open|resolve|sla-watch` did, for outputs and --json. */
export type ActionTaken = "opened" | "commented" | "reopened" | "closed" | "none";
