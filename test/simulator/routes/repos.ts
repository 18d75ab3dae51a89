import { HttpError, notFound } from "../route.ts";
import type { RouteContext, RouteResult, RouteTable } from "../route.ts";
import { commit, diffEntry, repository } from "../representations.ts";
import type { Commit, FileChange, RepoState } from "../state.ts";

/** GitHub's compare lists at most 300 files, and 250 commits when no page is asked for. */
const MAX_COMPARE_FILES = 300;
const MAX_UNPAGED_COMMITS = 250;

function commitsBetween(repo: RepoState, fromSha: string, toSha: string): Commit[] {
  const excluded = repo.ancestors(fromSha);
  return [...repo.ancestors(toSha)]
    .filter((sha) => !excluded.has(sha))
    .map((sha) => repo.commits.get(sha))
    .filter((c): c is Commit => c !== undefined)
    .sort((a, b) => a.sequence - b.sequence);
}

/**
 * The files changed over a range, from the changes each commit records against its first parent: a file
 * changed by several commits gets the summed counts and, in order, the hunks of each commit.
 */
function filesOf(commits: Commit[]): FileChange[] {
  const byName = new Map<string, FileChange>();
  for (const c of commits) {
    for (const file of c.files) {
      const earlier = byName.get(file.filename);
      if (!earlier) {
        byName.set(file.filename, { ...file });
        continue;
      }
      const patch = [earlier.patch, file.patch].filter((p) => p !== undefined).join("\n");
      byName.set(file.filename, {
        ...earlier,
        status: earlier.status === "added" ? (file.status === "removed" ? "unchanged" : "added") : file.status,
        additions: earlier.additions + file.additions,
        deletions: earlier.deletions + file.deletions,
        ...(patch ? { patch } : {}),
      });
    }
  }
  return [...byName.values()];
}

function compare(context: RouteContext, baseRef: string, headRef: string): RouteResult {
  const repo = context.repo();
  const base = repo.resolveRef(baseRef);
  const head = repo.resolveRef(headRef);
  if (!base || !head) throw notFound();
  const baseAncestors = repo.ancestors(base);
  const mergeBase = [...repo.ancestors(head)].find((sha) => baseAncestors.has(sha));
  if (!mergeBase) throw new HttpError(404, `No common ancestor between ${baseRef} and ${headRef}.`);
  const ahead = commitsBetween(repo, mergeBase, head);
  const behind = commitsBetween(repo, mergeBase, base);
  const paged = context.query.page !== undefined || context.query.per_page !== undefined;
  const listed = paged ? context.paginate(ahead, { maxPerPage: 100 }) : ahead.slice(-MAX_UNPAGED_COMMITS);
  const status = ahead.length === 0 && behind.length === 0 ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
  const fullName = repo.repo.fullName;
  const range = `${baseRef}...${headRef}`;
  const show = (sha: string) => commit(context.state, context.urls, repo, repo.commits.get(sha) as Commit);
  return {
    status: 200,
    body: {
      url: `${context.urls.api}/repos/${fullName}/compare/${range}`,
      html_url: `${context.urls.html}/${fullName}/compare/${range}`,
      permalink_url: `${context.urls.html}/${fullName}/compare/${base}...${head}`,
      diff_url: `${context.urls.html}/${fullName}/compare/${range}.diff`,
      patch_url: `${context.urls.html}/${fullName}/compare/${range}.patch`,
      base_commit: show(base),
      merge_base_commit: show(mergeBase),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: listed.map((c) => commit(context.state, context.urls, repo, c)),
      files: filesOf(ahead)
        .slice(0, MAX_COMPARE_FILES)
        .map((file) => diffEntry(context.urls, repo, head, file)),
    },
  };
}

export const reposRoutes: RouteTable = {
  "repos/get": (context) => ({ status: 200, body: repository(context.state, context.urls, context.repo()) }),

  "repos/compare-commits": (context) => compare(context, context.params.base as string, context.params.head as string),

  "repos/compare-commits-with-basehead": (context) => {
    const basehead = context.params.basehead as string;
    const separator = basehead.indexOf("...");
    if (separator < 0) throw notFound();
    return compare(context, basehead.slice(0, separator), basehead.slice(separator + 3));
  },

  "repos/get-content": (context) => {
    const repo = context.repo();
    const path = (context.params.path as string).replace(/^\/+/, "");
    const ref = (context.query.ref as string | undefined) ?? repo.repo.defaultBranch;
    const sha = repo.resolveRef(ref);
    const content = sha === undefined ? undefined : repo.fileAt(sha, path);
    if (sha === undefined || content === undefined) throw notFound();
    const blob = repo.trees.get(repo.commits.get(sha)?.tree ?? "")?.get(path) as string;
    const api = `${context.urls.api}/repos/${repo.repo.fullName}`;
    const html = `${context.urls.html}/${repo.repo.fullName}/blob/${encodeURIComponent(ref)}/${path}`;
    const git = `${api}/git/blobs/${blob}`;
    const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
    return {
      status: 200,
      body: {
        type: "file",
        encoding: "base64",
        size: Buffer.byteLength(content),
        name: path.split("/").at(-1),
        path,
        content: Buffer.from(content, "utf8").toString("base64"),
        sha: blob,
        url: self,
        git_url: git,
        html_url: html,
        download_url: `${context.urls.html}/${repo.repo.fullName}/raw/${sha}/${path}`,
        _links: { self, git, html },
      },
    };
  },

  "repos/get-commit": (context) => {
    const repo = context.repo();
    const sha = repo.resolveRef(context.params.ref as string);
    const found = sha ? repo.commits.get(sha) : undefined;
    if (!found) throw new HttpError(422, `No commit found for SHA: ${String(context.params.ref)}`);
    const files = context.paginate(found.files, { maxPerPage: 300 });
    const additions = found.files.reduce((sum, f) => sum + f.additions, 0);
    const deletions = found.files.reduce((sum, f) => sum + f.deletions, 0);
    return {
      status: 200,
      body: {
        ...commit(context.state, context.urls, repo, found),
        stats: { additions, deletions, total: additions + deletions },
        files: files.map((file) => diffEntry(context.urls, repo, found.sha, file)),
      },
    };
  },
};
