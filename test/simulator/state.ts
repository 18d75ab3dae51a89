import { createHash } from "node:crypto";

/**
 * The simulator's in-memory GitHub: users, repositories and, per repository, git objects (commits, refs) and
 * the records of each domain (pull requests, issues, comments, check runs, ...). Seed helpers fill it for a test;
 * routes read and change it. A later capability adds a table to RepoState and a route file, nothing else.
 */

export interface User {
  login: string;
  id: number;
  type: "User" | "Bot" | "Organization";
}

export interface FileChange {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  /** Unified diff hunks (from `@@`), as GitHub returns them; omitted for binary or huge files. */
  patch?: string;
  additions: number;
  deletions: number;
  previousFilename?: string;
}

export interface FileChangeSeed {
  filename: string;
  status?: FileChange["status"];
  patch?: string;
  /** Counted from the patch when omitted. */
  additions?: number;
  deletions?: number;
  previousFilename?: string;
}

export interface Commit {
  sha: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string; login?: string };
  /** Changes against the first parent. */
  files: FileChange[];
  /** Insertion order: commits are listed oldest first by it. */
  sequence: number;
  /** The snapshot of the files: a key of RepoState.trees. */
  tree: string;
  /** Commits made through the API (git/create-commit) are signed by GitHub. */
  verified: boolean;
}

/** An annotated tag object (git/create-tag); a ref "tags/NAME" may point at it instead of at a commit. */
export interface TagObject {
  sha: string;
  tag: string;
  message: string;
  object: string;
  type: "commit" | "tree" | "blob";
  tagger: { name: string; email: string; date: string };
}

/** A workflow_dispatch request (actions/create-workflow-dispatch). */
export interface WorkflowDispatch {
  id: number;
  workflow: string;
  ref: string;
  inputs: Record<string, unknown>;
  createdAt: string;
}

export interface PullRequest {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  user: string;
  head: { ref: string; sha: string; repoFullName: string };
  base: { ref: string; sha: string };
  labels: string[];
  files: FileChange[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: string | null;
  user: string;
  labels: string[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Saved versions of the body, oldest first, as GraphQL `userContentEdits` shows them: empty until the first edit. */
  edits?: IssueEdit[];
}

export interface IssueEdit {
  editedAt: string;
  editor: string;
  /** null once the revision is deleted from the history. */
  body: string | null;
}

export interface IssueComment {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface Review {
  id: number;
  pullNumber: number;
  user: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  body: string;
  commitId: string;
  submittedAt: string;
}

export interface CheckAnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent, in order: GitHub appends those of each update to the earlier ones. */
  annotations: CheckAnnotationRecord[];
  /** How many requests created or updated this run (1 create + N updates). */
  writes: number;
}

export type Permission = "admin" | "maintain" | "write" | "triage" | "read";

export interface Release {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: string;
  publishedAt: string | null;
}

export interface CommitStatus {
  id: number;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
}

export interface Deployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
}

export interface DeploymentStatus {
  id: number;
  deploymentId: number;
  state: "error" | "failure" | "inactive" | "in_progress" | "queued" | "pending" | "success";
  description: string;
  environment: string;
  environmentUrl: string;
  logUrl: string;
  creator: string;
  createdAt: string;
}

export interface WorkflowJobStep {
  number: number;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
}

/** A job of a workflow run attempt (routes/actions.ts). */
export interface WorkflowJob {
  id: number;
  runId: number;
  runAttempt: number;
  name: string;
  workflowName: string;
  headSha: string;
  headBranch: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: "success" | "failure" | "cancelled" | "skipped" | "timed_out" | null;
  steps: WorkflowJobStep[];
  startedAt: string;
  completedAt: string | null;
}

export interface WorkflowJobSeed {
  runId: number;
  runAttempt?: number;
  name: string;
  workflowName?: string;
  headSha?: string;
  headBranch?: string;
  status?: WorkflowJob["status"];
  conclusion?: WorkflowJob["conclusion"];
  steps?: { name: string; status?: WorkflowJobStep["status"]; conclusion?: string | null }[];
}

/** A workflow run (routes/workflow-runs.ts): the outcome of a deployment that has no status. */
export interface WorkflowRun {
  id: number;
  name: string;
  headSha: string;
  headBranch: string;
  event: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: "success" | "failure" | "cancelled" | "skipped" | "timed_out" | null;
  runAttempt: number;
  createdAt: string;
  updatedAt: string;
}

/** An id-keyed table that keeps insertion order. */
export class Table<K, V> {
  private readonly rows = new Map<K, V>();
  get(key: K): V | undefined {
    return this.rows.get(key);
  }
  set(key: K, value: V): V {
    this.rows.set(key, value);
    return value;
  }
  delete(key: K): boolean {
    return this.rows.delete(key);
  }
  has(key: K): boolean {
    return this.rows.has(key);
  }
  keys(): K[] {
    return [...this.rows.keys()];
  }
  list(filter?: (value: V) => boolean): V[] {
    const all = [...this.rows.values()];
    return filter ? all.filter(filter) : all;
  }
  get size(): number {
    return this.rows.size;
  }
}

export interface Repository {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  createdAt: string;
}

export class RepoState {
  readonly repo: Repository;
  readonly commits = new Table<string, Commit>();
  /** Full ref names without "refs/": "heads/main", "tags/v1.2.0". */
  readonly refs = new Table<string, string>();
  readonly pulls = new Table<number, PullRequest>();
  readonly issues = new Table<number, Issue>();
  readonly comments = new Table<number, IssueComment>();
  readonly labels = new Table<string, Label>();
  readonly reviews = new Table<number, Review>();
  readonly checkRuns = new Table<number, CheckRun>();
  readonly releases = new Table<number, Release>();
  readonly statuses = new Table<number, CommitStatus>();
  readonly deployments = new Table<number, Deployment>();
  readonly deploymentStatuses = new Table<number, DeploymentStatus>();
  /** Lower-case login -> permission; the owner is admin without an entry. */
  readonly collaborators = new Table<string, Permission>();
  /** Files of the default branch's tip (path -> text), read by the GraphQL resolvers (CODEOWNERS). */
  readonly tree = new Table<string, string>();
  readonly workflowJobs = new Table<number, WorkflowJob>();
  readonly workflowRuns = new Table<number, WorkflowRun>();
  readonly tagObjects = new Table<string, TagObject>();
  /** Blob sha -> content (UTF-8 text). */
  readonly blobs = new Table<string, string>();
  /** Tree sha -> path -> blob sha: flat snapshots, paths with slashes. */
  readonly trees = new Table<string, ReadonlyMap<string, string>>();
  readonly dispatches = new Table<number, WorkflowDispatch>();
  /** Issues and pull requests share one sequence of numbers. */
  nextNumber = 1;

  constructor(repo: Repository) {
    this.repo = repo;
  }

  /** A sha, a short sha, a branch, a tag or a full ref name to a commit sha; undefined when none matches. */
  resolveRef(ref: string): string | undefined {
    const name = ref.replace(/^refs\//, "");
    if (this.commits.has(name)) return name;
    for (const candidate of [name, `heads/${name}`, `tags/${name}`]) {
      const sha = this.refs.get(candidate);
      if (sha) return this.peel(sha);
    }
    if (/^[0-9a-f]{7,39}$/.test(name)) {
      const found = this.commits.list((c) => c.sha.startsWith(name));
      if (found.length === 1) return found[0]?.sha;
    }
    return undefined;
  }

  /** The commit an annotated tag object points at (through tags of tags); any other sha as it is. */
  peel(sha: string): string {
    let current = sha;
    for (let depth = 0; depth < 10; depth++) {
      const tag = this.tagObjects.get(current);
      if (!tag) return current;
      current = tag.object;
    }
    return current;
  }

  /** Stores a blob and answers its sha (git's own: "blob <size>\0<content>"). */
  addBlob(content: string): string {
    const bytes = Buffer.from(content, "utf8");
    const sha = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
    this.blobs.set(sha, content);
    return sha;
  }

  /** Stores a flat tree and answers a sha derived from its entries. */
  addTree(entries: ReadonlyMap<string, string>): string {
    const listing = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, blob]) => `${path}\0${blob}`).join("\n");
    const sha = createHash("sha1").update(`tree\0${listing}`).digest("hex");
    this.trees.set(sha, new Map(entries));
    return sha;
  }

  /** The content of a file at a commit, or undefined when the commit or the file does not exist. */
  fileAt(commitSha: string, path: string): string | undefined {
    const tree = this.trees.get(this.commits.get(commitSha)?.tree ?? "");
    const blob = tree?.get(path);
    return blob === undefined ? undefined : this.blobs.get(blob);
  }

  /** Every commit reachable from sha, sha included (bounded by the number of commits stored). */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const queue = [sha];
    for (let index = 0; index < queue.length && seen.size <= this.commits.size; index++) {
      const next = queue[index] as string;
      if (seen.has(next) || !this.commits.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return seen;
  }
}

export function countPatch(patch: string | undefined): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const line of (patch ?? "").split("\n")) {
    if (line.startsWith("+")) additions++;
    else if (line.startsWith("-")) deletions++;
  }
  return { additions, deletions };
}

export function toFileChange(seed: FileChangeSeed): FileChange {
  const counted = countPatch(seed.patch);
  return {
    filename: seed.filename,
    status: seed.status ?? "modified",
    ...(seed.patch !== undefined ? { patch: seed.patch } : {}),
    additions: seed.additions ?? counted.additions,
    deletions: seed.deletions ?? counted.deletions,
    ...(seed.previousFilename !== undefined ? { previousFilename: seed.previousFilename } : {}),
  };
}

export interface RepoSeed {
  defaultBranch?: string;
  private?: boolean;
}

export interface CommitSeed {
  /** Generated from the content when omitted. */
  sha?: string;
  /** Defaults to the tip of `branch` when that exists. */
  parents?: string[];
  message?: string;
  author?: { name?: string; email?: string; login?: string };
  files?: FileChangeSeed[];
  /** Moves refs/heads/<branch> to the new commit. */
  branch?: string;
  /** File contents this commit sets (over its first parent's files); `null` removes a file. */
  contents?: Record<string, string | null>;
}

export interface PullRequestSeed {
  number?: number;
  title?: string;
  body?: string | null;
  user?: string;
  state?: "open" | "closed";
  draft?: boolean;
  merged?: boolean;
  labels?: string[];
  head?: { ref?: string; sha?: string; repoFullName?: string };
  base?: { ref?: string; sha?: string };
  /** The changed files; a head commit carrying them is created when head.sha is not a stored commit. */
  files?: FileChangeSeed[];
}

export interface IssueSeed {
  number?: number;
  title?: string;
  body?: string | null;
  user?: string;
  state?: "open" | "closed";
  labels?: string[];
  assignees?: string[];
}

export interface SimulatorStateOptions {
  /** Timestamp of the first write; every write moves the simulated clock one second on. */
  startTime?: string;
}

export class SimulatorState {
  readonly users = new Table<string, User>();
  readonly repos = new Table<string, RepoState>();
  /** Team members keyed "org/team-slug" (lower case). */
  readonly teams = new Table<string, string[]>();
  private nextId = 1000;
  private sequence = 0;
  private clock: number;

  constructor(options: SimulatorStateOptions = {}) {
    this.clock = Date.parse(options.startTime ?? "2026-01-05T09:00:00Z");
  }

  id(): number {
    return this.nextId++;
  }

  /** The simulated time, one second later on each call: deterministic, ordered timestamps. */
  now(): string {
    const value = new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, "Z");
    this.clock += 1000;
    return value;
  }

  user(login: string): User {
    const existing = this.users.get(login);
    if (existing) return existing;
    const type = login.endsWith("[bot]") ? "Bot" : "User";
    return this.users.set(login, { login, id: this.id(), type });
  }

  addRepo(fullName: string, seed: RepoSeed = {}): RepoState {
    const [owner, name, extra] = fullName.split("/");
    if (!owner || !name || extra !== undefined) throw new Error(`addRepo: expected "owner/name", got "${fullName}"`);
    const existing = this.repos.get(fullName.toLowerCase());
    if (existing) return existing;
    this.user(owner);
    const repo: Repository = {
      id: this.id(),
      owner,
      name,
      fullName,
      defaultBranch: seed.defaultBranch ?? "main",
      private: seed.private ?? false,
      createdAt: this.now(),
    };
    return this.repos.set(fullName.toLowerCase(), new RepoState(repo));
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  private requireRepo(fullName: string): RepoState {
    const [owner = "", name = ""] = fullName.split("/");
    return this.repo(owner, name) ?? this.addRepo(fullName);
  }

  addCommit(fullName: string, seed: CommitSeed = {}): Commit {
    const repo = this.requireRepo(fullName);
    const branchTip = seed.branch ? repo.refs.get(`heads/${seed.branch}`) : undefined;
    const parents = seed.parents ?? (branchTip ? [branchTip] : []);
    for (const parent of parents) {
      if (!repo.commits.has(parent)) throw new Error(`addCommit: parent ${parent} is not a commit of ${fullName}`);
    }
    const date = this.now();
    const message = seed.message ?? `commit ${this.sequence + 1}`;
    const sha = seed.sha ?? createHash("sha1").update(`${fullName}\0${parents.join(",")}\0${message}\0${date}\0${this.sequence}`).digest("hex");
    const entries = new Map(repo.trees.get(repo.commits.get(parents[0] ?? "")?.tree ?? "") ?? []);
    for (const [path, content] of Object.entries(seed.contents ?? {})) {
      if (content === null) entries.delete(path);
      else entries.set(path, repo.addBlob(content));
    }
    const commit: Commit = {
      sha,
      parents,
      message,
      author: { name: seed.author?.name ?? "Simulated Author", email: seed.author?.email ?? "author@simulator.invalid", date, ...(seed.author?.login ? { login: seed.author.login } : {}) },
      files: (seed.files ?? []).map(toFileChange),
      sequence: this.sequence++,
      tree: repo.addTree(entries),
      verified: false,
    };
    repo.commits.set(sha, commit);
    if (seed.branch) repo.refs.set(`heads/${seed.branch}`, sha);
    return commit;
  }

  /** The next value of the insertion order of commits (for commits routes create). */
  nextSequence(): number {
    return this.sequence++;
  }

  /** Points refs/<name> ("heads/main", "tags/v1.0.0") at a commit. */
  setRef(fullName: string, ref: string, sha: string): void {
    const repo = this.requireRepo(fullName);
    if (!repo.commits.has(sha)) throw new Error(`setRef: ${sha} is not a commit of ${fullName}`);
    repo.refs.set(ref.replace(/^refs\//, ""), sha);
  }

  addPullRequest(fullName: string, seed: PullRequestSeed = {}): PullRequest {
    const repo = this.requireRepo(fullName);
    const number = seed.number ?? repo.nextNumber;
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const baseRef = seed.base?.ref ?? repo.repo.defaultBranch;
    const baseSha = seed.base?.sha ?? repo.refs.get(`heads/${baseRef}`) ?? this.addCommit(fullName, { branch: baseRef, message: "initial commit" }).sha;
    const headRef = seed.head?.ref ?? `feature-${number}`;
    if (seed.head?.repoFullName) this.addRepo(seed.head.repoFullName);
    const files = (seed.files ?? []).map(toFileChange);
    let headSha = seed.head?.sha;
    if (!headSha || !repo.commits.has(headSha)) {
      const commit = this.addCommit(fullName, { ...(headSha ? { sha: headSha } : {}), parents: repo.commits.has(baseSha) ? [baseSha] : [], message: seed.title ?? `pull request ${number}`, files: seed.files ?? [] });
      headSha = commit.sha;
      if (!seed.head?.repoFullName) repo.refs.set(`heads/${headRef}`, headSha);
    }
    const createdAt = this.now();
    const merged = seed.merged ?? false;
    const user = seed.user ?? "octocat";
    this.user(user);
    const pull: PullRequest = {
      number,
      id: this.id(),
      title: seed.title ?? `Pull request ${number}`,
      body: seed.body ?? null,
      state: merged ? "closed" : (seed.state ?? "open"),
      draft: seed.draft ?? false,
      merged,
      mergedAt: merged ? createdAt : null,
      mergeCommitSha: merged ? headSha : null,
      user,
      head: { ref: headRef, sha: headSha, repoFullName: seed.head?.repoFullName ?? repo.repo.fullName },
      base: { ref: baseRef, sha: baseSha },
      labels: seed.labels ?? [],
      files,
      createdAt,
      updatedAt: createdAt,
      closedAt: merged || seed.state === "closed" ? createdAt : null,
    };
    for (const label of pull.labels) this.ensureLabel(repo, label);
    return repo.pulls.set(number, pull);
  }

  /** Merges an open pull request as GitHub's merge button does: a merge commit on the base, the head's files. */
  mergePullRequest(fullName: string, number: number): Commit {
    const repo = this.requireRepo(fullName);
    const pull = repo.pulls.get(number);
    if (!pull || pull.state !== "open") throw new Error(`mergePullRequest: ${fullName}#${number} is not an open pull request`);
    const baseTip = repo.refs.get(`heads/${pull.base.ref}`) as string;
    const headTree = repo.trees.get(repo.commits.get(pull.head.sha)?.tree ?? "") ?? new Map<string, string>();
    const contents = Object.fromEntries([...headTree].map(([path, blob]) => [path, repo.blobs.get(blob) ?? ""]));
    const merge = this.addCommit(fullName, { parents: [baseTip, pull.head.sha], message: `Merge pull request #${number} from ${pull.head.ref}`, contents, branch: pull.base.ref });
    const at = this.now();
    Object.assign(pull, { state: "closed", merged: true, mergedAt: at, closedAt: at, updatedAt: at, mergeCommitSha: merge.sha });
    return merge;
  }

  addIssue(fullName: string, seed: IssueSeed = {}): Issue {
    const repo = this.requireRepo(fullName);
    const number = seed.number ?? repo.nextNumber;
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const createdAt = this.now();
    const user = seed.user ?? "octocat";
    this.user(user);
    const issue: Issue = {
      number,
      id: this.id(),
      title: seed.title ?? `Issue ${number}`,
      body: seed.body ?? null,
      state: seed.state ?? "open",
      stateReason: seed.state === "closed" ? "completed" : null,
      user,
      labels: seed.labels ?? [],
      assignees: seed.assignees ?? [],
      createdAt,
      updatedAt: createdAt,
      closedAt: seed.state === "closed" ? createdAt : null,
    };
    for (const label of issue.labels) this.ensureLabel(repo, label);
    return repo.issues.set(number, issue);
  }

  addComment(fullName: string, issueNumber: number, body: string, user = "octocat"): IssueComment {
    const repo = this.requireRepo(fullName);
    const at = this.now();
    this.user(user);
    const comment: IssueComment = { id: this.id(), issueNumber, body, user, createdAt: at, updatedAt: at };
    return repo.comments.set(comment.id, comment);
  }

  addReview(fullName: string, pullNumber: number, seed: { user: string; state: Review["state"]; body?: string; commitId?: string }): Review {
    const repo = this.requireRepo(fullName);
    this.user(seed.user);
    const review: Review = {
      id: this.id(),
      pullNumber,
      user: seed.user,
      state: seed.state,
      body: seed.body ?? "",
      commitId: seed.commitId ?? repo.pulls.get(pullNumber)?.head.sha ?? "",
      submittedAt: this.now(),
    };
    return repo.reviews.set(review.id, review);
  }

  addRelease(fullName: string, seed: { tagName: string; name?: string; body?: string; draft?: boolean; prerelease?: boolean; targetCommitish?: string; author?: string }): Release {
    const repo = this.requireRepo(fullName);
    const at = this.now();
    const author = seed.author ?? "github-actions[bot]";
    this.user(author);
    const release: Release = {
      id: this.id(),
      tagName: seed.tagName,
      targetCommitish: seed.targetCommitish ?? repo.repo.defaultBranch,
      name: seed.name ?? null,
      body: seed.body ?? null,
      draft: seed.draft ?? false,
      prerelease: seed.prerelease ?? false,
      author,
      createdAt: at,
      publishedAt: seed.draft ? null : at,
    };
    return repo.releases.set(release.id, release);
  }

  addCheckRun(fullName: string, seed: { name: string; headSha: string; status?: string; conclusion?: string | null }): CheckRun {
    const repo = this.requireRepo(fullName);
    const at = this.now();
    const conclusion = seed.conclusion === undefined ? "success" : seed.conclusion;
    const run: CheckRun = {
      id: this.id(),
      name: seed.name,
      headSha: seed.headSha,
      status: seed.status ?? (conclusion === null ? "in_progress" : "completed"),
      conclusion,
      detailsUrl: null,
      externalId: null,
      startedAt: at,
      completedAt: conclusion === null ? null : at,
      output: { title: null, summary: null, text: null },
      annotations: [],
      writes: 1,
    };
    return repo.checkRuns.set(run.id, run);
  }

  addStatus(fullName: string, sha: string, seed: { state: CommitStatus["state"]; context?: string; description?: string; targetUrl?: string; creator?: string }): CommitStatus {
    const repo = this.requireRepo(fullName);
    const creator = seed.creator ?? "github-actions[bot]";
    this.user(creator);
    const status: CommitStatus = {
      id: this.id(),
      sha,
      state: seed.state,
      context: seed.context ?? "default",
      description: seed.description ?? null,
      targetUrl: seed.targetUrl ?? null,
      creator,
      createdAt: this.now(),
    };
    return repo.statuses.set(status.id, status);
  }

  addDeployment(fullName: string, seed: { ref: string; sha?: string; environment?: string; task?: string; description?: string; creator?: string; production?: boolean; payload?: Record<string, unknown> }): Deployment {
    const repo = this.requireRepo(fullName);
    const sha = seed.sha ?? repo.resolveRef(seed.ref);
    if (!sha) throw new Error(`addDeployment: ${seed.ref} is not a ref of ${fullName}`);
    const creator = seed.creator ?? "github-actions[bot]";
    this.user(creator);
    const at = this.now();
    const environment = seed.environment ?? "production";
    const deployment: Deployment = {
      id: this.id(),
      sha,
      ref: seed.ref,
      task: seed.task ?? "deploy",
      payload: seed.payload ?? {},
      environment,
      originalEnvironment: environment,
      description: seed.description ?? null,
      creator,
      createdAt: at,
      updatedAt: at,
      transientEnvironment: false,
      productionEnvironment: seed.production ?? environment === "production",
    };
    return repo.deployments.set(deployment.id, deployment);
  }

  addDeploymentStatus(fullName: string, deploymentId: number, seed: { state: DeploymentStatus["state"]; description?: string; environmentUrl?: string; logUrl?: string; creator?: string }): DeploymentStatus {
    const repo = this.requireRepo(fullName);
    const deployment = repo.deployments.get(deploymentId);
    if (!deployment) throw new Error(`addDeploymentStatus: no deployment ${deploymentId} in ${fullName}`);
    const creator = seed.creator ?? "github-actions[bot]";
    this.user(creator);
    const status: DeploymentStatus = {
      id: this.id(),
      deploymentId,
      state: seed.state,
      description: seed.description ?? "",
      environment: deployment.environment,
      environmentUrl: seed.environmentUrl ?? "",
      logUrl: seed.logUrl ?? "",
      creator,
      createdAt: this.now(),
    };
    deployment.updatedAt = status.createdAt;
    return repo.deploymentStatuses.set(status.id, status);
  }

  setPermission(fullName: string, login: string, permission: Permission): void {
    this.user(login);
    this.requireRepo(fullName).collaborators.set(login.toLowerCase(), permission);
  }

  setTeam(slug: string, members: string[]): void {
    for (const member of members) this.user(member);
    this.teams.set(slug.toLowerCase().replace(/^@/, ""), members);
  }

  setFile(fullName: string, path: string, text: string): void {
    this.requireRepo(fullName).tree.set(path, text);
  }

  addWorkflowJob(fullName: string, seed: WorkflowJobSeed): WorkflowJob {
    const repo = this.requireRepo(fullName);
    const at = this.now();
    const status = seed.status ?? "completed";
    const job: WorkflowJob = {
      id: this.id(),
      runId: seed.runId,
      runAttempt: seed.runAttempt ?? 1,
      name: seed.name,
      workflowName: seed.workflowName ?? "CI",
      headSha: seed.headSha ?? "0".repeat(40),
      headBranch: seed.headBranch ?? repo.repo.defaultBranch,
      status,
      conclusion: seed.conclusion === undefined ? (status === "completed" ? "success" : null) : seed.conclusion,
      steps: (seed.steps ?? []).map((step, index) => ({ number: index + 1, name: step.name, status: step.status ?? "completed", conclusion: step.conclusion === undefined ? "success" : step.conclusion })),
      startedAt: at,
      completedAt: status === "completed" ? at : null,
    };
    return repo.workflowJobs.set(job.id, job);
  }

  addWorkflowRun(fullName: string, seed: Partial<Omit<WorkflowRun, "id">> & { headSha: string }): WorkflowRun {
    const repo = this.requireRepo(fullName);
    const at = this.now();
    const status = seed.status ?? "completed";
    const run: WorkflowRun = {
      id: this.id(),
      name: seed.name ?? "Deploy",
      headSha: seed.headSha,
      headBranch: seed.headBranch ?? repo.repo.defaultBranch,
      event: seed.event ?? "push",
      status,
      conclusion: seed.conclusion === undefined ? (status === "completed" ? "success" : null) : seed.conclusion,
      runAttempt: seed.runAttempt ?? 1,
      createdAt: seed.createdAt ?? at,
      updatedAt: seed.updatedAt ?? seed.createdAt ?? at,
    };
    return repo.workflowRuns.set(run.id, run);
  }

  ensureLabel(repo: RepoState, name: string, color = "ededed", description: string | null = null): Label {
    return repo.labels.get(name.toLowerCase()) ?? repo.labels.set(name.toLowerCase(), { id: this.id(), name, color, description });
  }
}
