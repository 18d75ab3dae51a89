import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{e as T}from"./chunk-AZ7SY7LV.js";import"./chunk-6R4VMOZ4.js";import{b as m}from"./chunk-PGNQGJ27.js";import"./chunk-IU37KMBZ.js";function S(n,f,d){if(!n||typeof n.hasNextPage!="boolean")throw new m(`${d}: the API's answer has no page information (pageInfo); shipgate stops there`);if(!n.hasNextPage)return null;if(!n.endCursor||n.endCursor===f)throw new m(`${d}: the API says more pages follow but its cursor ${n.endCursor?`stays at "${n.endCursor}"`:"is missing"}; shipgate stops there`);return n.endCursor}var N=`
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
}`;function C(n){return`repositories(first: 100, query: $repo)${n} { pageInfo { hasNextPage } edges { permission node { nameWithOwner } } }`}function O(n){let f=["$repo: String!"],d=[];for(let r=0;r<n;r++)f.push(`$org${r}: String!, $slug${r}: String!, $after${r}: String, $members${r}: Boolean!, $access${r}: Boolean!`),d.push(`
  t${r}: organization(login: $org${r}) {
    team(slug: $slug${r}) {
      members(first: 100, after: $after${r}, membership: ALL) @include(if: $members${r}) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
      }
      ${C(` @include(if: $access${r})`)}
      ancestors(first: 10) @include(if: $access${r}) { pageInfo { hasNextPage } nodes { ${C("")} } }
    }
  }`);return`
query ShipgateTeams(${f.join(", ")}) {${d.join("")}
}`}var w=`
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
}`,E=`
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
}`,_=`
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
}`,k=`
query ShipgateMergeQueueEntries($owner: String!, $name: String!, $branch: String!) {
  repository(owner: $owner, name: $name) {
    mergeQueue(branch: $branch) {
      entries(first: 100) {
        nodes { position headCommit { oid } pullRequest { number } }
      }
    }
  }
}`,M=`
query ShipgateIssueBodyEdits($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      userContentEdits(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { editedAt deletedAt diff editor { __typename login } }
      }
    }
  }
}`,U={PULL_REQUEST_APPROVALS:N,TEAMS:O(2),MERGE_QUEUE_ENTRIES:k,DEPLOYMENTS_WITH_STATUSES:w,COMMIT_HISTORY:E,LABELLED_ISSUES_WITH_COMMENTS:_,ISSUE_BODY_EDITS:M};var P=40,x=100,L=20,A=200,p=n=>(n??[]).filter(f=>f!==null);function F(n,f){let{owner:d,repo:r}=f,g=`${d}/${r}`,R=0;n.hook.before("request",()=>{R++});async function $(s,a){try{return await a()}catch(e){throw T(e,`${s} in ${g}`)}}return{requestCount:()=>R,async deployments(s,a){let e=[],i=null;for(;;){let l=(await $("listing deployments",()=>n.graphql(w,{owner:d,name:r,after:i}))).repository?.deployments;if(!l)throw new m(`listing deployments in ${g} failed: the repository was not found, or the token cannot see it`);let o=!1;for(let t of p(l.nodes)){if(Date.parse(t.createdAt)<s.getTime()){o=!0;break}t.databaseId!==null&&e.push({id:t.databaseId,environment:t.environment??"",sha:t.commitOid,ref:t.ref?.name??null,task:t.task??"deploy",description:t.description,createdAt:t.createdAt,statuses:p(t.statuses?.nodes).map(c=>({state:c.state.toLowerCase(),createdAt:c.createdAt}))})}if(e.length>a)throw new m(`${g} has more than ${a} deployments since ${s.toISOString()}: raise analytics.max-deployments, or shorten analytics.weeks or analytics.lookback`);if(o||(i=S(l.pageInfo,i,`listing deployments in ${g}`),i===null))return e}},async commits(s,a,e){let i=new Map(e.map(o=>[o.oid,o])),u=[...new Set(s)];if(u.length>A*10)throw new m(`${u.length} deployed commits: more than shipgate reads the history of`);let l=0;for(;u.length>0;){let o=u.shift();if(i.has(o))continue;if(++l>A)throw new m(`reading the history of more than ${A} separate deployed commits in ${g}: shorten analytics.lookback`);let t=null;for(let c=1;;c++){let y=(await $(`reading the history of ${o.slice(0,7)}`,()=>n.graphql(E,{owner:d,name:r,oid:o,since:a.toISOString(),after:t}))).repository?.object?.history;if(!y)break;let I=0,b=p(y.nodes);for(let h of b)i.has(h.oid)?I++:i.set(h.oid,{oid:h.oid,authoredAt:h.authoredDate,committedAt:h.committedDate,parents:p(h.parents.nodes).map(D=>D.oid)});if(!y.pageInfo.hasNextPage||b.length>0&&I===b.length)break;if(c>=x)throw new m(`the history of ${o.slice(0,7)} in ${g} has more than ${x*100} commits since ${a.toISOString()}: shorten analytics.lookback`);t=S(y.pageInfo,t,`reading the history of ${o.slice(0,7)} in ${g}`)}}return[...i.values()]},async incidents(s,a){let e=[],i=null;for(let u=1;;u++){let o=(await $(`listing the issues labelled "${s}"`,()=>n.graphql(_,{owner:d,name:r,labels:[s],since:a.toISOString(),after:i}))).repository?.issues;if(!o)throw new m(`listing issues in ${g} failed: the repository was not found, or the token cannot see it`);for(let t of p(o.nodes))e.push({number:t.number,url:t.url,title:t.title,body:t.body,state:t.state==="CLOSED"?"closed":"open",createdAt:t.createdAt,closedAt:t.closedAt,labels:p(t.labels?.nodes).map(c=>c.name),comments:p(t.comments.nodes).map(c=>({createdAt:c.createdAt,body:c.body,byBot:c.author?.__typename==="Bot"}))});if(!o.pageInfo.hasNextPage)return e;if(u>=P)throw new m(`more than ${P*50} issues labelled "${s}" in ${g} since ${a.toISOString()}`);i=S(o.pageInfo,i,`listing the issues labelled "${s}" in ${g}`)}},async releases(s){let a=[];for(let e=1;e<=L;e++){let{data:i}=await $("listing releases",()=>n.rest.repos.listReleases({owner:d,repo:r,per_page:100,page:e}));for(let l of i){let o=l.published_at??l.created_at;Date.parse(o)>=s.getTime()&&a.push({tagName:l.tag_name,targetCommitish:l.target_commitish,publishedAt:l.published_at,draft:l.draft,prerelease:l.prerelease})}let u=i.at(-1);if(i.length<100||u&&Date.parse(u.created_at)<s.getTime())return a}return a},async workflowRuns(s){let{data:a}=await $(`listing the workflow runs of ${s.slice(0,7)}`,()=>n.rest.actions.listWorkflowRunsForRepo({owner:d,repo:r,head_sha:s,per_page:100}));return a.workflow_runs.map(e=>({id:e.id,name:e.name??"",headSha:e.head_sha,status:e.status??"",conclusion:e.conclusion??null,createdAt:e.created_at,updatedAt:e.updated_at,url:e.html_url}))}}}export{F as githubDeliverySource};
