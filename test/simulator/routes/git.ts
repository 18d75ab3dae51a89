import { notFound, validationFailed } from "../route.ts";
import type { RouteContext, RouteTable } from "../route.ts";
import { commit } from "../representations.ts";
import type { RepoState } from "../state.ts";

function gitRef(context: RouteContext, repo: RepoState, name: string, sha: string): Record<string, unknown> {
  return {
    ref: `refs/${name}`,
    node_id: `REF_${name}`,
    url: `${context.urls.api}/repos/${repo.repo.fullName}/git/refs/${name}`,
    object: { type: "commit", sha, url: `${context.urls.api}/repos/${repo.repo.fullName}/git/commits/${sha}` },
  };
}

/** Refs as the git database API names them: "heads/main", "tags/v1.0.0" (the API takes and gives "refs/..." too). */
function refName(raw: string): string {
  return raw.replace(/^refs\//, "");
}

export const gitRoutes: RouteTable = {
  "git/get-ref": (context) => {
    const repo = context.repo();
    const name = refName(context.params.ref as string);
    const sha = repo.refs.get(name);
    if (!sha) throw notFound();
    return { status: 200, body: gitRef(context, repo, name, sha) };
  },

  "git/list-matching-refs": (context) => {
    const repo = context.repo();
    const prefix = refName(context.params.ref as string);
    const names = repo.refs.keys().filter((name) => name.startsWith(prefix)).sort();
    return { status: 200, body: names.map((name) => gitRef(context, repo, name, repo.refs.get(name) as string)) };
  },

  "git/create-ref": (context) => {
    const repo = context.repo();
    const body = context.body as { ref: string; sha: string };
    if (!body.ref.startsWith("refs/") || body.ref.split("/").length < 3) throw validationFailed("Reference", "ref", "invalid", "ref must be fully qualified (refs/heads/..., refs/tags/...)");
    const name = refName(body.ref);
    if (repo.refs.has(name)) throw validationFailed("Reference", "ref", "already_exists", "Reference already exists");
    if (!repo.commits.has(body.sha)) throw validationFailed("Reference", "sha", "invalid", "Object does not exist");
    repo.refs.set(name, body.sha);
    return { status: 201, body: gitRef(context, repo, name, body.sha), headers: { location: `${context.urls.api}/repos/${repo.repo.fullName}/git/refs/${name}` } };
  },

  "git/update-ref": (context) => {
    const repo = context.repo();
    const name = refName(context.params.ref as string);
    const body = context.body as { sha: string; force?: boolean };
    const current = repo.refs.get(name);
    if (!current) throw validationFailed("Reference", "ref", "invalid", "Reference does not exist");
    if (!repo.commits.has(body.sha)) throw validationFailed("Reference", "sha", "invalid", "Object does not exist");
    if (!body.force && !repo.ancestors(body.sha).has(current)) throw validationFailed("Reference", "sha", "invalid", "Update is not a fast forward");
    repo.refs.set(name, body.sha);
    return { status: 200, body: gitRef(context, repo, name, body.sha) };
  },

  "git/delete-ref": (context) => {
    const repo = context.repo();
    const name = refName(context.params.ref as string);
    if (!repo.refs.delete(name)) throw validationFailed("Reference", "ref", "invalid", "Reference does not exist");
    return { status: 204 };
  },

  "repos/list-tags": (context) => {
    const repo = context.repo();
    const tags = repo.refs
      .keys()
      .filter((name) => name.startsWith("tags/"))
      .reverse()
      .map((name) => ({ name: name.slice("tags/".length), sha: repo.refs.get(name) as string }));
    const base = `${context.urls.api}/repos/${repo.repo.fullName}`;
    return {
      status: 200,
      body: context.paginate(tags).map((tag) => ({
        name: tag.name,
        node_id: `TAG_${tag.name}`,
        commit: { sha: tag.sha, url: `${base}/commits/${tag.sha}` },
        zipball_url: `${base}/zipball/refs/tags/${encodeURIComponent(tag.name)}`,
        tarball_url: `${base}/tarball/refs/tags/${encodeURIComponent(tag.name)}`,
      })),
    };
  },

  "repos/list-commits": (context) => {
    const repo = context.repo();
    const start = repo.resolveRef((context.query.sha as string | undefined) ?? repo.repo.defaultBranch);
    if (!start) throw notFound();
    const commits = [...repo.ancestors(start)].map((sha) => repo.commits.get(sha)).filter((c) => c !== undefined).sort((a, b) => b.sequence - a.sequence);
    return { status: 200, body: context.paginate(commits).map((c) => commit(context.state, context.urls, repo, c)) };
  },
};
