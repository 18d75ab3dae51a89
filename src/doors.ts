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
  { command: "coverage", summary: "Check unit-test coverage reports against thresholds", load: async () => (await import("./coverage/door.ts")).coverageDoor },
  { command: "version next", summary: "Compute the next semver version from conventional commits", load: async () => (await import("./version/door.ts")).versionDoor },
  { command: "changelog", summary: "Render release notes and CHANGELOG.md sections from conventional commits", load: async () => (await import("./changelog/door.ts")).changelogDoor },
  { command: "release", summary: "Tag the next version and publish its GitHub release (idempotent; --dry-run)", load: async () => (await import("./release/door.ts")).releaseDoor },
];
