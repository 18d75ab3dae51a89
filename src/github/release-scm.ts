import type { FileChange, MergedPull, PullInfo, RefInfo, ReleaseDraft, ReleaseInfo, ReleaseScm } from "../release/ports.ts";
import { AlreadyExistsError, UserError } from "../core/errors.ts";
import { capText, capTitle, GITHUB_LIMITS } from "../report/limits.ts";
import { isHttpStatus, isRateLimited, toExternalError, type Octokit } from "./client.ts";
import { pagesOf } from "./paging.ts";

/** The release use cases' GitHub access, with octokit. Every failure becomes an ExternalError naming the call. */

// The last guard before GitHub: the use cases cut their bodies themselves (so that a re-run compares what GitHub
// holds), and capText leaves a body it already cut as it is.
const releaseBody = (draft: ReleaseDraft): string => capText(draft.body, GITHUB_LIMITS.releaseBody, `\`shipgate changelog --to ${draft.tag}\` renders them`);
const pullBody = (body: string): string => capText(body, GITHUB_LIMITS.pullRequestBody, "CHANGELOG.md on the branch");

interface ApiRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
}

interface ApiPull {
  number: number;
  html_url: string;
  state: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  body: string | null;
}

function release(r: ApiRelease): ReleaseInfo {
  return { id: r.id, tag: r.tag_name, name: r.name, body: r.body ?? null, draft: r.draft, prerelease: r.prerelease, url: r.html_url };
}

function pull(p: ApiPull): PullInfo {
  return {
    number: p.number,
    url: p.html_url,
    state: p.state === "open" ? "open" : "closed",
    merged: p.merged_at !== null,
    mergeCommitSha: p.merge_commit_sha,
    head: p.head.ref,
    headSha: p.head.sha,
    base: p.base.ref,
    body: p.body,
  };
}

const CONTENTS_WRITE = "contents: write";
/** How many recently updated closed pull requests a finish without a branch looks through (one page). */
const RECENT_PULLS = 100;
const PULLS_WRITE = "pull-requests: write";

/** A 422 whose errors say "already_exists" (refs, releases) or "A pull request already exists". */
function alreadyExists(error: unknown): boolean {
  if (!isHttpStatus(error, 422)) return false;
  const data = (error as { response?: { data?: { message?: string; errors?: { code?: string; message?: string }[] } } }).response?.data;
  if (/already exists/i.test(data?.message ?? "")) return true;
  return (data?.errors ?? []).some((e) => e.code === "already_exists" || /already exists/i.test(e.message ?? ""));
}

export class GitHubReleaseScm implements ReleaseScm {
  readonly repository: string;
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly repo: string;

  constructor(octokit: Octokit, owner: string, repo: string) {
    this.octokit = octokit;
    this.owner = owner;
    this.repo = repo;
    this.repository = `${owner}/${repo}`;
  }

  private async call<T>(what: string, request: () => Promise<T>, permission?: string): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.failure(error, what, permission);
    }
  }

  /** A write refused with 403 (not a rate limit) is a configuration error: the token lacks a permission. */
  private failure(error: unknown, what: string, permission: string | undefined): Error {
    if (permission && isHttpStatus(error, 403) && !isRateLimited(error)) {
      return new UserError(`${what} (${this.repository}) was refused (HTTP 403): the token needs the "${permission}" permission`);
    }
    return toExternalError(error, `${what} (${this.repository})`);
  }

  async getRef(ref: string): Promise<RefInfo | null> {
    try {
      const { data } = await this.octokit.rest.git.getRef({ owner: this.owner, repo: this.repo, ref });
      return { type: data.object.type === "tag" ? "tag" : "commit", sha: data.object.sha };
    } catch (error) {
      if (isHttpStatus(error, 404)) return null;
      throw toExternalError(error, `reading ref ${ref} (${this.repository})`);
    }
  }

  async tagTarget(tagSha: string): Promise<string> {
    const { data } = await this.call(`reading tag object ${tagSha}`, () => this.octokit.rest.git.getTag({ owner: this.owner, repo: this.repo, tag_sha: tagSha }));
    return data.object.type === "tag" ? this.tagTarget(data.object.sha) : data.object.sha;
  }

  async createTagObject(tag: string, message: string, commit: string): Promise<string> {
    const { data } = await this.call(`creating tag object ${tag}`, () =>
      this.octokit.rest.git.createTag({ owner: this.owner, repo: this.repo, tag, message, object: commit, type: "commit" }),
      CONTENTS_WRITE,
    );
    return data.sha;
  }

  async createRef(ref: string, sha: string): Promise<void> {
    try {
      await this.octokit.rest.git.createRef({ owner: this.owner, repo: this.repo, ref: `refs/${ref}`, sha });
    } catch (error) {
      if (alreadyExists(error)) throw new AlreadyExistsError(`ref ${ref}`);
      throw this.failure(error, `creating ref ${ref}`, CONTENTS_WRITE);
    }
  }

  async updateRef(ref: string, sha: string): Promise<void> {
    await this.call(`moving ${ref} to ${sha}`, () => this.octokit.rest.git.updateRef({ owner: this.owner, repo: this.repo, ref, sha, force: false }), CONTENTS_WRITE);
  }

  async deleteRef(ref: string): Promise<void> {
    await this.call(`deleting ${ref}`, () => this.octokit.rest.git.deleteRef({ owner: this.owner, repo: this.repo, ref }), CONTENTS_WRITE);
  }

  async listReleases(): Promise<ReleaseInfo[]> {
    const all = await this.call("listing releases", () => this.octokit.paginate(this.octokit.rest.repos.listReleases, { owner: this.owner, repo: this.repo, per_page: 100 }, pagesOf()));
    return all.map((r) => release(r));
  }

  async createDraftRelease(draft: ReleaseDraft): Promise<ReleaseInfo> {
    try {
      const { data } = await this.octokit.rest.repos.createRelease({
        owner: this.owner,
        repo: this.repo,
        tag_name: draft.tag,
        target_commitish: draft.target,
        name: draft.name,
        body: releaseBody(draft),
        prerelease: draft.prerelease,
        draft: true,
      });
      return release(data);
    } catch (error) {
      if (alreadyExists(error)) throw new AlreadyExistsError(`release ${draft.tag}`);
      throw this.failure(error, `creating the draft release ${draft.tag}`, CONTENTS_WRITE);
    }
  }

  async publishRelease(id: number, draft: ReleaseDraft): Promise<ReleaseInfo> {
    const { data } = await this.call(`publishing release ${draft.tag}`, () =>
      this.octokit.rest.repos.updateRelease({ owner: this.owner, repo: this.repo, release_id: id, name: draft.name, body: releaseBody(draft), prerelease: draft.prerelease, draft: false }),
      CONTENTS_WRITE,
    );
    return release(data);
  }

  async deleteRelease(id: number): Promise<void> {
    await this.call(`deleting draft release ${id}`, () => this.octokit.rest.repos.deleteRelease({ owner: this.owner, repo: this.repo, release_id: id }), CONTENTS_WRITE);
  }

  async findPulls(head: string, base: string, state: "open" | "all"): Promise<PullInfo[]> {
    const all = await this.call(`listing pull requests ${head} -> ${base}`, () =>
      this.octokit.paginate(this.octokit.rest.pulls.list, { owner: this.owner, repo: this.repo, head: `${this.owner}:${head}`, base, state, per_page: 100 }, pagesOf()),
    );
    return all.map((p) => pull(p));
  }

  async recentlyMergedPulls(base: string): Promise<MergedPull[]> {
    const { data } = await this.call(`listing the closed pull requests into ${base}`, () =>
      this.octokit.rest.pulls.list({ owner: this.owner, repo: this.repo, base, state: "closed", sort: "updated", direction: "desc", per_page: RECENT_PULLS }),
    );
    const merged: MergedPull[] = [];
    for (const p of data) if (p.merged_at) merged.push({ ...pull(p), mergedAt: p.merged_at });
    // ISO 8601 UTC timestamps of one format order as text.
    return merged.sort((a, b) => b.mergedAt.localeCompare(a.mergedAt) || b.number - a.number);
  }

  async createPull(head: string, base: string, title: string, body: string): Promise<PullInfo> {
    try {
      const { data } = await this.octokit.rest.pulls.create({ owner: this.owner, repo: this.repo, head, base, title: capTitle(title, GITHUB_LIMITS.pullRequestTitle), body: pullBody(body) });
      return pull(data);
    } catch (error) {
      if (alreadyExists(error)) throw new AlreadyExistsError(`pull request ${head} -> ${base}`);
      throw this.failure(error, `opening the pull request ${head} -> ${base}`, PULLS_WRITE);
    }
  }

  async updatePullBody(number: number, body: string): Promise<PullInfo> {
    const { data } = await this.call(`updating pull request #${number}`, () => this.octokit.rest.pulls.update({ owner: this.owner, repo: this.repo, pull_number: number, body: pullBody(body) }), PULLS_WRITE);
    return pull(data);
  }

  async commitsAhead(base: string, head: string): Promise<number> {
    const { data } = await this.call(`comparing ${base}...${head}`, () =>
      this.octokit.rest.repos.compareCommitsWithBasehead({ owner: this.owner, repo: this.repo, basehead: `${base}...${head}`, per_page: 1 }),
    );
    return data.ahead_by;
  }

  async mergeBase(base: string, head: string): Promise<string> {
    const { data } = await this.call(`comparing ${base}...${head}`, () =>
      this.octokit.rest.repos.compareCommitsWithBasehead({ owner: this.owner, repo: this.repo, basehead: `${base}...${head}`, per_page: 1 }),
    );
    return data.merge_base_commit.sha;
  }

  async listBranches(prefix: string): Promise<{ name: string; sha: string }[]> {
    const { data: refs } = await this.call(`listing the branches ${prefix}*`, () => this.octokit.rest.git.listMatchingRefs({ owner: this.owner, repo: this.repo, ref: `heads/${prefix}` }));
    return refs.map((r) => ({ name: r.ref.replace(/^refs\/heads\//, ""), sha: r.object.sha }));
  }

  async readFile(path: string, ref: string): Promise<string | null> {
    try {
      const { data } = await this.octokit.rest.repos.getContent({ owner: this.owner, repo: this.repo, path, ref });
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
      return Buffer.from(data.content, "base64").toString("utf8");
    } catch (error) {
      if (isHttpStatus(error, 404)) return null;
      throw toExternalError(error, `reading ${path} at ${ref} (${this.repository})`);
    }
  }

  async createCommit(parent: string, message: string, files: FileChange[]): Promise<string> {
    const { data: parentCommit } = await this.call(`reading commit ${parent}`, () => this.octokit.rest.git.getCommit({ owner: this.owner, repo: this.repo, commit_sha: parent }));
    const tree: { path: string; mode: "100644"; type: "blob"; sha: string }[] = [];
    for (const file of files) {
      const { data: blob } = await this.call(`storing ${file.path}`, () =>
        this.octokit.rest.git.createBlob({ owner: this.owner, repo: this.repo, content: Buffer.from(file.content, "utf8").toString("base64"), encoding: "base64" }),
        CONTENTS_WRITE,
      );
      tree.push({ path: file.path, mode: "100644", type: "blob", sha: blob.sha });
    }
    const { data: newTree } = await this.call("creating the tree", () => this.octokit.rest.git.createTree({ owner: this.owner, repo: this.repo, base_tree: parentCommit.tree.sha, tree }), CONTENTS_WRITE);
    // No author or committer: GitHub then signs the commit, which a protected branch requiring signatures accepts.
    const { data: commit } = await this.call("creating the commit", () =>
      this.octokit.rest.git.createCommit({ owner: this.owner, repo: this.repo, message, tree: newTree.sha, parents: [parent] }),
      CONTENTS_WRITE,
    );
    return commit.sha;
  }

  async dispatchWorkflow(workflow: string, ref: string, inputs: Record<string, string>): Promise<void> {
    await this.call(`dispatching workflow ${workflow} on ${ref}`, () =>
      this.octokit.rest.actions.createWorkflowDispatch({ owner: this.owner, repo: this.repo, workflow_id: workflow, ref, inputs }),
      "actions: write",
    );
  }

  async dispatchedRuns(workflow: string, ref: string): Promise<number> {
    try {
      const { data } = await this.octokit.rest.actions.listWorkflowRuns({ owner: this.owner, repo: this.repo, workflow_id: workflow, event: "workflow_dispatch", branch: ref, per_page: 1 });
      return data.total_count;
    } catch (error) {
      // A workflow file GitHub does not know yet has no runs; the dispatch itself then says what is wrong.
      if (isHttpStatus(error, 404)) return 0;
      throw toExternalError(error, `listing the runs of ${workflow} on ${ref} (${this.repository})`);
    }
  }
}
