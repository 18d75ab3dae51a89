/**
 * Every capability's front door, loaded only when used so that `shipgate --help` and each command start fast.
 * The CLI's command table, the actions' metadata (action.yml) and the preflight derive from this one list.
 */
import type { AnyCapability } from "./core/capability.ts";
import type { Policy } from "./policy/types.ts";

export interface DoorEntry {
  /** The CLI command; the words after `shipgate`. */
  command: string;
  /** Shown by `shipgate --help` and atop the command's own --help. */
  summary: string;
  /** An old name that still works: left out of `shipgate --help`, says the new name on stderr. */
  renamedTo?: string;
  /** Option values a subcommand fixes, e.g. `incident open` is the door with mode "failure". */
  fixed?: Record<string, string>;
  load: () => Promise<AnyCapability<Policy>>;
}

export const doors: DoorEntry[] = [
  { command: "preflight", summary: "Run every gate the policy file enables, as the umbrella action does", load: async () => (await import("./preflight/door.ts")).preflightDoor },
  { command: "incident open", summary: "Open the incident issue of a failed workflow run", fixed: { mode: "failure" }, load: async () => (await import("./incident/door.ts")).incidentDoor },
  { command: "incident resolve", summary: "Close the incident of a workflow that succeeded again", fixed: { mode: "success" }, load: async () => (await import("./incident/door.ts")).incidentDoor },
  { command: "incident reconcile", summary: "One incident per failing subject (e.g. certificate)", fixed: { mode: "reconcile" }, load: async () => (await import("./incident/door.ts")).incidentDoor },
  { command: "incident sla-watch", summary: "Label and escalate incidents past their SLA", fixed: { mode: "sla-watch" }, load: async () => (await import("./incident/door.ts")).incidentDoor },
  { command: "coverage", summary: "Check unit-test coverage reports against thresholds", load: async () => (await import("./coverage/door.ts")).coverageDoor },
];
