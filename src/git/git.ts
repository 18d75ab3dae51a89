import { execFile, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import { ExternalError, UserError } from "../core/errors.ts";

/**
 * The git adapter: every call runs the git CLI with an argument array (never a shell) and a large output
 * buffer, so a whole history is read by one process. Refs given by users are resolved to commit hashes first
 * (with --end-of-options), and only hashes reach later commands.
 */

/** One commit as the version and changelog logic needs it. */
export interface GitCommit {
  hash: string;
  parents: string[];
  /** Committer date, strict ISO 8601 with offset. */
  committerDate: string;
  /** The raw message (subject, blank line, body). */
  message: string;
}

/** A tag and the commit it points at (annotated tags are peeled). */
export interface GitTag {
  name: string;
  commit: string;
}

const MAX_OUTPUT_BYTES = 2 * 1024 * 1024 * 1024 - 1;
const LOG_FIELDS = 4;
const TAG_FORMAT = "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)";
/** Variables with which git finds the repository elsewhere than `dir/.git`. */
const RELOCATING_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"];

interface GitRun {
  stdout: string;
  stderr: string;
  code: number;
}

const GIT_CONFIG = ["-c", "log.showSignature=false", "-c", "core.quotePath=false"];

function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" };
}

function runGit(cwd: string, args: string[], allowedCodes: number[] = [0]): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...GIT_CONFIG, ...args],
      { cwd, maxBuffer: MAX_OUTPUT_BYTES, encoding: "utf8", env: gitEnvironment() },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr, code: 0 });
        const code = typeof error.code === "number" ? error.code : -1;
        if (allowedCodes.includes(code)) return resolve({ stdout, stderr, code });
        if (error.code === "ENOENT") return reject(new UserError("git is not installed or not on PATH"));
        if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") return reject(new ExternalError(`git ${args[0]}: output larger than ${MAX_OUTPUT_BYTES} bytes`));
        const detail = stderr.trim().split("\n")[0] || error.message;
        reject(new ExternalError(`git ${args[0]} failed in ${cwd}: ${detail}`));
      },
    );
  });
}

/**
 * Runs git and hands its output to `onText` while git is still writing, so that reading a long history overlaps
 * with what is done with it; the same errors as runGit.
 */
function streamGit(cwd: string, args: string[], onText: (text: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // Into a pipe git flushes after every commit by default: one write, and one read here, for each. Buffered
    // (GIT_FLUSH=0), it writes a few kilobytes at a time, which cuts the work on both sides several times over.
    const child = spawn("git", [...GIT_CONFIG, ...args], { cwd, env: { ...gitEnvironment(), GIT_FLUSH: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    let failure: Error | null = null;
    let bytes = 0;
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      if (failure) return;
      bytes += text.length;
      if (bytes > MAX_OUTPUT_BYTES) {
        failure = new ExternalError(`git ${args[0]}: output larger than ${MAX_OUTPUT_BYTES} bytes`);
        child.kill();
        return;
      }
      try {
        onText(text);
      } catch (error) {
        failure = error as Error;
        child.kill();
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      if (stderr.length < 64 * 1024) stderr += text;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      failure ??= error.code === "ENOENT" ? new UserError("git is not installed or not on PATH") : new ExternalError(`git ${args[0]} failed in ${cwd}: ${error.message}`);
      // A git that could not start may never close its pipes.
      reject(failure);
    });
    child.on("close", (code, signal) => {
      if (failure) return reject(failure);
      if (code === 0) return resolve();
      const detail = stderr.trim().split("\n")[0] || `exit ${code ?? signal}`;
      reject(new ExternalError(`git ${args[0]} failed in ${cwd}: ${detail}`));
    });
  });
}

/** A git working tree or bare repository, opened once and checked. */
export class GitRepository {
  readonly dir: string;
  /** True when the clone is shallow: history (and so versions) would be incomplete. */
  readonly shallow: boolean;
  /** The commit HEAD names, or undefined in a repository without commits. */
  readonly head: string | undefined;
  /** The short name of the checked-out branch, or undefined on a detached HEAD. */
  readonly branch: string | undefined;

  private constructor(dir: string, state: { shallow: boolean; head?: string | undefined; branch?: string | undefined }) {
    this.dir = dir;
    this.shallow = state.shallow;
    this.head = state.head;
    this.branch = state.branch;
  }

  /** Checks the directory and reads whether the clone is shallow, HEAD and its branch, with one git call. */
  static async open(dir: string): Promise<GitRepository> {
    try {
      if (!(await stat(dir)).isDirectory()) throw new UserError(`${dir}: not a directory`);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`${dir}: the repository directory does not exist`);
    }
    const probe = await runGit(dir, ["rev-parse", "--is-shallow-repository", "HEAD", "--symbolic-full-name", "HEAD"], [0, 128]);
    const [shallow, head, ref] = probe.stdout.trim().split("\n");
    if (shallow !== "true" && shallow !== "false") {
      throw new UserError(`${dir}: not a git repository (${probe.stderr.trim().split("\n")[0] ?? ""})`);
    }
    if (probe.code !== 0) return new GitRepository(dir, { shallow: shallow === "true" });
    const branch = ref?.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : undefined;
    return new GitRepository(dir, { shallow: shallow === "true", head, branch });
  }

  /** The commit a ref names; a UserError naming the ref when there is none. */
  async resolveCommit(ref: string): Promise<string> {
    if (ref === "HEAD" && this.head) return this.head;
    const result = await runGit(this.dir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], [0, 1, 128]);
    const hash = result.stdout.trim();
    if (result.code !== 0 || !/^[0-9a-f]{40,64}$/.test(hash)) {
      if (ref === "HEAD") throw new UserError(`${this.dir}: the repository has no commits yet (HEAD does not name a commit)`);
      throw new UserError(`unknown ref "${ref}" in ${this.dir}`);
    }
    return hash;
  }

  /** The URL of a remote, or undefined when it is not configured. */
  async remoteUrl(remote = "origin"): Promise<string | undefined> {
    const result = await runGit(this.dir, ["config", "--get", `remote.${remote}.url`], [0, 1]);
    return result.code === 0 ? result.stdout.trim() || undefined : undefined;
  }

  /** Every tag of the repository with the commit it points at (annotated tags peeled), read by one git call. */
  async tags(): Promise<GitTag[]> {
    return GitRepository.readTags(this.dir);
  }

  /** The same as tags(), callable while the repository is being opened (the two git calls run in parallel). */
  static async readTags(dir: string): Promise<GitTag[]> {
    return parseTags((await runGit(dir, ["for-each-ref", TAG_FORMAT, "refs/tags"])).stdout);
  }

  /**
   * Every tag and the checked-out branch with the commit it names, by one git call, and whether the clone is
   * shallow, from the repository's shallow file. Only when `dir` is the top of a plain working tree (`dir/.git`
   * a directory, no GIT_* variable relocating the repository), where that file is `dir/.git/shallow`; null
   * otherwise (a subdirectory, a linked worktree, a failed read), when open() must probe.
   */
  static async readTopLevel(dir: string): Promise<{ tags: GitTag[]; branch: string | undefined; branchCommit: string | undefined; shallow: boolean } | null> {
    if (RELOCATING_VARIABLES.some((name) => process.env[name] !== undefined)) return null;
    const [gitDir, shallow, refs] = await Promise.all([
      stat(path.join(dir, ".git")).catch(() => null),
      stat(path.join(dir, ".git", "shallow")).then(
        () => true,
        () => false,
      ),
      runGit(dir, ["for-each-ref", `${TAG_FORMAT}%00%(HEAD)%00%(refname)`, "refs/tags", "refs/heads"]).catch(() => null),
    ]);
    if (!gitDir?.isDirectory() || !refs) return null;
    const tags: GitTag[] = [];
    let branch: string | undefined;
    let branchCommit: string | undefined;
    for (const line of refs.stdout.split("\n")) {
      const [name = "", object = "", peeled = "", current = "", full = ""] = line.split("\0");
      if (full.startsWith("refs/tags/")) tags.push({ name, commit: peeled || object });
      else if (current === "*" && full.startsWith("refs/heads/")) {
        branch = full.slice("refs/heads/".length);
        branchCommit = object;
      }
    }
    return { tags, branch, branchCommit, shallow };
  }

  /** A repository whose state readTopLevel and a log from HEAD told, without the probe of open(). */
  static known(dir: string, state: { shallow: boolean; head: string; branch: string | undefined }): GitRepository {
    return new GitRepository(dir, state);
  }

  /** The names of the tags reachable from a commit, by one git call (it walks the whole history). */
  async reachableTags(from: string): Promise<Set<string>> {
    const merged = parseTags((await runGit(this.dir, ["for-each-ref", `--merged=${from}`, TAG_FORMAT, "refs/tags"])).stdout);
    return new Set(merged.map((t) => t.name));
  }

  /** A commit's committer date, strict ISO 8601 with offset. */
  async committerDate(commit: string): Promise<string> {
    return (await runGit(this.dir, ["log", "-1", "--format=%cI", "--end-of-options", commit])).stdout.trim();
  }

  /** True when `ancestor` is reachable from `descendant` (git stops walking at the ancestor's date). */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await runGit(this.dir, ["merge-base", "--is-ancestor", ancestor, descendant], [0, 1]);
    return result.code === 0;
  }

  /**
   * The commits reachable from `to` and not from `from` (newest first, as git log orders them), read by one
   * git log call with NUL-delimited fields. With `paths`, only commits touching those paths, in git's default
   * history simplification (as conventional-changelog and release-please list a package's commits): a side branch
   * whose changes the merge left out of those paths is not listed, nor are histories imported by a merge.
   */
  async commits(range: CommitRange): Promise<GitCommit[]> {
    return GitRepository.readCommits(this.dir, range);
  }

  /**
   * The same as commits(), callable while the repository is being opened (`to` may then be "HEAD"). With
   * `onCommit`, each commit is also handed over as soon as git has written it; with `keepUntil` as well, only the
   * commits down to that one are returned (all of them when it is not listed), the older ones go to `onCommit` alone
   * and a long history is not held.
   */
  static async readCommits(dir: string, range: CommitRange): Promise<GitCommit[]> {
    const args = ["log", "-z", "--format=%H%x00%P%x00%cI%x00%B", "--no-color"];
    const paths = range.paths ?? [];
    // Only resolved hashes reach this point; --end-of-options still keeps any revision from being read as an option.
    args.push("--end-of-options", range.from ? `${range.from}..${range.to}` : range.to);
    if (paths.length > 0) args.push("--", ...paths.map((p) => `:(top,literal)${p}`));
    const log = new LogReader(range.onCommit, range.keepUntil);
    await streamGit(dir, args, (text) => log.read(text));
    return log.finish();
  }
}

export interface CommitRange {
  from?: string;
  to: string;
  paths?: string[];
  onCommit?: (commit: GitCommit) => void;
  keepUntil?: string | undefined;
}

/** parseLog over output that arrives in pieces: the same commits, each complete one as soon as its bytes are in. */
class LogReader {
  private readonly commits: GitCommit[] = [];
  private readonly fields: string[] = [];
  private pending = "";
  private done = false;
  private readonly onCommit: ((commit: GitCommit) => void) | undefined;
  private readonly keepUntil: string | undefined;
  private keeping = true;

  constructor(onCommit: ((commit: GitCommit) => void) | undefined, keepUntil: string | undefined) {
    this.onCommit = onCommit;
    this.keepUntil = keepUntil;
  }

  read(text: string): void {
    let from = 0;
    for (let nul = text.indexOf("\0"); nul !== -1; nul = text.indexOf("\0", from)) {
      this.field(this.pending === "" ? text.slice(from, nul) : this.pending + text.slice(from, nul));
      this.pending = "";
      from = nul + 1;
    }
    this.pending += text.slice(from);
  }

  finish(): GitCommit[] {
    this.field(this.pending);
    return this.commits;
  }

  private field(text: string): void {
    if (this.done) return;
    this.fields.push(text);
    if (this.fields.length < LOG_FIELDS) return;
    const [first = "", parents = "", committerDate = "", message = ""] = this.fields;
    this.fields.length = 0;
    const hash = first.charCodeAt(0) === 10 ? first.slice(1) : first;
    if (!hash) {
      this.done = true;
      return;
    }
    const commit = { hash, parents: parents ? parents.split(" ") : [], committerDate, message };
    if (this.keeping) this.commits.push(commit);
    if (hash === this.keepUntil) this.keeping = false;
    this.onCommit?.(commit);
  }
}


export function parseTags(output: string): GitTag[] {
  const tags: GitTag[] = [];
  for (const line of output.split("\n")) {
    if (!line) continue;
    const [name = "", object = "", peeled = ""] = line.split("\0");
    if (name) tags.push({ name, commit: peeled || object });
  }
  return tags;
}

export function parseLog(output: string): GitCommit[] {
  const fields = output.split("\0");
  const commits: GitCommit[] = [];
  for (let i = 0; i + LOG_FIELDS <= fields.length; i += LOG_FIELDS) {
    const field = fields[i]!;
    const hash = field.charCodeAt(0) === 10 ? field.slice(1) : field;
    if (!hash) break;
    const parents = fields[i + 1]!;
    commits.push({
      hash,
      parents: parents ? parents.split(" ") : [],
      committerDate: fields[i + 2]!,
      message: fields[i + 3]!,
    });
  }
  return commits;
}
