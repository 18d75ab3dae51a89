import type { CheckRunData, CommitStatusData } from "./checks.ts";
import type { DeploymentData } from "./deployments.ts";
import type { IssueData } from "./issues.ts";

// The adapter implementing the port reads its data types from here only (it may import nothing else of the capability).
export type { CheckRunData, CommitStatusData } from "./checks.ts";
export type { DeploymentData, DeploymentState } from "./deployments.ts";
export type { IssueData } from "./issues.ts";

/** Where the go/no-go gate reads GitHub; implemented with octokit in src/github/go-no-go.ts. */
export interface GoNoGoSource {
  /** Open issues carrying every one of the labels (pull requests left out). */
  openIssuesWithLabels(labels: string[]): Promise<IssueData[]>;
  checkRuns(sha: string): Promise<CheckRunData[]>;
  statuses(sha: string): Promise<CommitStatusData[]>;
  /** Deployments of the commit to the environment (case-insensitive), the latest one with its statuses. */
  deployments(sha: string, environment: string): Promise<DeploymentData[]>;
}

export const GO_NO_GO_TOKEN_NEEDS = "a token with issues: read, checks: read, statuses: read and deployments: read on the repository (GITHUB_TOKEN in a workflow)";
