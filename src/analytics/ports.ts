import type { CommitRecord, DeploymentRecord, IncidentIssueRecord, ReleaseRecord, WorkflowRunRecord } from "./model.ts";

// The adapter implementing the port reads its data types from here only (it may import nothing else of the capability).
export type { CommentRecord, CommitRecord, DeploymentRecord, DeploymentStatusState, IncidentIssueRecord, ReleaseRecord, WorkflowRunRecord } from "./model.ts";

/** Where delivery analytics reads GitHub; implemented in src/github/analytics.ts (GraphQL where it saves requests). */
export interface DeliverySource {
  /** Deployments created at or after `since`, newest first, with their statuses; throws past `max`. */
  deployments(since: Date, max: number): Promise<DeploymentRecord[]>;
  /**
   * The history of each head back to `since` (commit date), merged with `known` (a graph read before, down to
   * `since` or further): every commit once. A head already in the graph is not read again.
   */
  commits(heads: string[], since: Date, known: CommitRecord[]): Promise<CommitRecord[]>;
  /** Issues with the label updated at or after `since`, with their labels and first comments. */
  incidents(label: string, since: Date): Promise<IncidentIssueRecord[]>;
  /** Releases published at or after `since` (drafts included, for the record). */
  releases(since: Date): Promise<ReleaseRecord[]>;
  /** Workflow runs of a commit: how a deployment without statuses ended. */
  workflowRuns(sha: string): Promise<WorkflowRunRecord[]>;
  /** Requests made so far (the bench and the JSON report it). */
  requestCount(): number;
}

export const ANALYTICS_TOKEN_NEEDS = "a token with deployments: read, contents: read, actions: read and issues: read on the repository (issues: write to publish the weekly report)";
