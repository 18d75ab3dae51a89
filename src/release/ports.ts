/**
 * What the release use cases need from GitHub, and nothing more: refs, annotated tags, releases, pull
 * requests, file contents, API commits and workflow dispatch. Implemented with octokit in
 * src/github/release-scm.ts; src/release/recording-scm.ts wraps one for dry runs (reads pass, writes are logged).
 */

export interface RefInfo {
  /** What the ref points at: a commit, or an annotated tag object. */
  type: "commit" | "tag";
  sha: string;
}

export interface ReleaseInfo {
  id: number;
  tag: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  url: string;
}

export interface PullInfo {
  number: number;
  url: string;
  state: "open" | "closed";
  merged: boolean;
  mergeCommitSha: string | null;
  head: string;
  /** The head branch's commit when the pull request was read (merged: the commit that was merged). */
  headSha?: string;
  base: string;
  body: string | null;
}

export interface MergedPull extends PullInfo {
  /** When it was merged (ISO 8601). */
  mergedAt: string;
}

export interface ReleaseDraft {
  tag: string;
  name: string;
  body: string;
  prerelease: boolean;
  /** The commit the release is for (target_commitish). */
  target: string;
}

export interface FileChange {
  path: string;
  content: string;
}

export interface ReleaseScm {
  /** "owner/name", for messages. */
  readonly repository: string;

  /** A ref by its name without "refs/" ("tags/v1.2.0", "heads/main"); null when it does not exist. */
  getRef(ref: string): Promise<RefInfo | null>;
  /** The commit an annotated tag object points at. */
  tagTarget(tagSha: string): Promise<string>;
  /** Creates an annotated tag object (not yet a ref) and answers its sha. */
  createTagObject(tag: string, message: string, commit: string): Promise<string>;
  /** Throws AlreadyExistsError when the ref exists. */
  createRef(ref: string, sha: string): Promise<void>;
  /** Moves a branch; not forced: only a fast-forward is accepted. */
  updateRef(ref: string, sha: string): Promise<void>;
  deleteRef(ref: string): Promise<void>;

  /** Every release, drafts included, newest first. */
  listReleases(): Promise<ReleaseInfo[]>;
  /** Creates a draft release; throws AlreadyExistsError when one with that tag exists. */
  createDraftRelease(draft: ReleaseDraft): Promise<ReleaseInfo>;
  /** Sets the notes and name and publishes (draft: false). */
  publishRelease(id: number, draft: ReleaseDraft): Promise<ReleaseInfo>;
  deleteRelease(id: number): Promise<void>;

  /** Pull requests from `head` (a branch of this repository) into `base`: open ones, or all states. */
  findPulls(head: string, base: string, state: "open" | "all"): Promise<PullInfo[]>;
  /**
   * The pull requests merged into `base` among the most recently updated closed ones (one page of 100), most
   * recently merged first.
   */
  recentlyMergedPulls(base: string): Promise<MergedPull[]>;
  createPull(head: string, base: string, title: string, body: string): Promise<PullInfo>;
  updatePullBody(number: number, body: string): Promise<PullInfo>;
  /** Commits `head` has that `base` lacks. */
  commitsAhead(base: string, head: string): Promise<number>;
  /** The commit where `head` and `base` last met (their merge base). */
  mergeBase(base: string, head: string): Promise<string>;
  /** Branches whose name starts with `prefix`, with their tips. */
  listBranches(prefix: string): Promise<{ name: string; sha: string }[]>;

  /** A file's text at a ref; null when it does not exist there. */
  readFile(path: string, ref: string): Promise<string | null>;
  /**
   * Commits changed files on top of `parent` through the API (blobs and tree, then the commit: GitHub signs it,
   * so it counts as verified on a protected branch) and answers the new commit's sha; no ref moves.
   */
  createCommit(parent: string, message: string, files: FileChange[]): Promise<string>;

  /** Starts a workflow_dispatch workflow on a ref. */
  dispatchWorkflow(workflow: string, ref: string, inputs: Record<string, string>): Promise<void>;
  /** How many runs of a workflow workflow_dispatch started on a ref (a tag's name). */
  dispatchedRuns(workflow: string, ref: string): Promise<number>;
}
