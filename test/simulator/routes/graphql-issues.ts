import type { GraphqlResolver } from "../route.ts";
import { page } from "./graphql-paging.ts";

/**
 * `userContentEdits` of an issue (src/github/queries.ts ISSUE_BODY_EDITS): the saved versions of its body,
 * newest first as GitHub lists them, each with its editor (apps as `Bot`, named without the [bot] suffix).
 */
export const issueBodyEditsResolver: GraphqlResolver = (request) => {
  if (request.operationName !== "ShipgateIssueBodyEdits" && !request.query.includes("query ShipgateIssueBodyEdits(")) return undefined;
  const v = request.variables;
  const repo = request.state.repo(String(v.owner), String(v.name));
  const issue = repo?.issues.get(Number(v.number));
  if (!repo || !issue) return { repository: repo ? { issue: null } : null };
  const newestFirst = [...(issue.edits ?? [])].reverse();
  return {
    repository: {
      issue: {
        userContentEdits: page(newestFirst, 100, v.after, (edit) => {
          const type = request.state.user(edit.editor).type;
          return {
            editedAt: edit.editedAt,
            deletedAt: edit.body === null ? edit.editedAt : null,
            diff: edit.body,
            editor: { __typename: type === "Bot" ? "Bot" : "User", login: type === "Bot" ? edit.editor.replace(/\[bot\]$/, "") : edit.editor },
          };
        }),
      },
    },
  };
};
