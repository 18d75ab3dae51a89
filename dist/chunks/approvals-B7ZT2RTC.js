import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as h}from"./chunk-Z3SYOGYG.js";import{b as p}from"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";var w=`
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
}`;var y=50;function S(f){let e=f;return e.name==="GraphqlResponseError"&&Array.isArray(e.errors)?e.errors.map(o=>o.type??""):void 0}function P(f){let e=f.timelineItems?.nodes.at(-1);if(!e)return null;if(e.__typename==="HeadRefForcePushedEvent")return e.actor?.login??null;let o=e.commit?.committer?.user?.login;return o&&o!=="web-flow"?o:e.commit?.author?.user?.login??null}var _={github:".github/CODEOWNERS",root:"CODEOWNERS",docs:"docs/CODEOWNERS"};function O(f,e){let o=f.baseRef?.target;if(!o)return null;for(let[s,i]of Object.entries(_)){let n=o[s]?.object;if(!(!n||typeof n.text!="string")){if(n.isTruncated)throw new p(`reading ${i} of ${e} failed: GitHub returned it truncated (${n.byteSize??"?"} bytes)`);return{path:i,text:n.text}}}return null}function C(f,e){let o=`${e.owner}/${e.repo}`;return{async mergedPullRequestOf(s){try{let{data:i}=await f.rest.repos.listPullRequestsAssociatedWithCommit({owner:e.owner,repo:e.repo,commit_sha:s,per_page:100}),n=i.filter(t=>t.merged_at),c=n.find(t=>t.merge_commit_sha===s),m=[...n].sort((t,g)=>Date.parse(g.merged_at??"")-Date.parse(t.merged_at??""))[0];return(c??m)?.number}catch(i){throw h(i,`finding the pull request of commit ${s.slice(0,7)} in ${o}`)}},async pullRequest(s){let i=`reading pull request #${s} of ${o}`,n=[],c={},m=[],t,g=null,u=null,l=!0,d=!0;for(let b=0;b<y&&(l||d);b++){let a;try{a=(await f.graphql(w,{owner:e.owner,name:e.repo,number:s,first:b===0,withReviews:l,withFiles:d,reviewsAfter:g,filesAfter:u})).repository?.pullRequest}catch(r){if(S(r)?.includes("NOT_FOUND"))a=null;else throw h(r,i)}if(!a)throw new p(`${i} failed: not found, or the token cannot see it`);if(t??=a,l&&a.reviews){for(let r of a.reviews.nodes){if(!r)continue;let R=r.author?.login??null;n.push({id:Number(r.fullDatabaseId??0),author:R,authorIsBot:r.author?.__typename==="Bot",state:r.state,commitId:r.commit?.oid??"",submittedAt:r.submittedAt??""}),R&&(c[R]=r.authorCanPushToRepository?"write":"read")}l=a.reviews.pageInfo.hasNextPage,g=a.reviews.pageInfo.endCursor}else l=!1;if(d&&a.files){for(let r of a.files.nodes)r&&m.push(r.path);d=a.files.pageInfo.hasNextPage,u=a.files.pageInfo.endCursor}else d=!1}if(!t)throw new p(`${i} failed: no answer`);return{number:s,author:t.author?.login??"",headSha:t.headRefOid,lastPusher:P(t),fromFork:t.isCrossRepository,reviews:n,changedFiles:m,codeowners:O(t,o),permissions:c}},async teamMembers(s){let[i="",n=""]=s.split("/"),c=[],m=null;for(let t=0;t<y;t++)try{let u=(await f.graphql(E,{org:i,slug:n,after:m})).organization?.team?.members;if(!u)return;for(let l of u.nodes)l&&c.push(l.login);if(!u.pageInfo.hasNextPage)return c;m=u.pageInfo.endCursor}catch(g){let u=S(g);if(u&&u.every(l=>l==="NOT_FOUND"||l==="FORBIDDEN"||l==="INSUFFICIENT_SCOPES"))return;throw h(g,`reading the members of @${s}`)}return c}}}export{C as createApprovalsSource};
