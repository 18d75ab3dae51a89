/**
 * Every GraphQL document shipgate sends, in one place so that a test can validate each one against GitHub's
 * published schema (@octokit/graphql-schema): the simulator answers GraphQL through hand-written resolvers and
 * the OpenAPI description does not cover it, so nothing else would catch a misspelt field.
 */

/**
 * A pull request with up to 100 reviews and 100 changed files per request. The first request (`$first`) also
 * reads the author, CODEOWNERS at the tip of the base branch (the three places GitHub looks) and the latest
 * push; later requests page through whichever of reviews and files still has pages left.
 */
export const PULL_REQUEST_APPROVALS = `
query ShipgatePullRequestApprovals(
  $owner: String!, $name: String!, $number: Int!,
  $first: Boolean!, $withReviews: Boolean!, $withFiles: Boolean!,
  $reviewsAfter: String, $filesAfter: String
) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      number
      headRefOid
      baseRefOid
      headRefName
      baseRefName
      headRepository { nameWithOwner }
      isCrossRepository
      author @include(if: $first) { __typename login }
      baseRef @include(if: $first) {
        target {
          ... on Commit {
            github: file(path: ".github/CODEOWNERS") { object { ... on Blob { text byteSize isTruncated } } }
            root: file(path: "CODEOWNERS") { object { ... on Blob { text byteSize isTruncated } } }
            docs: file(path: "docs/CODEOWNERS") { object { ... on Blob { text byteSize isTruncated } } }
          }
        }
      }
      timelineItems(last: 1, itemTypes: [PULL_REQUEST_COMMIT, HEAD_REF_FORCE_PUSHED_EVENT]) @include(if: $first) {
        nodes {
          __typename
          ... on HeadRefForcePushedEvent { actor { login } }
          ... on PullRequestCommit { commit { oid author { user { login } } committer { user { login } } } }
        }
      }
      reviews(first: 100, after: $reviewsAfter) @include(if: $withReviews) {
        pageInfo { hasNextPage endCursor }
        nodes {
          fullDatabaseId
          author { __typename login }
          authorCanPushToRepository
          state
          commit { oid }
          submittedAt
        }
      }
      files(first: 100, after: $filesAfter) @include(if: $withFiles) {
        pageInfo { hasNextPage endCursor }
        nodes { path }
      }
    }
  }
}`;

/** Teams one ShipgateTeams request reads: a pull request rarely names more, and it keeps each request small. */
export const TEAMS_PER_REQUEST = 10;

/** A team's permission on the repository named `$repo` (GitHub matches names containing it; the caller picks the exact one). */
function repositoryAccess(directive: string): string {
  return `repositories(first: 100, query: $repo)${directive} { pageInfo { hasNextPage } edges { permission node { nameWithOwner } } }`;
}

/**
 * Several teams in one request, aliased t0, t1, ... with variables suffixed by the same index: each team's members
 * (direct and through child teams, as CODEOWNERS counts them), 100 per page, and, for code-owner teams, the team's
 * permission on the repository, directly and through its parent teams (as GitHub's own team permission check
 * counts it). `$members<i>` and `$access<i>` choose which of the two a team needs.
 */
export function teamsQuery(count: number): string {
  const variables = ["$repo: String!"];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    variables.push(`$org${i}: String!, $slug${i}: String!, $after${i}: String, $members${i}: Boolean!, $access${i}: Boolean!`);
    fields.push(`
  t${i}: organization(login: $org${i}) {
    team(slug: $slug${i}) {
      members(first: 100, after: $after${i}, membership: ALL) @include(if: $members${i}) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
      }
      ${repositoryAccess(` @include(if: $access${i})`)}
      ancestors(first: 10) @include(if: $access${i}) { pageInfo { hasNextPage } nodes { ${repositoryAccess("")} } }
    }
  }`);
  }
  return `
query ShipgateTeams(${variables.join(", ")}) {${fields.join("")}
}`;
}

/**
 * Deployments, newest first, each with its statuses: 100 deployments per request instead of one request for the
 * list and one more per deployment for its statuses (the REST API's shape).
 */
export const DEPLOYMENTS_WITH_STATUSES = `
query ShipgateDeployments($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    deployments(first: 100, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        databaseId
        environment
        commitOid
        ref { name }
        task
        description
        createdAt
        statuses(first: 20) {
          pageInfo { hasNextPage }
          nodes { state createdAt }
        }
      }
    }
  }
}`;

/** The history of one commit since a date, 100 commits per request, each with its parents (the commit graph). */
export const COMMIT_HISTORY = `
query ShipgateCommitHistory($owner: String!, $name: String!, $oid: GitObjectID!, $since: GitTimestamp, $after: String) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) {
      ... on Commit {
        history(first: 100, after: $after, since: $since) {
          pageInfo { hasNextPage endCursor }
          nodes { oid authoredDate committedDate parents(first: 5) { nodes { oid } } }
        }
      }
    }
  }
}`;

/**
 * Issues with a label updated since a date, 50 per request, each with its labels and first 30 comments: one
 * request per 50 incidents instead of one for the list and one more per incident for its comments.
 */
export const LABELLED_ISSUES_WITH_COMMENTS = `
query ShipgateLabelledIssues($owner: String!, $name: String!, $labels: [String!], $since: DateTime, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 50, after: $after, labels: $labels, filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number
        url
        title
        body
        state
        createdAt
        closedAt
        labels(first: 30) { nodes { name } }
        comments(first: 30) { nodes { createdAt body author { __typename } } }
      }
    }
  }
}`;

/**
 * The entries of a branch's merge queue with each one's head commit: the group whose head commit a merge_group run
 * judges holds that entry and every entry ahead of it.
 */
export const MERGE_QUEUE_ENTRIES = `
query ShipgateMergeQueueEntries($owner: String!, $name: String!, $branch: String!) {
  repository(owner: $owner, name: $name) {
    mergeQueue(branch: $branch) {
      entries(first: 100) {
        nodes { position headCommit { oid } pullRequest { number } }
      }
    }
  }
}`;

/**
 * The saved versions of an issue's body, 100 per request: `diff` holds the whole body as saved, and the editor's
 * type tells a person from a bot (a runbook's box ticked by a bot does not count).
 */
export const ISSUE_BODY_EDITS = `
query ShipgateIssueBodyEdits($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      userContentEdits(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { editedAt deletedAt diff editor { __typename login } }
      }
    }
  }
}`;

export const ALL_QUERIES = { PULL_REQUEST_APPROVALS, TEAMS: teamsQuery(2), MERGE_QUEUE_ENTRIES, DEPLOYMENTS_WITH_STATUSES, COMMIT_HISTORY, LABELLED_ISSUES_WITH_COMMENTS, ISSUE_BODY_EDITS } as const;
