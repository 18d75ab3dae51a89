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
  { name: "approvals", summary: "Check a pull request's code-review approvals as GitHub counts them", load: async () => (await import("./approvals.ts")).approvalsCommand },
  { name: "certs", summary: "Check TLS certificates of servers and PEM files for expiry and trust", load: async () => (await import("./certs.ts")).certsCommand },
  { name: "go-no-go", summary: "Decide go or no-go for a commit: blocking issues, required checks, staging", load: async () => (await import("./go-no-go.ts")).goNoGoCommand },
  { name: "health", summary: "Check health endpoints after a deploy (status, body, version, latency)", load: async () => (await import("./health.ts")).healthCommand },
  { name: "metrics", summary: "Evaluate the rollback rules against Prometheus", load: async () => (await import("./metrics.ts")).metricsCommand },
  { name: "security", summary: "Check security scanner reports against per-severity thresholds", load: async () => (await import("./security.ts")).securityCommand },
  { name: "window check", summary: "Tell whether a deploy or maintenance window is open", load: async () => (await import("./window.ts")).windowCheckCommand },
  { name: "version next", summary: "Compute the next semver version from conventional commits", load: async () => (await import("./version.ts")).versionNextCommand },
  { name: "changelog", summary: "Render release notes and CHANGELOG.md sections from conventional commits", load: async () => (await import("./changelog.ts")).changelogCommand },
  { name: "release", summary: "Tag the next version and publish its GitHub release (idempotent; --dry-run)", load: async () => (await import("./release.ts")).releaseCommand },
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
