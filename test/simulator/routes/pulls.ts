import { HttpError, notFound, validationFailed } from "../route.ts";
import type { RouteContext, RouteTable } from "../route.ts";
import { commit, diffEntry, pullRequest, review } from "../representations.ts";
import type { PullRequest } from "../state.ts";

/** GitHub lists at most 3000 files of a pull request. */
const MAX_PULL_FILES = 3000;

function findPull(context: RouteContext): PullRequest {
  const pull = context.repo().pulls.get(context.params.pull_number as number);
  if (!pull) throw notFound();
  return pull;
}

/** Fields of a full pull request that the list (pull-request-simple) does not carry. */
const FULL_ONLY = ["merged", "mergeable", "mergeable_state", "rebaseable", "merged_by", "additions", "deletions", "changed_files", "commits", "comments", "review_comments", "maintainer_can_modify"];

function simplePull(full: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(full).filter(([key]) => !FULL_ONLY.includes(key)));
}

export const pullsRoutes: RouteTable = {
  "pulls/get": (context) => ({ status: 200, body: pullRequest(context.state, context.urls, context.repo(), findPull(context)) }),

  "pulls/list": (context) => {
    const repo = context.repo();
    const { state = "open", head, base } = context.query as { state?: string; head?: string; base?: string };
    const pulls = repo.pulls
      .list((p) => (state === "all" || p.state === state) && (base === undefined || p.base.ref === base) && (head === undefined || `${p.head.repoFullName.split("/")[0]}:${p.head.ref}` === head))
      .reverse();
    return { status: 200, body: context.paginate(pulls).map((p) => simplePull(pullRequest(context.state, context.urls, repo, p))) };
  },

  "pulls/list-files": (context) => {
    const pull = findPull(context);
    const files = pull.files.slice(0, MAX_PULL_FILES);
    return { status: 200, body: context.paginate(files).map((file) => diffEntry(context.urls, context.repo(), pull.head.sha, file)) };
  },

  "pulls/list-commits": (context) => {
    const repo = context.repo();
    const pull = findPull(context);
    const excluded = repo.ancestors(pull.base.sha);
    const commits = [...repo.ancestors(pull.head.sha)]
      .filter((sha) => !excluded.has(sha))
      .map((sha) => repo.commits.get(sha))
      .filter((c) => c !== undefined)
      .sort((a, b) => a.sequence - b.sequence);
    return { status: 200, body: context.paginate(commits).map((c) => commit(context.state, context.urls, repo, c)) };
  },

  "pulls/list-reviews": (context) => {
    const repo = context.repo();
    const pull = findPull(context);
    const reviews = repo.reviews.list((r) => r.pullNumber === pull.number);
    return { status: 200, body: context.paginate(reviews).map((r) => review(context.state, context.urls, repo, r)) };
  },

  "pulls/create": (context) => {
    const repo = context.repo();
    const body = context.body as { title?: string; head: string; base: string; body?: string; draft?: boolean };
    const [headOwner, headBranch] = body.head.includes(":") ? (body.head.split(":", 2) as [string, string]) : [repo.repo.owner, body.head];
    if (headOwner.toLowerCase() !== repo.repo.owner.toLowerCase()) throw validationFailed("PullRequest", "head", "invalid", "the simulator opens pull requests from branches of the same repository only");
    const headSha = repo.refs.get(`heads/${headBranch}`);
    const baseSha = repo.refs.get(`heads/${body.base}`);
    if (!headSha) throw validationFailed("PullRequest", "head", "invalid");
    if (!baseSha) throw validationFailed("PullRequest", "base", "invalid");
    if (repo.pulls.list((p) => p.state === "open" && p.head.ref === headBranch && p.base.ref === body.base).length > 0) {
      throw new HttpError(422, "Validation Failed", { errors: [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${repo.repo.owner}:${headBranch}.` }] });
    }
    if (repo.ancestors(baseSha).has(headSha)) {
      throw new HttpError(422, "Validation Failed", { errors: [{ resource: "PullRequest", code: "custom", message: `No commits between ${body.base} and ${headBranch}` }] });
    }
    const pull = context.state.addPullRequest(repo.repo.fullName, {
      title: body.title ?? headBranch,
      body: body.body ?? null,
      user: context.actor.login,
      draft: body.draft ?? false,
      head: { ref: headBranch, sha: headSha },
      base: { ref: body.base, sha: baseSha },
    });
    return { status: 201, body: pullRequest(context.state, context.urls, repo, pull), headers: { location: `${context.urls.api}/repos/${repo.repo.fullName}/pulls/${pull.number}` } };
  },

  "pulls/update": (context) => {
    const repo = context.repo();
    const pull = findPull(context);
    const body = context.body as { title?: string; body?: string; state?: "open" | "closed"; base?: string };
    if (body.base !== undefined && !repo.refs.has(`heads/${body.base}`)) throw validationFailed("PullRequest", "base", "invalid");
    if (body.title !== undefined) pull.title = body.title;
    if (body.body !== undefined) pull.body = body.body;
    if (body.base !== undefined) pull.base = { ref: body.base, sha: repo.refs.get(`heads/${body.base}`) as string };
    if (body.state !== undefined && !pull.merged) {
      pull.state = body.state;
      pull.closedAt = body.state === "closed" ? context.state.now() : null;
    }
    pull.updatedAt = context.state.now();
    return { status: 200, body: pullRequest(context.state, context.urls, repo, pull) };
  },
};
