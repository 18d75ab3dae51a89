/** The GitHub records delivery analytics reads (src/github/analytics.ts fills them) and the settings it applies. */

export type DeploymentStatusState = "success" | "failure" | "error" | "inactive" | "in_progress" | "queued" | "pending" | "waiting";

export interface DeploymentRecord {
  id: number;
  environment: string;
  sha: string;
  /** The ref deployed (branch or tag name), null when GitHub no longer has it. */
  ref: string | null;
  task: string;
  description: string | null;
  createdAt: string;
  /** Every status GitHub returned (at most 20), any order. */
  statuses: { state: DeploymentStatusState; createdAt: string }[];
}

/** One commit of the history leading to deployed commits. */
export interface CommitRecord {
  oid: string;
  authoredAt: string;
  /** What the history's `since` compares: a commit committed before it is outside the graph. */
  committedAt: string;
  parents: string[];
}

export interface CommentRecord {
  createdAt: string;
  byBot: boolean;
  body: string;
}

/** An issue carrying the incident label, with its first comments. */
export interface IncidentIssueRecord {
  number: number;
  url: string;
  title: string;
  body: string;
  state: "open" | "closed";
  createdAt: string;
  closedAt: string | null;
  labels: string[];
  comments: CommentRecord[];
}

export interface ReleaseRecord {
  tagName: string;
  targetCommitish: string;
  publishedAt: string | null;
  draft: boolean;
  prerelease: boolean;
}

/** A workflow run of a deployed commit: the outcome of a deployment that has no status. */
export interface WorkflowRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  url: string;
}

/** Everything the figures are computed from; each list is what GitHub returned, unfiltered. */
export interface DeliveryData {
  deployments: DeploymentRecord[];
  commits: CommitRecord[];
  incidents: IncidentIssueRecord[];
  releases: ReleaseRecord[];
  /** Workflow runs keyed by the deployment id they were looked up for (deployments without statuses). */
  runsOfDeployments: Record<number, WorkflowRunRecord[]>;
}

export interface AnalyticsSettings {
  /** IANA zone whose Monday 00:00 starts a week. */
  timezone: string;
  weeks: number;
  /** Environments whose deployments are production (DORA's figures); names compare case-insensitively. */
  production: string[];
  /** Environments shown (success rate, duration); empty: every environment deployed to. */
  environments: string[];
  /** A successful production deployment followed within this time by an incident or a rollback is a failed change. */
  failureWindowMs: number;
  /** How far before the period commits and deployments are read, so that a change's first commit is found. */
  lookbackMs: number;
  /** Ref patterns (`*` any run) of unplanned deployments: hotfix branches and the tags of releases cut from them. */
  hotfixRefs: string[];
  incidentLabel: string;
  /** Response SLA per severity in milliseconds (from the incidents section), for the hit rate. */
  responseSlaMs: Record<"P1" | "P2" | "P3" | "P4", number>;
  report: { label: string; title: string };
  /** Upper bound of deployments read; more is an error, not a silent cut. */
  maxDeployments: number;
}
