import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a as b,b as h,c as w}from"./chunk-XHFIXJIQ.js";import{e as c,g as S}from"./chunk-X4VOEQMY.js";import"./chunk-JNAS3ASL.js";import{b as $}from"./chunk-X224XDJI.js";import"./chunk-IU37KMBZ.js";var g=100,I=50,A=new Set(["failure","timed_out","cancelled","startup_failure"]);function _(e){return{number:e.number,url:e.html_url,title:e.title,body:e.body??"",state:e.state==="closed"?"closed":"open",stateReason:e.state_reason??null,labels:e.labels.map(i=>typeof i=="string"?i:i.name??"").filter(Boolean),createdAt:e.created_at,closedAt:e.closed_at,assignees:(e.assignees??[]).map(i=>i?.login??"").filter(Boolean)}}function T(e){return{id:e.id,body:e.body??"",byBot:e.user?.type==="Bot"||!!e.performed_via_github_app,createdAt:e.created_at}}function N(e){let i=e.status;return typeof i!="number"||i>=500||i===429||i===403&&/rate limit/i.test(String(e.message))}var C=e=>h(e,b.issueBody,"the workflow run that wrote it"),R=e=>h(e,b.commentBody,"the workflow run that wrote it");function P(e,i){let{owner:o,repo:s}=i;async function m(t,n){try{return await n()}catch(r){throw c(r,t)}}async function f(t,n){let r=[];for(let d=1;d<=I;d++){let l=await m(t,()=>n(d));if(r.push(...l),l.length<g)return r}throw new $(`${t}: more than ${I*g} items; shipgate stops there`)}return{async listIssues(t,n,r){return(await f(`listing the ${n} issues labelled "${t}" in ${o}/${s}`,async l=>{let{data:a}=await e.rest.issues.listForRepo({owner:o,repo:s,labels:t,state:n,per_page:g,page:l,...r?{since:r.toISOString()}:{}});return a})).filter(l=>!l.pull_request).map(_)},async createIssue(t){try{let{data:n}=await e.rest.issues.create({owner:o,repo:s,title:w(t.title,b.issueTitle),body:C(t.body),labels:t.labels,assignees:t.assignees,request:{retries:0}});return _(n)}catch(n){let r=c(n,`creating an issue in ${o}/${s}`);if(N(n))return{inDoubt:r.message};throw r}},async updateIssue(t,n){let{data:r}=await m(`updating issue #${t}`,()=>e.rest.issues.update({owner:o,repo:s,issue_number:t,...n.body!==void 0?{body:C(n.body)}:{},...n.state?{state:n.state}:{},...n.stateReason?{state_reason:n.stateReason}:{}}));return _(r)},async addLabels(t,n){await m(`labelling issue #${t}`,()=>e.rest.issues.addLabels({owner:o,repo:s,issue_number:t,labels:n}))},async listComments(t){return(await f(`listing the comments of #${t}`,async r=>{let{data:d}=await e.rest.issues.listComments({owner:o,repo:s,issue_number:t,per_page:g,page:r});return d})).map(T)},async createComment(t,n){let{data:r}=await m(`commenting on #${t}`,()=>e.rest.issues.createComment({owner:o,repo:s,issue_number:t,body:R(n)}));return T(r)},async updateComment(t,n){await m(`updating comment ${t}`,()=>e.rest.issues.updateComment({owner:o,repo:s,comment_id:t,body:R(n)}))},async deleteComment(t){try{await e.rest.issues.deleteComment({owner:o,repo:s,comment_id:t})}catch(n){if(!S(n,404))throw c(n,`deleting duplicate comment ${t}`)}},async failedJobs(t,n){let r=Number(t),d=await f(`listing the jobs of run ${t}`,async a=>{let{data:u}=n>0?await e.rest.actions.listJobsForWorkflowRunAttempt({owner:o,repo:s,run_id:r,attempt_number:n,per_page:g,page:a}):await e.rest.actions.listJobsForWorkflowRun({owner:o,repo:s,run_id:r,filter:"latest",per_page:g,page:a});return u.jobs}),l=[];for(let a of d){let u=(a.steps??[]).filter(p=>p.conclusion!==null&&A.has(p.conclusion)).map(p=>({number:p.number,name:p.name,conclusion:p.conclusion??""}));(a.conclusion!==null&&A.has(a.conclusion)||u.length>0)&&l.push({name:a.name,conclusion:a.conclusion,status:a.status,url:a.html_url,failedSteps:u})}return l}}}var O=`
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
}`;function x(e){return`repositories(first: 100, query: $repo)${e} { pageInfo { hasNextPage } edges { permission node { nameWithOwner } } }`}function D(e){let i=["$repo: String!"],o=[];for(let s=0;s<e;s++)i.push(`$org${s}: String!, $slug${s}: String!, $after${s}: String, $members${s}: Boolean!, $access${s}: Boolean!`),o.push(`
  t${s}: organization(login: $org${s}) {
    team(slug: $slug${s}) {
      members(first: 100, after: $after${s}, membership: ALL) @include(if: $members${s}) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
      }
      ${x(` @include(if: $access${s})`)}
      ancestors(first: 10) @include(if: $access${s}) { pageInfo { hasNextPage } nodes { ${x("")} } }
    }
  }`);return`
query ShipgateTeams(${i.join(", ")}) {${o.join("")}
}`}var L=`
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
}`,k=`
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
}`,q=`
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
}`,U=`
query ShipgateMergeQueueEntries($owner: String!, $name: String!, $branch: String!) {
  repository(owner: $owner, name: $name) {
    mergeQueue(branch: $branch) {
      entries(first: 100) {
        nodes { position headCommit { oid } pullRequest { number } }
      }
    }
  }
}`,E=`
query ShipgateIssueBodyEdits($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      userContentEdits(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { editedAt deletedAt diff editor { __typename login } }
      }
    }
  }
}`,H={PULL_REQUEST_APPROVALS:O,TEAMS:D(2),MERGE_QUEUE_ENTRIES:U,DEPLOYMENTS_WITH_STATUSES:L,COMMIT_HISTORY:k,LABELLED_ISSUES_WITH_COMMENTS:q,ISSUE_BODY_EDITS:E};var B=50;function Y(e,i){let{owner:o,repo:s}=i,{failedJobs:m,...f}=P(e,i);return{...f,async addAssignees(t,n){try{await e.rest.issues.addAssignees({owner:o,repo:s,issue_number:t,assignees:n})}catch(r){throw c(r,`assigning ${n.join(", ")} to #${t}`)}},async bodyEdits(t){let n=[],r=null;for(let d=1;d<=B;d++){let l;try{l=await e.graphql(E,{owner:o,name:s,number:t,after:r})}catch(u){throw c(u,`reading the edit history of #${t} in ${o}/${s}`)}let a=l.repository?.issue?.userContentEdits;if(!a)throw new $(`reading the edit history of #${t} in ${o}/${s}: the issue was not found, or the token cannot see it`);for(let u of a.nodes??[]){if(!u)continue;let y=u.editor?{login:u.editor.login,bot:u.editor.__typename==="Bot"}:null;n.push({editedAt:u.editedAt,editor:y,body:u.deletedAt!==null?null:u.diff})}if(!a.pageInfo.hasNextPage)return n.sort((u,y)=>Date.parse(u.editedAt)-Date.parse(y.editedAt));r=a.pageInfo.endCursor}throw new $(`reading the edit history of #${t}: more than ${B*100} versions; shipgate stops there`)}}}export{Y as githubRunbookTracker};
