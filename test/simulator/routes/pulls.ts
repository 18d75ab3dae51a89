import { notFound, validationFailed } from "../route.ts";
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

export const pullsRoutes: RouteTable = {
  "pulls/get": (context) => ({ status: 200, body: pullRequest(context.state, context.urls, context.repo(), findPull(context)) }),

  "pulls/list": (context) => {
    const repo = context.repo();
    const { state = "open", head, base } = context.query as { state?: string; head?: string; base?: string };
    const pulls = repo.pulls
      .list((p) => (state === "all" || p.state === state) && (base === undefined || p.base.ref === base) && (head === undefined || `${p.head.repoFullName.split("/")[0]}:${p.head.ref}` === head))
      .reverse();
    return { status: 200, body: context.paginate(pulls).map((p) => pullRequest(context.state, context.urls, repo, p)) };
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
