/** The policy file after validation and defaults (see ./schema.ts; the two are kept in step by a test). */
import type { AccessReviewPolicy } from "./sections/access-review.ts";

export interface CoveragePolicy {
  enabled: boolean;
  reports: string[];
  format: "auto" | "lcov" | "cobertura" | "clover" | "jacoco" | "istanbul" | "go";
  lines: number;
  branches?: number;
  functions?: number;
  "per-file"?: number;
  patch?: number;
  "max-drop"?: number;
  baseline?: string;
  "worst-files": number;
}

export interface CertsPolicy {
  enabled: boolean;
  targets: string[];
  files: string[];
  "min-days": number;
  "warn-days": number;
  "ca-file"?: string;
  servername?: string;
  timeout: number;
  retries: number;
  concurrency: number;
  budget: number;
}

/** A status expectation: 200, "200-299", "200,204" or a list of these. */
export type HealthStatusSpec = number | string | (number | string)[];

export interface HealthEndpointPolicy {
  name?: string;
  url: string;
  method: "GET" | "HEAD";
  headers: Record<string, string>;
  status: HealthStatusSpec;
  "body-contains"?: string;
  "body-matches"?: string;
  json?: Record<string, unknown>;
  "version-json-path"?: string;
  "version-header"?: string;
  "max-latency"?: number;
  "follow-redirects"?: boolean;
}

export interface HealthPolicy {
  endpoints: HealthEndpointPolicy[];
  version?: string;
  timeout: number;
  retries: number;
  backoff: number;
  "max-backoff": number;
  budget: number;
  concurrency: number;
  "follow-redirects": boolean;
  "max-redirects": number;
  "max-body-bytes": number;
  "ca-file"?: string;
}

export interface RollbackRulePolicy {
  name: string;
  query: string;
  above?: number;
  "above-baseline"?: { factor: number; offset?: string; query?: string };
  for?: string;
  step: string;
  "min-samples"?: number;
  "no-data": "fail" | "pass" | "inconclusive";
}

export interface RollbackPolicy {
  prometheus: {
    url?: string;
    "bearer-token-env"?: string;
    "username-env"?: string;
    "password-env"?: string;
    timeout: string;
    retries: number;
  };
  observation: string;
  interval: string;
  rules: RollbackRulePolicy[];
}

export interface RolloutStepPolicy {
  weight: number;
  bake?: string;
  approve: boolean;
}

export interface RolloutMetricPolicy {
  name: string;
  canary: string;
  baseline: string;
  worse: "higher" | "lower" | "either";
  tolerance: number;
  critical: boolean;
}

export interface RolloutPolicy {
  strategy: "canary" | "blue-green";
  steps: RolloutStepPolicy[];
  interval: string;
  "max-wait": string;
  "command-timeout": string;
  commands: { traffic?: string[]; rollback?: string[]; deploy?: string[]; smoke?: string[]; retire?: string[] };
  rules?: RollbackRulePolicy[];
  metrics: RolloutMetricPolicy[];
  judge: {
    confidence: number;
    "min-samples": number;
    "no-data": "fail" | "marginal" | "pass";
    "pass-score": number;
    "marginal-score": number;
    "on-marginal": "hold" | "abort" | "promote";
  };
  health?: HealthEndpointPolicy[];
  "blue-green": { colours: [string, string]; bake: string; keep: string; approve: boolean };
  incident: boolean;
}

export interface SecurityAcceptancePolicy {
  id: string;
  package?: string;
  path?: string;
  reason: string;
  expires: string;
}

export interface SecurityPolicy {
  enabled: boolean;
  reports?: string[];
  "max-critical": number;
  "max-high"?: number;
  "max-medium"?: number;
  "max-low"?: number;
  "max-unknown"?: number;
  accept: SecurityAcceptancePolicy[];
  "max-report-mb": number;
}

export interface ApprovalsTeamRulePolicy {
  paths: string[];
  team: string;
  count: number;
}

export interface ApprovalsPolicy {
  enabled: boolean;
  required: number;
  "require-head-commit": boolean;
  "require-last-push-approval": boolean;
  "exclude-last-pusher": boolean;
  "require-write-access": boolean;
  "allowed-bots": string[];
  bots: "as-github" | "allowed-only";
  "github-rules": boolean;
  codeowners: boolean;
  "team-rules": ApprovalsTeamRulePolicy[];
  "block-on-change-requests": boolean;
}

export interface GoNoGoPolicy {
  enabled: boolean;
  "issue-rules": { name?: string; labels: string[]; max: number }[];
  "required-checks": string[];
  "passing-conclusions": ("success" | "neutral" | "skipped")[];
  staging: { required: boolean; environment: string };
}

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** A recurring window: occurrences start on matching local dates at `start` and end at `end` (next day when end <= start). */
export interface WindowSpec {
  name: string;
  days: Weekday[];
  /** The n-th matching weekday of the month (1..5), or from the end (-1 the last ... -5). */
  weeks?: number[];
  /** Local wall time "HH:MM". */
  start: string;
  end: string;
  /** IANA zone of this window; the section's `timezone` otherwise. */
  timezone?: string;
}

export interface FreezeSpec {
  name: string;
  /** Local date-time "YYYY-MM-DDTHH:MM" (or a date, or an instant with an offset). */
  from: string;
  to: string;
  timezone?: string;
}

export interface WindowsPolicy {
  timezone: string;
  deploy: WindowSpec[];
  maintenance: WindowSpec[];
  freezes: FreezeSpec[];
  /** Longest wait for the next opening, e.g. "2h" or "90m"; "0" fails at once. */
  wait: string;
  override: {
    enabled: boolean;
    label: string;
    comment: boolean;
    "disabled-environments": string[];
  };
}

export interface PreflightPolicy {
  comment: boolean;
}

export type BumpLevel = "major" | "minor" | "patch";

export interface ChangelogSectionPolicy {
  type: string;
  section: string;
  hidden?: boolean;
}

/** Link formats of conventional-changelog's conventionalcommits preset, with its `{{placeholders}}`. */
export interface ChangelogUrlsPolicy {
  commit: string;
  compare: string;
  issue: string;
  user: string;
}

export interface ChangelogPolicy {
  file: string;
  sections: ChangelogSectionPolicy[];
  "issue-prefixes": string[];
  urls: ChangelogUrlsPolicy;
}

export interface PackagePolicy {
  name: string;
  path: string;
  "tag-format": "{name}@{version}" | "{name}-v{version}" | "{name}/v{version}";
}

export interface ReleasePolicy {
  "tag-prefix": string;
  "initial-version": string;
  "pre-major-breaking": "minor" | "major";
  "pre-major-features": "minor" | "patch";
  bumps: Record<string, BumpLevel | "none">;
  prerelease: { branches: string[]; identifier: string };
  packages: PackagePolicy[];
  "squash-bullets": boolean;
  changelog: ChangelogPolicy;
  branches: ReleaseBranchesPolicy;
}

export interface ReleaseBranchesPolicy {
  development: string;
  production: string;
  /** Contains `{version}`. */
  release: string;
  hotfix: string;
  "version-files": string[];
  "delete-branch": boolean;
  "back-merge": boolean;
  changelog: boolean;
  "deploy-workflow": string;
  "deploy-inputs": Record<string, string>;
}

export type IncidentSeverity = "P1" | "P2" | "P3" | "P4";

export interface IncidentRulePolicy {
  name?: string;
  environment?: string[];
  workflow?: string[];
  branch?: string[];
  severity: IncidentSeverity;
  assignees?: string[];
}

export interface IncidentsPolicy {
  rules: IncidentRulePolicy[];
  "default-severity": IncidentSeverity;
  sla: Record<IncidentSeverity, { response: string; resolution?: string }>;
  "dedup-key": string;
  "flap-window": string;
  "on-call": string[];
  escalation: string[];
  "post-mortem": IncidentSeverity[];
  labels: { incident: string; "sla-breached": string; "follow-up": string };
}

export interface AnalyticsPolicy {
  timezone?: string;
  weeks: number;
  production: string[];
  environments: string[];
  "failure-window": string;
  lookback: string;
  "hotfix-refs": string[];
  "max-deployments": number;
  report: { label: string; title: string };
}

export interface ReportPolicy {
  mentions: "neutralise" | "keep";
}

export interface RunbookItemPolicy {
  id?: string;
  text: string;
  gate?: "certs" | "health" | "security" | "coverage";
  command?: { argv: string[]; timeout: string };
  "restore-test"?: { argv: string[]; rto: string; rpo?: string; timeout?: string };
}

export interface RunbookPolicy {
  name: string;
  title?: string;
  schedule?: string;
  timezone?: string;
  duration: string;
  due?: string;
  owners: string[];
  "on-missed": { label: string; comment: boolean; assignees: string[]; mention: string[] };
  generate?: "access-review";
  "access-review": AccessReviewPolicy;
  items: RunbookItemPolicy[];
}

export interface RunbooksPolicy {
  label: string;
  "release-checklist"?: string;
  list: RunbookPolicy[];
}

export interface Policy {
  preflight: PreflightPolicy;
  gates: {
    coverage: CoveragePolicy;
    certs: CertsPolicy;
    security: SecurityPolicy;
    approvals: ApprovalsPolicy;
    "go-no-go": GoNoGoPolicy;
  };
  health: HealthPolicy;
  rollback: RollbackPolicy;
  rollout: RolloutPolicy;
  windows: WindowsPolicy;
  release: ReleasePolicy;
  incidents: IncidentsPolicy;
  analytics: AnalyticsPolicy;
  report: ReportPolicy;
  runbooks: RunbooksPolicy;
}

export interface LoadedPolicy {
  policy: Policy;
  /** The file it came from, or null when no file exists and only defaults apply. */
  source: string | null;
}
