import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
var i=`
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
}`;function o(t){return`repositories(first: 100, query: $repo)${t} { pageInfo { hasNextPage } edges { permission node { nameWithOwner } } }`}function s(t){let r=["$repo: String!"],n=[];for(let e=0;e<t;e++)r.push(`$org${e}: String!, $slug${e}: String!, $after${e}: String, $members${e}: Boolean!, $access${e}: Boolean!`),n.push(`
  t${e}: organization(login: $org${e}) {
    team(slug: $slug${e}) {
      members(first: 100, after: $after${e}, membership: ALL) @include(if: $members${e}) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
      }
      ${o(` @include(if: $access${e})`)}
      ancestors(first: 10) @include(if: $access${e}) { pageInfo { hasNextPage } nodes { ${o("")} } }
    }
  }`);return`
query ShipgateTeams(${r.join(", ")}) {${n.join("")}
}`}var a=`
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
}`,$=`
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
}`,d=`
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
}`,m=`
query ShipgateMergeQueueEntries($owner: String!, $name: String!, $branch: String!) {
  repository(owner: $owner, name: $name) {
    mergeQueue(branch: $branch) {
      entries(first: 100) {
        nodes { position headCommit { oid } pullRequest { number } }
      }
    }
  }
}`,f=`
query ShipgateIssueBodyEdits($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      userContentEdits(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { editedAt deletedAt diff editor { __typename login } }
      }
    }
  }
}`,u={PULL_REQUEST_APPROVALS:i,TEAMS:s(2),MERGE_QUEUE_ENTRIES:m,DEPLOYMENTS_WITH_STATUSES:a,COMMIT_HISTORY:$,LABELLED_ISSUES_WITH_COMMENTS:d,ISSUE_BODY_EDITS:f};export{i as a,s as b,m as c,f as d};
