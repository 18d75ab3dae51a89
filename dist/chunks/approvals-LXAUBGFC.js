import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{e as w,g as $}from"./chunk-YRB2A3VW.js";import"./chunk-BYTEIPDW.js";import{b as R}from"./chunk-PGNQGJ27.js";import"./chunk-IU37KMBZ.js";function y(s,e,n){if(!s||typeof s.hasNextPage!="boolean")throw new R(`${n}: the API's answer has no page information (pageInfo); shipgate stops there`);if(!s.hasNextPage)return null;if(!s.endCursor||s.endCursor===e)throw new R(`${n}: the API says more pages follow but its cursor ${s.endCursor?`stays at "${s.endCursor}"`:"is missing"}; shipgate stops there`);return s.endCursor}var O=10;function B(s){let e=s.ruleset_source_type==="Organization"?`organization ${s.ruleset_source??"?"}`:s.ruleset_source??"this repository";return`ruleset ${s.ruleset_id??"?"} (${e})`}async function L(s,e,n){let t=new Map;if(n.length===0)return t;try{for(let r=1;r<=O;r++){let{data:o}=await s.rest.teams.list({org:e,per_page:100,page:r});for(let i of o)t.set(i.id,`${e}/${i.slug}`.toLowerCase());if(o.length<100||n.every(i=>t.has(i)))break}}catch(r){if(!$(r,403,404))throw w(r,`listing the teams of ${e}`)}return t}async function N(s,e,n){let[t,r]=await Promise.all([M(s,e,n),U(s,e,n)]);return{branch:n,layers:[...t,...r.layers],unreadable:r.unreadable}}async function M(s,e,n){let t=`${e.owner}/${e.repo}`,r=[];try{for(let u=1;u<=O;u++){let{data:l}=await s.rest.repos.getBranchRules({owner:e.owner,repo:e.repo,branch:n,per_page:100,page:u});if(r.push(...l.filter(c=>c.type==="pull_request")),l.length<100)break}}catch(u){throw w(u,`reading the rulesets of branch ${n} of ${t}`)}let o=[...new Set(r.flatMap(u=>(u.parameters??{}).required_reviewers?.map(l=>l.reviewer.id)??[]))],i=await L(s,e.owner,o);return r.map(u=>{let l=u.parameters??{},c=(l.required_reviewers??[]).map(p=>({team:i.get(p.reviewer.id)??null,teamId:p.reviewer.id,patterns:p.file_patterns,minimum:p.minimum_approvals}));return{name:B(u),requiredApprovals:l.required_approving_review_count??0,dismissStaleReviews:l.dismiss_stale_reviews_on_push??!1,codeOwnerReview:l.require_code_owner_review??!1,lastPushApproval:l.require_last_push_approval??!1,requiredReviewers:c}})}async function U(s,e,n){let t=[],r=[];try{let{data:o}=await s.rest.repos.getPullRequestReviewProtection({owner:e.owner,repo:e.repo,branch:n});t.push({name:`branch protection of ${n}`,requiredApprovals:o.required_approving_review_count??0,dismissStaleReviews:o.dismiss_stale_reviews,codeOwnerReview:o.require_code_owner_reviews,lastPushApproval:o.require_last_push_approval??!1,requiredReviewers:[]})}catch(o){if($(o,403))r.push(`the branch protection of ${n} could not be read (the token needs administration: read): its required reviews, if any, are not applied here`);else if(!$(o,404))throw w(o,`reading the branch protection of ${n} of ${e.owner}/${e.repo}`)}return{layers:t,unreadable:r}}async function q(s,e,n,t){let[r="",o=""]=e.split("/");try{let{data:i}=await s.rest.repos.listActivities({owner:r,repo:o,ref:`refs/heads/${n}`,per_page:30});return i.find(l=>l.after===t&&(l.activity_type==="push"||l.activity_type==="force_push"))?.actor?.login??void 0}catch(i){if($(i,403,404))return;throw w(i,`reading the pushes to ${n} of ${e}`)}}async function T(s,e,n,t){try{let{data:r}=await s.rest.repos.compareCommitsWithBasehead({owner:e.owner,repo:e.repo,basehead:`${n}...${t}`,per_page:1});return(r.files??[]).map(i=>[i.filename,i.previous_filename??"",i.status,i.patch??`${i.sha??""}`].join("\0")).sort().join("")}catch(r){if($(r,404,422))return;throw w(r,`comparing ${n}...${t.slice(0,7)} of ${e.owner}/${e.repo}`)}}async function S(s,e,n){let t={};for(let r of n){let o=r.replace(/^@/,"");try{if(o.includes("/")){let[i="",u=""]=o.split("/"),{data:l}=await s.rest.teams.checkPermissionsForRepoInOrg({org:i,team_slug:u,owner:e.owner,repo:e.repo,headers:{accept:"application/vnd.github.v3.repository+json"}}),c=l?.permissions;t[r]=c?.push===!0}else{let{data:i}=await s.rest.repos.getCollaboratorPermissionLevel({owner:e.owner,repo:e.repo,username:o});t[r]=i.user?.permissions?.push===!0||i.permission==="admin"||i.permission==="write"}}catch(i){if($(i,404))t[r]=!1;else if(!$(i,403))throw w(i,`reading the access of code owner ${r} to ${e.owner}/${e.repo}`)}}return t}var P=`
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
}`;function C(s){return`repositories(first: 100, query: $repo)${s} { pageInfo { hasNextPage } edges { permission node { nameWithOwner } } }`}function v(s){let e=["$repo: String!"],n=[];for(let t=0;t<s;t++)e.push(`$org${t}: String!, $slug${t}: String!, $after${t}: String, $members${t}: Boolean!, $access${t}: Boolean!`),n.push(`
  t${t}: organization(login: $org${t}) {
    team(slug: $slug${t}) {
      members(first: 100, after: $after${t}, membership: ALL) @include(if: $members${t}) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
      }
      ${C(` @include(if: $access${t})`)}
      ancestors(first: 10) @include(if: $access${t}) { pageInfo { hasNextPage } nodes { ${C("")} } }
    }
  }`);return`
query ShipgateTeams(${e.join(", ")}) {${n.join("")}
}`}var W=`
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
}`,F=`
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
}`,A=`
query ShipgateMergeQueueEntries($owner: String!, $name: String!, $branch: String!) {
  repository(owner: $owner, name: $name) {
    mergeQueue(branch: $branch) {
      entries(first: 100) {
        nodes { position headCommit { oid } pullRequest { number } }
      }
    }
  }
}`,Q=`
query ShipgateIssueBodyEdits($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      userContentEdits(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { editedAt deletedAt diff editor { __typename login } }
      }
    }
  }
}`,ne={PULL_REQUEST_APPROVALS:P,TEAMS:v(2),MERGE_QUEUE_ENTRIES:A,DEPLOYMENTS_WITH_STATUSES:W,COMMIT_HISTORY:k,LABELLED_ISSUES_WITH_COMMENTS:F,ISSUE_BODY_EDITS:Q};var j=50,G=new Set(["WRITE","MAINTAIN","ADMIN"]),H=new Set(["NOT_FOUND","FORBIDDEN","INSUFFICIENT_SCOPES"]);function z(s,e){let n=[s.repositories,...(s.ancestors?.nodes??[]).map(r=>r?.repositories)].filter(r=>r!==void 0);if(n.flatMap(r=>r.edges).flatMap(r=>r&&r.node.nameWithOwner.toLowerCase()===e?[r.permission]:[]).some(r=>G.has(r)))return!0;if(!(s.ancestors?.pageInfo.hasNextPage||n.some(r=>r.pageInfo.hasNextPage)))return!1}async function X(s,e,n){let t=`${e.owner}/${e.repo}`.toLowerCase(),r={members:{},access:new Map,overflowing:[]},o=n;for(let i=0;i<j&&o.length>0;i++){let u=o.slice(0,10);o=o.slice(10);let l={repo:e.repo};u.forEach((a,m)=>{let[g="",d=""]=a.slug.split("/");Object.assign(l,{[`org${m}`]:g,[`slug${m}`]:d,[`after${m}`]:a.after,[`members${m}`]:a.members,[`access${m}`]:a.access})});let c,p=new Map;try{c=await s.graphql(v(u.length),l)}catch(a){let m=a,g=m.name==="GraphqlResponseError"?m.errors??[]:void 0;if(!g||!g.every(d=>H.has(d.type??"")))throw w(a,`reading the teams ${u.map(d=>`@${d.slug}`).join(", ")}`);for(let d of g)p.set(String(d.path?.[0]??""),d.type??"");c=m.data??{}}u.forEach((a,m)=>{let g=p.get(`t${m}`),d=g===void 0?c[`t${m}`]?.team:null;if(a.access){let f=d?z(d,t):g===void 0||g==="NOT_FOUND"?!1:void 0;f!==void 0?r.access.set(a.slug,f):d&&r.overflowing.push(a.slug)}if(!a.members)return;if(!d?.members){r.members[a.slug]=void 0;return}let _=r.members[a.slug]??=[];for(let f of d.members.nodes)f&&_.push(f.login);let b=y(d.members.pageInfo,a.after,`reading the members of @${a.slug}`);b!==null&&o.push({slug:a.slug,members:!0,access:!1,after:b})})}return r}async function I(s,e,n,t){let r=a=>a.replace(/^@/,"").toLowerCase(),o=t.filter(a=>a.includes("/")),i=new Map;for(let a of n)i.set(a,{slug:a,members:!0,access:!1,after:null});for(let a of o){let m=r(a);i.set(m,{...i.get(m)??{slug:m,members:!1,after:null},access:!0})}let[u,l]=await Promise.all([X(s,e,[...i.values()]),S(s,e,t.filter(a=>!a.includes("/")))]),c=await S(s,e,o.filter(a=>u.overflowing.includes(r(a)))),p={...l,...c};for(let a of o){let m=u.access.get(r(a));m!==void 0&&(p[a]=m)}return{members:u.members,ownerAccess:p}}var V=50;function D(s){let e=s;return e.name==="GraphqlResponseError"&&Array.isArray(e.errors)?e.errors.map(n=>n.type??""):void 0}function Y(s){let e=s.timelineItems?.nodes.at(-1);if(!e)return{login:null,from:"no push in the timeline"};if(e.__typename==="HeadRefForcePushedEvent")return{login:e.actor?.login??null,from:"the actor of the latest force push"};let n=e.commit?.committer?.user?.login;return n&&n!=="web-flow"?{login:n,from:"the committer of the latest commit"}:{login:e.commit?.author?.user?.login??null,from:"the author of the latest commit, committed on the web"}}function J(s){let e=/(?:^|\/)pr-(\d+)-[0-9a-f]{40}$/.exec(s);return e?Number(e[1]):void 0}var K={github:".github/CODEOWNERS",root:"CODEOWNERS",docs:"docs/CODEOWNERS"};function Z(s,e){let n=s.baseRef?.target;if(!n)return null;for(let[t,r]of Object.entries(K)){let o=n[t]?.object;if(!(!o||typeof o.text!="string")){if(o.isTruncated)throw new R(`reading ${r} of ${e} failed: GitHub returned it truncated (${o.byteSize??"?"} bytes)`);return{path:r,text:o.text}}}return null}function we(s,e){let n=`${e.owner}/${e.repo}`;return{async mergedPullRequestOf(t){try{let{data:r}=await s.rest.repos.listPullRequestsAssociatedWithCommit({owner:e.owner,repo:e.repo,commit_sha:t,per_page:100}),o=r.filter(l=>l.merged_at),i=o.find(l=>l.merge_commit_sha===t),u=[...o].sort((l,c)=>Date.parse(c.merged_at??"")-Date.parse(l.merged_at??""))[0];return(i??u)?.number}catch(r){throw w(r,`finding the pull request of commit ${t.slice(0,7)} in ${n}`)}},async pullRequest(t,r=!1){let o=`reading pull request #${t} of ${n}`,i,u=[],l={},c=[],p,a=null,m=null,g=!0,d=!0;for(let b=0;b<V&&(g||d);b++){let f;try{f=(await s.graphql(P,{owner:e.owner,name:e.repo,number:t,first:b===0,withReviews:g,withFiles:d,reviewsAfter:a,filesAfter:m})).repository?.pullRequest}catch(h){if(D(h)?.includes("NOT_FOUND"))f=null;else throw w(h,o)}if(!f)throw new R(`${o} failed: not found, or the token cannot see it`);if(p??=f,r&&!i&&(i=N(s,e,f.baseRefName),i.catch(()=>{})),g&&f.reviews){for(let h of f.reviews.nodes){if(!h)continue;let E=h.author?.login??null;u.push({id:Number(h.fullDatabaseId??0),author:E,authorIsBot:h.author?.__typename==="Bot",state:h.state,commitId:h.commit?.oid??"",submittedAt:h.submittedAt??""}),E&&(l[E]=h.authorCanPushToRepository?"write":"read")}a=y(f.reviews.pageInfo,a,`${o}: the reviews`),g=a!==null}else g=!1;if(d&&f.files){for(let h of f.files.nodes)h&&c.push(h.path);m=y(f.files.pageInfo,m,`${o}: the changed files`),d=m!==null}else d=!1}if(!p)throw new R(`${o} failed: no answer`);let _=Y(p);return{number:t,author:p.author?.login??"",headSha:p.headRefOid,baseRef:p.baseRefName,headRef:p.headRefName,headRepository:p.headRepository?.nameWithOwner??null,lastPusher:_.login,lastPusherFrom:_.from,fromFork:p.isCrossRepository,reviews:u,changedFiles:c,codeowners:Z(p,n),permissions:l,...i?{branchRules:await i}:{}}},teamsAndOwners:(t,r)=>I(s,e,t,r),pusherOf:t=>t.headRepository?q(s,t.headRepository,t.headRef,t.headSha):Promise.resolve(void 0),diffAt:(t,r)=>T(s,e,t,r),async mergeGroupPulls(t,r,o){let i=[];try{i=((await s.graphql(A,{owner:e.owner,name:e.repo,branch:t})).repository?.mergeQueue?.entries.nodes??[]).filter(p=>p!==null)}catch(c){if(!D(c))throw w(c,`reading the merge queue of ${t} in ${n}`)}let u=i.find(c=>c.headCommit?.oid===r);if(u)return i.filter(c=>c.position<=u.position&&c.pullRequest).sort((c,p)=>c.position-p.position).map(c=>c.pullRequest.number);let l=J(o);return l===void 0?[]:[l]},async openPullOfHead(t,r,o){let[i=""]=t.split("/");try{let{data:u}=await s.rest.pulls.list({owner:e.owner,repo:e.repo,head:`${i}:${r}`,state:"open",per_page:100});return u.find(l=>l.head.sha===o)?.number}catch(u){throw w(u,`finding the open pull request of ${t}:${r} in ${n}`)}}}}export{we as createApprovalsSource};
