import type { CommandSpec } from "./command.ts";

/**
 * Every CLI command, loaded only when called so that `shipgate --help` and each command start fast.
 * A capability adds one row here.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandSpec>;
}

export const commands: CommandEntry[] = [
  {
    name: "coverage",
    summary: "Check unit-test coverage reports against thresholds",
    load: async () => (await import("./coverage.ts")).coverageCommand,
  },
  { name: "incident open", summary: "Open the incident issue of a failed workflow run", load: async () => (await import("./incident.ts")).incidentOpenCommand },
  { name: "incident resolve", summary: "Close the incident of a workflow that succeeded again", load: async () => (await import("./incident.ts")).incidentResolveCommand },
  { name: "incident sla-watch", summary: "Label and escalate incidents past their SLA", load: async () => (await import("./incident.ts")).incidentSlaWatchCommand },
  { name: "metrics", summary: "Evaluate the rollback rules against Prometheus", load: async () => (await import("./metrics.ts")).metricsCommand },
  { name: "security", summary: "Check security scanner reports against per-severity thresholds", load: async () => (await import("./security.ts")).securityCommand },
  { name: "window check", summary: "Tell whether a deploy or maintenance window is open", load: async () => (await import("./window.ts")).windowCheckCommand },
];
