import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as h}from"./chunk-I4QYKTZ4.js";import{b as d}from"./chunk-N56HDRIJ.js";import"./chunk-5ISQAII6.js";var w=`
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
}`,E=`
query ShipgateTeamMembers($org: String!, $slug: String!, $after: String) {
  organization(login: $org) {
    team(slug: $slug) {
      members(first: 100, after: $after, membership: ALL) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
      }
    }
  }
}`;var y=50;function S(f){let e=f;return e.name==="GraphqlResponseError"&&Array.isArray(e.errors)?e.errors.map(n=>n.type??""):void 0}function P(f){let e=f.timelineItems?.nodes.at(-1);if(!e)return null;if(e.__typename==="HeadRefForcePushedEvent")return e.actor?.login??null;let n=e.commit?.committer?.user?.login;return n&&n!=="web-flow"?n:e.commit?.author?.user?.login??null}var _={github:".github/CODEOWNERS",root:"CODEOWNERS",docs:"docs/CODEOWNERS"};function O(f,e){let n=f.baseRef?.target;if(!n)return null;for(let[s,i]of Object.entries(_)){let o=n[s]?.object;if(!(!o||typeof o.text!="string")){if(o.isTruncated)throw new d(`reading ${i} of ${e} failed: GitHub returned it truncated (${o.byteSize??"?"} bytes)`);return{path:i,text:o.text}}}return null}function v(f,e){let n=`${e.owner}/${e.repo}`;return{async mergedPullRequestOf(s){try{let{data:i}=await f.rest.repos.listPullRequestsAssociatedWithCommit({owner:e.owner,repo:e.repo,commit_sha:s,per_page:100}),o=i.filter(t=>t.merged_at),c=o.find(t=>t.merge_commit_sha===s),g=[...o].sort((t,m)=>Date.parse(m.merged_at??"")-Date.parse(t.merged_at??""))[0];return(c??g)?.number}catch(i){throw h(i,`finding the pull request of commit ${s.slice(0,7)} in ${n}`)}},async pullRequest(s){let i=`reading pull request #${s} of ${n}`,o=[],c={},g=[],t,m=null,u=null,l=!0,p=!0;for(let b=0;b<y&&(l||p);b++){let a;try{a=(await f.graphql(w,{owner:e.owner,name:e.repo,number:s,first:b===0,withReviews:l,withFiles:p,reviewsAfter:m,filesAfter:u})).repository?.pullRequest}catch(r){if(S(r)?.includes("NOT_FOUND"))a=null;else throw h(r,i)}if(!a)throw new d(`${i} failed: not found, or the token cannot see it`);if(t??=a,l&&a.reviews){for(let r of a.reviews.nodes){if(!r)continue;let R=r.author?.login??null;o.push({id:Number(r.fullDatabaseId??0),author:R,authorIsBot:r.author?.__typename==="Bot",state:r.state,commitId:r.commit?.oid??"",submittedAt:r.submittedAt??""}),R&&(c[R]=r.authorCanPushToRepository?"write":"read")}l=a.reviews.pageInfo.hasNextPage,m=a.reviews.pageInfo.endCursor}else l=!1;if(p&&a.files){for(let r of a.files.nodes)r&&g.push(r.path);p=a.files.pageInfo.hasNextPage,u=a.files.pageInfo.endCursor}else p=!1}if(!t)throw new d(`${i} failed: no answer`);return{number:s,author:t.author?.login??"",headSha:t.headRefOid,lastPusher:P(t),fromFork:t.isCrossRepository,reviews:o,changedFiles:g,codeowners:O(t,n),permissions:c}},async teamMembers(s){let[i="",o=""]=s.split("/"),c=[],g=null;for(let t=0;t<y;t++)try{let u=(await f.graphql(E,{org:i,slug:o,after:g})).organization?.team?.members;if(!u)return;for(let l of u.nodes)l&&c.push(l.login);if(!u.pageInfo.hasNextPage)return c;g=u.pageInfo.endCursor}catch(m){let u=S(m);if(u&&u.every(l=>l==="NOT_FOUND"||l==="FORBIDDEN"||l==="INSUFFICIENT_SCOPES"))return;throw h(m,`reading the members of @${s}`)}return c}}}export{v as createApprovalsSource};
