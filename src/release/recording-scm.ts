import type { FileChange, MergedPull, PullInfo, RefInfo, ReleaseDraft, ReleaseInfo, ReleaseScm } from "./ports.ts";

/**
 * A dry run's ReleaseScm: reads go to the real one (a read-only token suffices), writes are only recorded as the
 * API calls they would be, and answer placeholders so that the use case runs to its end. What a later read
 * would see after a write (a created ref) is remembered, so that the plan reads as the real run would go.
 */

export interface PlannedCall {
  /** "POST /repos/acme/app/git/refs" */
  call: string;
  /** What it does, in words. */
  purpose: string;
}

const PLANNED = "(dry run)";

export class RecordingScm implements ReleaseScm {
  readonly repository: string;
  readonly calls: PlannedCall[] = [];
  private readonly inner: ReleaseScm;
  private readonly createdRefs = new Map<string, RefInfo>();
  private nextId = -1;

  constructor(inner: ReleaseScm) {
    this.inner = inner;
    this.repository = inner.repository;
  }

  private record(method: string, path: string, purpose: string): void {
    this.calls.push({ call: `${method} /repos/${this.repository}${path}`, purpose });
  }

  async getRef(ref: string): Promise<RefInfo | null> {
    return this.createdRefs.get(ref) ?? this.inner.getRef(ref);
  }
  async tagTarget(tagSha: string): Promise<string> {
    return this.inner.tagTarget(tagSha);
  }
  async createTagObject(tag: string, _message: string, commit: string): Promise<string> {
    this.record("POST", "/git/tags", `create the annotated tag object ${tag} on ${commit}`);
    return commit;
  }
  async createRef(ref: string, sha: string): Promise<void> {
    this.record("POST", "/git/refs", `create refs/${ref} at ${sha}`);
    this.createdRefs.set(ref, { type: "commit", sha });
  }
  async updateRef(ref: string, sha: string): Promise<void> {
    this.record("PATCH", `/git/refs/${ref}`, `move ${ref} to ${sha}`);
    this.createdRefs.set(ref, { type: "commit", sha });
  }
  async deleteRef(ref: string): Promise<void> {
    this.record("DELETE", `/git/refs/${ref}`, `delete ${ref}`);
  }
  async listReleases(): Promise<ReleaseInfo[]> {
    return this.inner.listReleases();
  }
  async createDraftRelease(draft: ReleaseDraft): Promise<ReleaseInfo> {
    this.record("POST", "/releases", `create the draft release ${draft.tag} for ${draft.target}`);
    return { id: this.nextId--, tag: draft.tag, name: draft.name, body: draft.body, draft: true, prerelease: draft.prerelease, url: PLANNED };
  }
  async publishRelease(id: number, draft: ReleaseDraft): Promise<ReleaseInfo> {
    this.record("PATCH", `/releases/${id < 0 ? "{id}" : id}`, `publish the release ${draft.tag}${draft.prerelease ? " (prerelease)" : ""}`);
    return { id, tag: draft.tag, name: draft.name, body: draft.body, draft: false, prerelease: draft.prerelease, url: PLANNED };
  }
  async deleteRelease(id: number): Promise<void> {
    this.record("DELETE", `/releases/${id}`, `delete the duplicate draft release ${id}`);
  }
  async findPulls(head: string, base: string, state: "open" | "all"): Promise<PullInfo[]> {
    return this.inner.findPulls(head, base, state);
  }
  async recentlyMergedPulls(base: string): Promise<MergedPull[]> {
    return this.inner.recentlyMergedPulls(base);
  }
  async createPull(head: string, base: string, title: string, body: string): Promise<PullInfo> {
    this.record("POST", "/pulls", `open the pull request ${head} -> ${base}: ${title}`);
    return { number: 0, url: PLANNED, state: "open", merged: false, mergeCommitSha: null, head, base, body };
  }
  async updatePullBody(number: number, body: string): Promise<PullInfo> {
    this.record("PATCH", `/pulls/${number}`, `update the body of pull request #${number}`);
    return { number, url: PLANNED, state: "open", merged: false, mergeCommitSha: null, head: "", base: "", body };
  }
  async commitsAhead(base: string, head: string): Promise<number> {
    // A branch this dry run would have created does not exist yet: it would hold what its start holds.
    const created = this.createdRefs.get(`heads/${head}`);
    return this.inner.commitsAhead(base, created ? created.sha : head);
  }
  async mergeBase(base: string, head: string): Promise<string> {
    const created = this.createdRefs.get(`heads/${head}`);
    return this.inner.mergeBase(base, created ? created.sha : head);
  }
  async listBranches(prefix: string): Promise<{ name: string; sha: string }[]> {
    const listed = await this.inner.listBranches(prefix);
    const planned = [...this.createdRefs].filter(([ref]) => ref.startsWith(`heads/${prefix}`) && !listed.some((b) => `heads/${b.name}` === ref));
    return [...listed, ...planned.map(([ref, info]) => ({ name: ref.slice("heads/".length), sha: info.sha }))];
  }
  async dispatchedRuns(workflow: string, ref: string): Promise<number> {
    return this.inner.dispatchedRuns(workflow, ref);
  }
  async readFile(path: string, ref: string): Promise<string | null> {
    const created = this.createdRefs.get(`heads/${ref}`);
    return this.inner.readFile(path, created ? created.sha : ref);
  }
  async createCommit(parent: string, message: string, files: FileChange[]): Promise<string> {
    this.record("POST", "/git/blobs", `store ${files.map((f) => f.path).join(", ")}`);
    this.record("POST", "/git/trees", "create the tree");
    this.record("POST", "/git/commits", `commit "${message.split("\n")[0] ?? ""}" on ${parent}`);
    return parent;
  }
  async dispatchWorkflow(workflow: string, ref: string, inputs: Record<string, string>): Promise<void> {
    const given = Object.keys(inputs).length > 0 ? ` with ${JSON.stringify(inputs)}` : "";
    this.record("POST", `/actions/workflows/${workflow}/dispatches`, `start workflow ${workflow} on ${ref}${given}`);
  }
}
