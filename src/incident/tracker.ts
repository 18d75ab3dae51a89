/**
 * What the incident use cases need from an issue tracker (GitHub issues in src/github/incidents.ts, a fake
 * nowhere: tests use the API simulator). Reads are consistent lists, never search, which lags behind writes.
 */
import { ExternalError } from "../core/errors.ts";
import type { JobReport } from "./model.ts";

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

export interface IncidentTracker {
  /** Every issue (no pull request) with the label in that state, updated since `since` when given. */
  listIssues(label: string, state: "open" | "closed", since?: Date): Promise<TrackedIssue[]>;
  /** Creates once, without automatic retry: the caller looks for the issue again before another attempt. */
  createIssue(issue: NewIssue): Promise<TrackedIssue>;
  updateIssue(number: number, change: IssueChange): Promise<TrackedIssue>;
  addLabels(number: number, labels: string[]): Promise<void>;
  listComments(number: number): Promise<TrackedComment[]>;
  createComment(number: number, body: string): Promise<TrackedComment>;
  updateComment(id: number, body: string): Promise<void>;
  deleteComment(id: number): Promise<void>;
  /** Jobs of the run attempt that failed, each with its failed steps. */
  failedJobs(runId: string, attempt: number): Promise<JobReport[]>;
}

/** A write that may not have happened and is worth trying again (after looking whether it did). */
export class RetriableWriteError extends ExternalError {}

/**
 * Writes the comment that carries `marker` exactly once: updates it when it exists, creates it otherwise. When two
 * runs created it at the same moment, the oldest (lowest id) stays and the others are deleted, by either run.
 */
export async function upsertComment(tracker: IncidentTracker, issue: number, marker: string, body: string, options: { update: boolean } = { update: true }): Promise<"created" | "updated" | "kept"> {
  const existing = (await tracker.listComments(issue)).filter((c) => c.body.includes(marker));
  if (existing.length > 0) {
    const oldest = existing.reduce((a, b) => (b.id < a.id ? b : a));
    if (options.update && oldest.body !== body) {
      await tracker.updateComment(oldest.id, body);
      return "updated";
    }
    return "kept";
  }
  await tracker.createComment(issue, body);
  const written = (await tracker.listComments(issue)).filter((c) => c.body.includes(marker)).sort((a, b) => a.id - b.id);
  for (const extra of written.slice(1)) await tracker.deleteComment(extra.id);
  return "created";
}
