/**
 * GitHub issues as the incident tracker (the port of src/incident/ports.ts). Lists use the issues list API, which reflects
 * writes at once, never search, which lags. Creating an issue is never retried here: the use case looks for it
 * again first, so a create whose answer was lost is found instead of made twice.
 */
import { ExternalError } from "../core/errors.ts";
import type { IncidentTracker, IssueChange, JobReport, NewIssue, TrackedComment, TrackedIssue } from "../incident/ports.ts";
import { capText, capTitle, GITHUB_LIMITS } from "../report/limits.ts";
import { isHttpStatus, toExternalError, type Octokit } from "./client.ts";

const PER_PAGE = 100;
/** Bounds every list: 5,000 issues or comments are more than one incident label or issue should ever hold. */
const MAX_PAGES = 50;
const FAILED_CONCLUSIONS = new Set(["failure", "timed_out", "cancelled", "startup_failure"]);

interface ApiIssue {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: (string | { name?: string })[];
  created_at: string;
  closed_at: string | null;
  assignees?: ({ login?: string } | null)[] | null;
  pull_request?: unknown;
}

interface ApiComment {
  id: number;
  body?: string;
  user: { type?: string; login?: string } | null;
  performed_via_github_app?: unknown;
  created_at: string;
}

function toIssue(issue: ApiIssue): TrackedIssue {
  return {
    number: issue.number,
    url: issue.html_url,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state === "closed" ? "closed" : "open",
    stateReason: issue.state_reason ?? null,
    labels: issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))).filter(Boolean),
    createdAt: issue.created_at,
    closedAt: issue.closed_at,
    assignees: (issue.assignees ?? []).map((a) => a?.login ?? "").filter(Boolean),
  };
}

function toComment(comment: ApiComment): TrackedComment {
  return { id: comment.id, body: comment.body ?? "", byBot: comment.user?.type === "Bot" || Boolean(comment.performed_via_github_app), createdAt: comment.created_at };
}

/** Whether a failed write may not have happened, or may succeed later: a server error, a rate limit, a lost answer. */
function mayRetry(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return typeof status !== "number" || status >= 500 || status === 429 || (status === 403 && /rate limit/i.test(String((error as Error).message)));
}

/**
 * The last guard before GitHub: the renderers cut their own bodies (so that what they compare is what GitHub
 * holds), and capText leaves a body it already cut as it is.
 */
const issueBody = (body: string): string => capText(body, GITHUB_LIMITS.issueBody, "the workflow run that wrote it");
const commentBody = (body: string): string => capText(body, GITHUB_LIMITS.commentBody, "the workflow run that wrote it");

export interface IncidentRepository {
  owner: string;
  repo: string;
}

export function githubIncidentTracker(octokit: Octokit, where: IncidentRepository): IncidentTracker {
  const { owner, repo } = where;

  async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toExternalError(error, what);
    }
  }

  async function pages<T>(what: string, fetchPage: (page: number) => Promise<T[]>): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const items = await call(what, () => fetchPage(page));
      all.push(...items);
      if (items.length < PER_PAGE) return all;
    }
    throw new ExternalError(`${what}: more than ${MAX_PAGES * PER_PAGE} items; shipgate stops there`);
  }

  return {
    async listIssues(label, state, since) {
      const issues = await pages(`listing the ${state} issues labelled "${label}" in ${owner}/${repo}`, async (page) => {
        const { data } = await octokit.rest.issues.listForRepo({ owner, repo, labels: label, state, per_page: PER_PAGE, page, ...(since ? { since: since.toISOString() } : {}) });
        return data as ApiIssue[];
      });
      return issues.filter((issue) => !issue.pull_request).map(toIssue);
    },

    async createIssue(issue: NewIssue) {
      try {
        // retries: 0: a retried POST could create a second issue; the caller looks again before it tries again.
        const { data } = await octokit.rest.issues.create({ owner, repo, title: capTitle(issue.title, GITHUB_LIMITS.issueTitle), body: issueBody(issue.body), labels: issue.labels, assignees: issue.assignees, request: { retries: 0 } });
        return toIssue(data as ApiIssue);
      } catch (error) {
        const external = toExternalError(error, `creating an issue in ${owner}/${repo}`);
        if (mayRetry(error)) return { inDoubt: external.message };
        throw external;
      }
    },

    async updateIssue(number: number, change: IssueChange) {
      const { data } = await call(`updating issue #${number}`, () =>
        octokit.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          ...(change.body !== undefined ? { body: issueBody(change.body) } : {}),
          ...(change.state ? { state: change.state } : {}),
          ...(change.stateReason ? { state_reason: change.stateReason } : {}),
        }),
      );
      return toIssue(data as ApiIssue);
    },

    async addLabels(number, labels) {
      await call(`labelling issue #${number}`, () => octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels }));
    },

    async listComments(number) {
      const comments = await pages(`listing the comments of #${number}`, async (page) => {
        const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: number, per_page: PER_PAGE, page });
        return data as ApiComment[];
      });
      return comments.map(toComment);
    },

    async createComment(number, body) {
      const { data } = await call(`commenting on #${number}`, () => octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: commentBody(body) }));
      return toComment(data as ApiComment);
    },

    async updateComment(id, body) {
      await call(`updating comment ${id}`, () => octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body: commentBody(body) }));
    },

    async deleteComment(id) {
      try {
        await octokit.rest.issues.deleteComment({ owner, repo, comment_id: id });
      } catch (error) {
        // Another run removed the same duplicate comment first.
        if (!isHttpStatus(error, 404)) throw toExternalError(error, `deleting duplicate comment ${id}`);
      }
    },

    async failedJobs(runId, attempt) {
      const run_id = Number(runId);
      const jobs = await pages(`listing the jobs of run ${runId}`, async (page) => {
        const { data } =
          attempt > 0
            ? await octokit.rest.actions.listJobsForWorkflowRunAttempt({ owner, repo, run_id, attempt_number: attempt, per_page: PER_PAGE, page })
            : await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id, filter: "latest", per_page: PER_PAGE, page });
        return data.jobs;
      });
      const reports: JobReport[] = [];
      for (const job of jobs) {
        const failedSteps = (job.steps ?? [])
          .filter((step) => step.conclusion !== null && FAILED_CONCLUSIONS.has(step.conclusion))
          .map((step) => ({ number: step.number, name: step.name, conclusion: step.conclusion ?? "" }));
        const failed = job.conclusion !== null && FAILED_CONCLUSIONS.has(job.conclusion);
        if (failed || failedSteps.length > 0) reports.push({ name: job.name, conclusion: job.conclusion, status: job.status, url: job.html_url, failedSteps });
      }
      return reports;
    },
  };
}
