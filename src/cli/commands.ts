import type { CommandSpec } from "./command.ts";
import { commandOf } from "./door.ts";
import { doors } from "../doors.ts";

/**
 * Every CLI command, loaded only when called so that `shipgate --help` and each command start fast: one per
 * front door (src/doors.ts).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  renamedTo?: string;
  load: () => Promise<CommandSpec>;
}

/** Commands not yet derived from a front door. */
const legacy: CommandEntry[] = [
  { name: "incident open", summary: "Open the incident issue of a failed workflow run", load: async () => (await import("./incident.ts")).incidentOpenCommand },
  { name: "incident resolve", summary: "Close the incident of a workflow that succeeded again", load: async () => (await import("./incident.ts")).incidentResolveCommand },
  { name: "incident reconcile", summary: "One incident per failing subject (e.g. certificate)", load: async () => (await import("./incident.ts")).incidentReconcileCommand },
  { name: "incident sla-watch", summary: "Label and escalate incidents past their SLA", load: async () => (await import("./incident.ts")).incidentSlaWatchCommand },
];

export const commands: CommandEntry[] = [
  ...doors.map((entry) => ({
    name: entry.command,
    summary: entry.summary,
    ...(entry.renamedTo ? { renamedTo: entry.renamedTo } : {}),
    load: async () => commandOf(await entry.load(), entry),
  })),
  ...legacy,
].sort((a, b) => a.name.localeCompare(b.name));
