import { capText, GITHUB_LIMITS } from "../report/limits.ts";
import type { Octokit } from "./client.ts";

/** Bounds the search for the comment: 50 pages of 100 comments. */
const MAX_PAGES = 50;

/** The body with the marker first, cut (at a line end) to what GitHub accepts. */
export function stickyBody(marker: string, body: string): string {
  return capText(`${marker}\n${body}`, GITHUB_LIMITS.commentBody, "the job summary and the check run of the run");
}

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  issue: number;
  /** A hidden HTML comment that starts the body and identifies the comment on later runs. */
  marker: string;
}

/**
 * Creates the comment once and updates it in place afterwards: every page of comments is searched for the
 * marker first, so a re-run never adds a second one. Errors are thrown (callers turn them into notes).
 */
export async function upsertStickyComment(octokit: Octokit, target: StickyCommentTarget, body: string): Promise<{ action: "created" | "updated"; url: string }> {
  const { owner, repo, issue, marker } = target;
  const text = stickyBody(marker, body);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: issue, per_page: 100, page });
    const found = data.find((comment) => comment.body?.startsWith(marker));
    if (found) {
      const updated = await octokit.rest.issues.updateComment({ owner, repo, comment_id: Number(found.id), body: text });
      return { action: "updated", url: updated.data.html_url };
    }
    if (data.length < 100) break;
  }
  const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body: text });
  return { action: "created", url: created.data.html_url };
}
