import type { ActionContext } from "../actions/run-action.ts";
import type { OverrideRequest } from "../window/override.ts";
import { createOctokit, isHttpStatus, toExternalError } from "./client.ts";
import { clientTuningFromEnv } from "./tuning.ts";

const MAX_PAGES = 10;

/**
 * Records a break-glass override as a comment on an issue or pull request, once per workflow run: a re-run finds
 * its own comment by a hidden marker and updates it. A failure is reported as a note, never thrown: the override
 * is already recorded in the summary and the outputs.
 */
export async function commentOverride(request: OverrideRequest, context: ActionContext, issue: number, body: string): Promise<string> {
  const token = context.inputs.string("token");
  const { owner, repo, runId } = context.run;
  if (!token || !owner) return "No override comment was written: input `token` is empty.";
  const marker = `<!-- shipgate:deploy-window-override run=${runId} -->`;
  const text = `${marker}\n${body}`;
  const octokit = createOctokit({ token, baseUrl: context.run.apiUrl, log: context.log, ...clientTuningFromEnv(context.env) });
  try {
    let existing: number | undefined;
    for (let page = 1; page <= MAX_PAGES && existing === undefined; page++) {
      const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: issue, per_page: 100, page });
      const found = data.find((comment) => comment.body?.includes(marker));
      existing = found ? Number(found.id) : undefined;
      if (data.length < 100) break;
    }
    const written =
      existing === undefined
        ? await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body: text })
        : await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body: text });
    return `The override by @${request.actor} is recorded in ${written.data.html_url}.`;
  } catch (error) {
    const reason = isHttpStatus(error, 403, 404) ? "the token may not comment there (it needs `issues: write` or `pull-requests: write`)" : toExternalError(error, `commenting on #${issue}`).message;
    context.warn(`No override comment was written: ${reason}`);
    return `No override comment was written: ${reason}.`;
  }
}
