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
  /** Option values a subcommand fixes, e.g. `incident open` is the door with mode "open". */
  fixed?: Record<string, string>;
  load: () => Promise<AnyCapability<Policy>>;
}

export const doors: DoorEntry[] = [
  { command: "preflight", summary: "Run every gate the policy file enables, as the umbrella action does", load: async () => (await import("./preflight/door.ts")).preflightDoor },
  { command: "window check", summary: "Tell whether a deploy or maintenance window is open", load: async () => (await import("./window/door.ts")).windowDoor },
  { command: "rollback-guard", summary: "Evaluate the rollback rules against Prometheus (the rollback guard)", load: async () => (await import("./rollback-guard/door.ts")).rollbackGuardDoor },
  {
    command: "metrics",
    summary: "Evaluate the rollback rules against Prometheus (the rollback guard)",
    renamedTo: "rollback-guard",
    load: async () => (await import("./rollback-guard/door.ts")).rollbackGuardDoor,
  },
  { command: "coverage", summary: "Check unit-test coverage reports against thresholds", load: async () => (await import("./coverage/door.ts")).coverageDoor },
];
