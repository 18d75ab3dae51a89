import { octokitOfRun } from "./run-client.ts";
import type { Invocation } from "../core/capability.ts";
import { isHttpStatus, toExternalError } from "./client.ts";
import { capText, GITHUB_LIMITS } from "../report/limits.ts";

const MAX_PAGES = 10;

/** An accepted override, to be recorded on an issue or pull request of the run's repository. */
export interface OverrideComment {
  token: string | undefined;
  issue: number;
  actor: string;
  body: string;
}

/**
 * Writes the comment once per workflow run (a re-run updates it); returns a sentence with its URL, or one saying why
 * none was written: a failure never throws, the override is already recorded in the summary and the outputs.
 */
export type CommentOverride = (comment: OverrideComment, invocation: Pick<Invocation, "run" | "env" | "log" | "warn">) => Promise<string>;

/** Records a break-glass override as a comment; a re-run finds its own comment by a hidden marker and updates it. */
export const commentOverride: CommentOverride = async (comment, invocation) => {
  const { token, issue, actor, body } = comment;
  const { owner, repo, runId, apiUrl } = invocation.run;
  if (!token || !owner) return "No override comment was written: input `token` is empty.";
  const marker = `<!-- shipgate:deploy-window-override run=${runId} -->`;
  const text = capText(`${marker}\n${body}`, GITHUB_LIMITS.commentBody, "the job summary of the run");
  const octokit = octokitOfRun(token, invocation, apiUrl);
  try {
    let existing: number | undefined;
    for (let page = 1; page <= MAX_PAGES && existing === undefined; page++) {
      const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: issue, per_page: 100, page });
      const found = data.find((c) => c.body?.includes(marker));
      existing = found ? Number(found.id) : undefined;
      if (data.length < 100) break;
    }
    const written =
      existing === undefined
        ? await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body: text })
        : await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body: text });
    return `The override by @${actor} is recorded in ${written.data.html_url}.`;
  } catch (error) {
    const reason = isHttpStatus(error, 403, 404) ? "the token may not comment there (it needs `issues: write` or `pull-requests: write`)" : toExternalError(error, `commenting on #${issue}`).message;
    invocation.warn(`No override comment was written: ${reason}`);
    return `No override comment was written: ${reason}.`;
  }
};
