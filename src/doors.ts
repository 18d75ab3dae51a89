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
  { command: "window check", summary: "Tell whether a deploy or maintenance window is open", load: async () => (await import("./window/door.ts")).windowDoor },
  { command: "rollback-guard", summary: "Evaluate the rollback rules against Prometheus (the rollback guard)", load: async () => (await import("./rollback-guard/door.ts")).rollbackGuardDoor },
  {
    command: "metrics",
    summary: "Evaluate the rollback rules against Prometheus (the rollback guard)",
    renamedTo: "rollback-guard",
    load: async () => (await import("./rollback-guard/door.ts")).rollbackGuardDoor,
  },
  { command: "rollout", summary: "Canary steps or a blue-green switch: shift, analyse, promote or roll back", load: async () => (await import("./rollout/door.ts")).rolloutDoor },
  { command: "incident open", summary: "Open the incident issue of a failed workflow run", fixed: { mode: "failure" }, load: async () => (await import("./incident/door.ts")).incidentDoor },
  { command: "incident resolve", summary: "Close the incident of a workflow that succeeded again", fixed: { mode: "success" }, load: async () => (await import("./incident/door.ts")).incidentDoor },
  { command: "incident reconcile", summary: "One incident per failing subject (e.g. certificate)", fixed: { mode: "reconcile" }, load: async () => (await import("./incident/door.ts")).incidentDoor },
  { command: "incident sla-watch", summary: "Label and escalate incidents past their SLA", fixed: { mode: "sla-watch" }, load: async () => (await import("./incident/door.ts")).incidentDoor },
  { command: "coverage", summary: "Check unit-test coverage reports against thresholds", load: async () => (await import("./coverage/door.ts")).coverageDoor },
  ...(["start", "hotfix", "finish"] as const).map((mode) => ({
    command: `release-branch ${mode}`,
    summary: {
      start: "Cut the release branch from development: version files bumped, pull request into production",
      hotfix: "Cut the hotfix branch from production: patch version, pull request into production",
      finish: "Finish a merged release or hotfix branch: tag, GitHub release, back-merge (idempotent; --dry-run)",
    }[mode],
    fixed: { mode },
    load: async () => (await import("./release-branch/door.ts")).releaseBranchDoor,
  })),
  { command: "certs", summary: "Check TLS certificates of servers and PEM files for expiry and trust", load: async () => (await import("./certs/door.ts")).certsDoor },
  { command: "health", summary: "Check health endpoints after a deploy (status, body, version, latency)", load: async () => (await import("./health/door.ts")).healthDoor },
  { command: "security", summary: "Check security scanner reports against per-severity thresholds", load: async () => (await import("./security/door.ts")).securityDoor },
  { command: "approvals", summary: "Check a pull request's code-review approvals as GitHub counts them", load: async () => (await import("./approvals/door.ts")).approvalsDoor },
  { command: "go-no-go", summary: "Decide go or no-go for a commit: blocking issues, required checks, staging", load: async () => (await import("./go-no-go/door.ts")).goNoGoDoor },
  { command: "version next", summary: "Compute the next semver version from conventional commits", load: async () => (await import("./version/door.ts")).versionDoor },
  { command: "changelog", summary: "Render release notes and CHANGELOG.md sections from conventional commits", load: async () => (await import("./changelog/door.ts")).changelogDoor },
  { command: "dora", summary: "DORA metrics, deployment success and incidents per week; the weekly delivery report", load: async () => (await import("./analytics/door.ts")).analyticsDoor },
  { command: "runbook", summary: "Runbooks as tracked checklists: open each occurrence's issue, tick automated items, close or escalate", load: async () => (await import("./runbooks/door.ts")).runbookDoor },
  { command: "release", summary: "Tag the next version and publish its GitHub release (idempotent; --dry-run)", load: async () => (await import("./release/door.ts")).releaseDoor },
];
