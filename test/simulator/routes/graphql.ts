import type { GraphqlRequest, GraphqlResolver } from "../route.ts";
import type { RepoState } from "../state.ts";
import { mergeQueueResolver, teamsResolver } from "./rules.ts";
import { analyticsGraphqlResolvers } from "./graphql-analytics.ts";
import { page } from "./graphql-paging.ts";
import { issueBodyEditsResolver } from "./graphql-issues.ts";

/**
 * Resolvers for the GraphQL documents of src/github/queries.ts, recognised by operation name. The documents
 * are validated against GitHub's schema by test/github/queries.test.ts; these answer their fields from the
 * simulator's state, honouring the @include variables and the cursors.
 */

const PAGE = 100;

function operationIs(request: GraphqlRequest, name: string): boolean {
  return request.operationName === name || request.query.includes(`query ${name}(`);
}

function blob(repo: RepoState, path: string): { object: { text: string; byteSize: number; isTruncated: boolean } } | null {
  const text = repo.tree.get(path);
  return text === undefined ? null : { object: { text, byteSize: Buffer.byteLength(text), isTruncated: false } };
}

function actor(login: string, type: string): { __typename: string; login: string } {
  // GraphQL names apps without the [bot] suffix.
  return type === "Bot" ? { __typename: "Bot", login: login.replace(/\[bot\]$/, "") } : { __typename: "User", login };
}

const WRITE = new Set(["admin", "maintain", "write"]);

const pullRequestApprovals: GraphqlResolver = (request) => {
  if (!operationIs(request, "ShipgatePullRequestApprovals")) return undefined;
  const v = request.variables;
  const repo = request.state.repo(String(v.owner), String(v.name));
  const pull = repo?.pulls.get(Number(v.number));
  if (!repo || !pull) return { repository: repo ? { pullRequest: null } : null };
  const user = (login: string) => request.state.user(login);
  const canPush = (login: string) => login.toLowerCase() === repo.repo.owner.toLowerCase() || WRITE.has(repo.collaborators.get(login.toLowerCase()) ?? "read");
  const head = repo.commits.get(pull.head.sha);
  const pusher = head?.author.login ? { user: { login: head.author.login } } : { user: null };
  const data: Record<string, unknown> = {
    number: pull.number,
    headRefOid: pull.head.sha,
    baseRefOid: pull.base.sha,
    headRefName: pull.head.ref,
    baseRefName: pull.base.ref,
    headRepository: { nameWithOwner: pull.head.repoFullName },
    isCrossRepository: pull.head.repoFullName !== repo.repo.fullName,
  };
  if (v.first === true) {
    data.author = actor(pull.user, user(pull.user).type);
    data.baseRef = repo.refs.has(`heads/${pull.base.ref}`)
      ? { target: { github: blob(repo, ".github/CODEOWNERS"), root: blob(repo, "CODEOWNERS"), docs: blob(repo, "docs/CODEOWNERS") } }
      : null;
    data.timelineItems = { nodes: head ? [{ __typename: "PullRequestCommit", commit: { oid: head.sha, author: pusher, committer: pusher } }] : [] };
  }
  if (v.withReviews === true) {
    const reviews = repo.reviews.list((r) => r.pullNumber === pull.number);
    data.reviews = page(reviews, PAGE, v.reviewsAfter, (r) => ({
      fullDatabaseId: String(r.id),
      author: actor(r.user, user(r.user).type),
      authorCanPushToRepository: canPush(r.user),
      state: r.state,
      commit: { oid: r.commitId },
      submittedAt: r.state === "PENDING" ? null : r.submittedAt,
    }));
  }
  if (v.withFiles === true) data.files = page(pull.files, PAGE, v.filesAfter, (f) => ({ path: f.filename }));
  return { repository: { pullRequest: data } };
};

export function defaultGraphqlResolvers(): GraphqlResolver[] {
  return [pullRequestApprovals, teamsResolver, mergeQueueResolver, ...analyticsGraphqlResolvers, issueBodyEditsResolver];
}
