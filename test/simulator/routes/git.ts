import { createHash } from "node:crypto";
import { HttpError, notFound, validationFailed } from "../route.ts";
import type { RouteContext, RouteTable } from "../route.ts";
import { commit } from "../representations.ts";
import type { Commit, RepoState, TagObject } from "../state.ts";

function gitRef(context: RouteContext, repo: RepoState, name: string, sha: string): Record<string, unknown> {
  const type = repo.tagObjects.has(sha) ? "tag" : "commit";
  return {
    ref: `refs/${name}`,
    node_id: `REF_${name}`,
    url: `${context.urls.api}/repos/${repo.repo.fullName}/git/refs/${name}`,
    object: { type, sha, url: `${context.urls.api}/repos/${repo.repo.fullName}/git/${type === "tag" ? "tags" : "commits"}/${sha}` },
  };
}

function gitTag(context: RouteContext, repo: RepoState, tag: TagObject): Record<string, unknown> {
  const base = `${context.urls.api}/repos/${repo.repo.fullName}/git`;
  return {
    node_id: `TAG_${tag.sha}`,
    tag: tag.tag,
    sha: tag.sha,
    url: `${base}/tags/${tag.sha}`,
    message: tag.message,
    tagger: tag.tagger,
    object: { type: tag.type, sha: tag.object, url: `${base}/${tag.type}s/${tag.object}` },
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

function gitCommit(context: RouteContext, repo: RepoState, c: Commit): Record<string, unknown> {
  const base = `${context.urls.api}/repos/${repo.repo.fullName}/git`;
  const person = { name: c.author.name, email: c.author.email, date: c.author.date };
  return {
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${base}/commits/${c.sha}`,
    html_url: `${context.urls.html}/${repo.repo.fullName}/commit/${c.sha}`,
    author: person,
    committer: person,
    message: c.message,
    tree: { sha: c.tree, url: `${base}/trees/${c.tree}` },
    parents: c.parents.map((p) => ({ sha: p, url: `${base}/commits/${p}`, html_url: `${context.urls.html}/${repo.repo.fullName}/commit/${p}` })),
    verification: c.verified
      ? { verified: true, reason: "valid", signature: "-----BEGIN PGP SIGNATURE-----", payload: c.message, verified_at: c.author.date }
      : { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

interface TreeEntry {
  path?: string;
  mode?: string;
  type?: string;
  sha?: string | null;
  content?: string;
}

/** Files the simulator's flat trees hold: blobs only, paths with slashes. */
function applyTreeEntries(repo: RepoState, base: ReadonlyMap<string, string>, entries: TreeEntry[]): Map<string, string> {
  const result = new Map(base);
  for (const [index, entry] of entries.entries()) {
    if (!entry.path) throw validationFailed("Tree", `tree[${index}].path`, "missing_field");
    if (entry.sha !== undefined && entry.content !== undefined) throw new HttpError(422, "Must supply either tree.sha or tree.content, not both");
    if (entry.type !== undefined && entry.type !== "blob") throw new HttpError(422, `the simulator stores blobs only, not ${entry.type} (${entry.path})`);
    if (entry.content !== undefined) result.set(entry.path, repo.addBlob(entry.content));
    else if (entry.sha === null) result.delete(entry.path);
    else if (entry.sha !== undefined && repo.blobs.has(entry.sha)) result.set(entry.path, entry.sha);
    else throw validationFailed("Tree", `tree[${index}].sha`, "invalid", `${entry.sha ?? "(none)"} is not a blob`);
  }
  return result;
}

function treeBody(context: RouteContext, repo: RepoState, sha: string): Record<string, unknown> {
  const base = `${context.urls.api}/repos/${repo.repo.fullName}/git`;
  const entries = [...(repo.trees.get(sha) ?? new Map<string, string>())].map(([path, blob]) => ({
    path,
    mode: "100644",
    type: "blob",
    sha: blob,
    size: Buffer.byteLength(repo.blobs.get(blob) ?? ""),
    url: `${base}/blobs/${blob}`,
  }));
  return { sha, url: `${base}/trees/${sha}`, tree: entries, truncated: false };
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
    if (!repo.commits.has(body.sha) && !repo.tagObjects.has(body.sha)) throw validationFailed("Reference", "sha", "invalid", "Object does not exist");
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
    if (!body.force && !repo.ancestors(body.sha).has(repo.peel(current))) throw validationFailed("Reference", "sha", "invalid", "Update is not a fast forward");
    repo.refs.set(name, body.sha);
    return { status: 200, body: gitRef(context, repo, name, body.sha) };
  },

  "git/delete-ref": (context) => {
    const repo = context.repo();
    const name = refName(context.params.ref as string);
    if (!repo.refs.delete(name)) throw validationFailed("Reference", "ref", "invalid", "Reference does not exist");
    return { status: 204 };
  },

  "git/create-tag": (context) => {
    const repo = context.repo();
    const body = context.body as { tag: string; message: string; object: string; type: TagObject["type"]; tagger?: { name: string; email: string; date?: string } };
    if (body.type !== "commit" || !repo.commits.has(body.object)) throw validationFailed("Tag", "object", "invalid", "Object does not exist");
    const date = body.tagger?.date ?? context.state.now();
    const tagger = { name: body.tagger?.name ?? context.actor.login, email: body.tagger?.email ?? `${context.actor.id}+${context.actor.login}@users.noreply.github.com`, date };
    // A new object each time, as on GitHub: two identical requests at different times give two tag objects.
    const sha = createHash("sha1").update(`tag\0${body.tag}\0${body.object}\0${body.message}\0${date}\0${repo.tagObjects.size}`).digest("hex");
    const tag: TagObject = { sha, tag: body.tag, message: body.message, object: body.object, type: body.type, tagger };
    repo.tagObjects.set(sha, tag);
    return { status: 201, body: gitTag(context, repo, tag), headers: { location: `${context.urls.api}/repos/${repo.repo.fullName}/git/tags/${sha}` } };
  },

  "git/get-tag": (context) => {
    const repo = context.repo();
    const tag = repo.tagObjects.get(context.params.tag_sha as string);
    if (!tag) throw notFound();
    return { status: 200, body: gitTag(context, repo, tag) };
  },

  "git/get-commit": (context) => {
    const repo = context.repo();
    const found = repo.commits.get(context.params.commit_sha as string);
    if (!found) throw notFound();
    return { status: 200, body: gitCommit(context, repo, found) };
  },

  "git/get-tree": (context) => {
    const repo = context.repo();
    const sha = context.params.tree_sha as string;
    if (!repo.trees.has(sha)) throw notFound();
    return { status: 200, body: treeBody(context, repo, sha) };
  },

  "git/create-blob": (context) => {
    const repo = context.repo();
    const body = context.body as { content: string; encoding?: string };
    const content = body.encoding === "base64" ? Buffer.from(body.content, "base64").toString("utf8") : body.content;
    const sha = repo.addBlob(content);
    return { status: 201, body: { sha, url: `${context.urls.api}/repos/${repo.repo.fullName}/git/blobs/${sha}` } };
  },

  "git/create-tree": (context) => {
    const repo = context.repo();
    const body = context.body as { tree: TreeEntry[]; base_tree?: string };
    const base = body.base_tree === undefined ? new Map<string, string>() : repo.trees.get(body.base_tree);
    if (!base) throw validationFailed("Tree", "base_tree", "invalid", "base_tree is not a tree");
    const sha = repo.addTree(applyTreeEntries(repo, base, body.tree));
    return { status: 201, body: treeBody(context, repo, sha) };
  },

  "git/create-commit": (context) => {
    const repo = context.repo();
    const body = context.body as { message: string; tree: string; parents?: string[]; author?: { name: string; email: string; date?: string } };
    if (!repo.trees.has(body.tree)) throw validationFailed("Commit", "tree", "invalid", "Tree does not exist");
    const parents = body.parents ?? [];
    for (const parent of parents) if (!repo.commits.has(parent)) throw validationFailed("Commit", "parents", "invalid", `${parent} is not a commit`);
    const date = body.author?.date ?? context.state.now();
    const author = { name: body.author?.name ?? context.actor.login, email: body.author?.email ?? `${context.actor.id}+${context.actor.login}@users.noreply.github.com`, date };
    const sha = createHash("sha1").update(`commit\0${body.tree}\0${parents.join(",")}\0${body.message}\0${date}`).digest("hex");
    const parentTree = repo.trees.get(repo.commits.get(parents[0] ?? "")?.tree ?? "") ?? new Map<string, string>();
    const tree = repo.trees.get(body.tree) as ReadonlyMap<string, string>;
    const paths = new Set([...parentTree.keys(), ...tree.keys()]);
    const files = [...paths]
      .filter((path) => parentTree.get(path) !== tree.get(path))
      .map((path) => ({ filename: path, status: (!parentTree.has(path) ? "added" : !tree.has(path) ? "removed" : "modified") as "added" | "removed" | "modified", additions: 0, deletions: 0 }));
    const created: Commit = { sha, parents, message: body.message, author, files, sequence: context.state.nextSequence(), tree: body.tree, verified: !body.author };
    repo.commits.set(sha, created);
    return { status: 201, body: gitCommit(context, repo, created), headers: { location: `${context.urls.api}/repos/${repo.repo.fullName}/git/commits/${sha}` } };
  },

  "repos/list-tags": (context) => {
    const repo = context.repo();
    const tags = repo.refs
      .keys()
      .filter((name) => name.startsWith("tags/"))
      .reverse()
      .map((name) => ({ name: name.slice("tags/".length), sha: repo.peel(repo.refs.get(name) as string) }));
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
