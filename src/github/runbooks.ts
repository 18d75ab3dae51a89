/**
 * GitHub issues as the runbook tracker (the port of src/runbooks/ports.ts): the incident tracker's issues and
 * comments, assignees, and the body's edit history from GraphQL `userContentEdits` (REST has none).
 */
import { ExternalError } from "../core/errors.ts";
import type { BodyEdit, RunbookTracker } from "../runbooks/ports.ts";
import { toExternalError, type Octokit } from "./client.ts";
import { githubIncidentTracker, type IncidentRepository } from "./incidents.ts";
import { ISSUE_BODY_EDITS } from "./queries.ts";

/** 5,000 saved versions: far more than a checklist issue gets. */
const MAX_EDIT_PAGES = 50;

interface EditNode {
  editedAt: string;
  deletedAt: string | null;
  diff: string | null;
  editor: { __typename: string; login: string } | null;
}

interface EditsPage {
  repository: { issue: { userContentEdits: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (EditNode | null)[] | null } } | null } | null;
}

export function githubRunbookTracker(octokit: Octokit, where: IncidentRepository): RunbookTracker {
  const { owner, repo } = where;
  const { failedJobs: _unused, ...issues } = githubIncidentTracker(octokit, where);
  return {
    ...issues,

    async addAssignees(number, assignees) {
      try {
        await octokit.rest.issues.addAssignees({ owner, repo, issue_number: number, assignees });
      } catch (error) {
        throw toExternalError(error, `assigning ${assignees.join(", ")} to #${number}`);
      }
    },

    async bodyEdits(number) {
      const edits: BodyEdit[] = [];
      let after: string | null = null;
      for (let page = 1; page <= MAX_EDIT_PAGES; page++) {
        let data: EditsPage;
        try {
          data = await octokit.graphql<EditsPage>(ISSUE_BODY_EDITS, { owner, name: repo, number, after });
        } catch (error) {
          throw toExternalError(error, `reading the edit history of #${number} in ${owner}/${repo}`);
        }
        const connection = data.repository?.issue?.userContentEdits;
        if (!connection) throw new ExternalError(`reading the edit history of #${number} in ${owner}/${repo}: the issue was not found, or the token cannot see it`);
        for (const node of connection.nodes ?? []) {
          if (!node) continue;
          const editor = node.editor ? { login: node.editor.login, bot: node.editor.__typename === "Bot" } : null;
          edits.push({ editedAt: node.editedAt, editor, body: node.deletedAt !== null ? null : node.diff });
        }
        if (!connection.pageInfo.hasNextPage) return edits.sort((a, b) => Date.parse(a.editedAt) - Date.parse(b.editedAt));
        after = connection.pageInfo.endCursor;
      }
      throw new ExternalError(`reading the edit history of #${number}: more than ${MAX_EDIT_PAGES * 100} versions; shipgate stops there`);
    },
  };
}
