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

/** Members of one team (direct and through child teams, as CODEOWNERS counts them), 100 per request. */
export const TEAM_MEMBERS = `
query ShipgateTeamMembers($org: String!, $slug: String!, $after: String) {
  organization(login: $org) {
    team(slug: $slug) {
      members(first: 100, after: $after, membership: ALL) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
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

export const ALL_QUERIES = { PULL_REQUEST_APPROVALS, TEAM_MEMBERS, MERGE_QUEUE_ENTRIES } as const;
