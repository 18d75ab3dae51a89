/**
 * What the incident use cases need from an issue tracker (GitHub issues in src/github/incidents.ts, a fake
 * nowhere: tests use the API simulator). Reads are consistent lists, never search, which lags behind writes.
 */

export interface TrackedIssue {
  number: number;
  url: string;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  createdAt: string;
  closedAt: string | null;
  /** Logins the issue is assigned to. */
  assignees: string[];
}

export interface TrackedComment {
  id: number;
  body: string;
  /** True for comments by bots and apps: they are not a response to an incident. */
  byBot: boolean;
  createdAt: string;
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

export interface IssueChange {
  body?: string;
  state?: "open" | "closed";
  stateReason?: "completed" | "duplicate" | "reopened";
}

/**
 * A create that failed in a way that may have created the issue after all, or may succeed later (a server error,
 * a rate limit, a lost answer): the caller looks for the issue again before another attempt.
 */
export interface CreateInDoubt {
  inDoubt: string;
}

export interface FailedStep {
  number: number;
  name: string;
  conclusion: string;
}

export interface JobReport {
  name: string;
  conclusion: string | null;
  status: string;
  url: string | null;
  failedSteps: FailedStep[];
}

export interface IncidentTracker {
  /** Every issue (no pull request) with the label in that state, updated since `since` when given. */
  listIssues(label: string, state: "open" | "closed", since?: Date): Promise<TrackedIssue[]>;
  /** Creates once, without automatic retry; any other failure is thrown (an ExternalError). */
  createIssue(issue: NewIssue): Promise<TrackedIssue | CreateInDoubt>;
  updateIssue(number: number, change: IssueChange): Promise<TrackedIssue>;
  addLabels(number: number, labels: string[]): Promise<void>;
  listComments(number: number): Promise<TrackedComment[]>;
  createComment(number: number, body: string): Promise<TrackedComment>;
  updateComment(id: number, body: string): Promise<void>;
  deleteComment(id: number): Promise<void>;
  /** Jobs of the run attempt that failed, each with its failed steps. */
  failedJobs(runId: string, attempt: number): Promise<JobReport[]>;
}
