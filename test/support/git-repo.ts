/**
 * The one helper for real git repositories in tests (and benches): git runs through execFile with fixed author,
 * committer and dates and no user or system configuration, so hashes and changelog dates are the same on every
 * run. TestRepo.create() makes the repository in a temp folder of test/support/temp.ts, removed after the test
 * (or after the file when made in beforeAll); fastImport builds a long history in a folder the caller owns.
 */
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const BASE_TIME = Date.UTC(2024, 0, 1, 12, 0, 0) / 1000;

export function gitEnv(seconds: number): NodeJS.ProcessEnv {
  const date = `${seconds} +0000`;
  return {
    PATH: process.env.PATH ?? "",
    HOME: tmpdir(),
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Test Author",
    GIT_AUTHOR_EMAIL: "author@example.com",
    GIT_COMMITTER_NAME: "Test Committer",
    GIT_COMMITTER_EMAIL: "committer@example.com",
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
}

export function git(cwd: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile("git", args, { cwd, env: options.env ?? gitEnv(BASE_TIME), maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(" ")}: ${stderr || error.message}`));
      else resolve(stdout);
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

export class TestRepo {
  readonly dir: string;
  private clock = BASE_TIME;
  private counter = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** A new repository with no commit on `branch` (default main) in a temp folder removed after use. */
  static async create(options: { branch?: string; remote?: string } = {}): Promise<TestRepo> {
    // Imported here, not at the top: the benches import this module outside vitest.
    const { tempDir } = await import("./temp.ts");
    const dir = tempDir("git");
    const repo = new TestRepo(dir);
    await repo.git(["init", "-q", "-b", options.branch ?? "main"]);
    if (options.remote) await repo.git(["remote", "add", "origin", options.remote]);
    return repo;
  }

  /** Each write happens one hour after the previous one. */
  private tick(): NodeJS.ProcessEnv {
    this.clock += 3600;
    return gitEnv(this.clock);
  }

  git(args: string[], input?: string): Promise<string> {
    return git(this.dir, args, { env: this.tick(), ...(input !== undefined ? { input } : {}) });
  }

  /** Commits a message, changing `files` (default: one new file, so that every commit has a diff). */
  async commit(message: string, files?: Record<string, string>): Promise<string> {
    const changes = files ?? { [`file-${++this.counter}.txt`]: `${this.counter}\n` };
    for (const [name, content] of Object.entries(changes)) await this.write(name, content);
    await this.git(["add", "-A"]);
    await this.git(["commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", "-"], message);
    return this.head();
  }

  /** Writes a file of the working tree (folders made as needed) without committing it. */
  async write(name: string, content: string): Promise<void> {
    await mkdir(path.dirname(path.join(this.dir, name)), { recursive: true });
    await writeFile(path.join(this.dir, name), content);
  }

  async head(): Promise<string> {
    return (await this.git(["rev-parse", "HEAD"])).trim();
  }

  async tag(name: string, options: { annotated?: boolean; at?: string } = {}): Promise<void> {
    const at = options.at ?? "HEAD";
    await this.git(options.annotated ? ["tag", "-a", "-m", name, name, at] : ["tag", name, at]);
  }

  async checkout(branch: string, options: { create?: boolean; from?: string } = {}): Promise<void> {
    await this.git(options.create ? ["checkout", "-q", "-b", branch, ...(options.from ? [options.from] : [])] : ["checkout", "-q", branch]);
  }

  /** A true merge commit (--no-ff) of `branch` into the current branch. */
  async merge(branch: string, message = `Merge branch '${branch}'`): Promise<string> {
    await this.git(["merge", "-q", "--no-ff", "-m", message, branch]);
    return this.head();
  }

  /** `git revert` as GitHub's revert button writes it: Revert "<header>" + This reverts commit <hash>. */
  async revert(hash: string): Promise<string> {
    await this.git(["revert", "--no-edit", hash]);
    return this.head();
  }

  /** Removes the repository now (it is removed after the test anyway). */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export interface ImportCommit {
  message: string;
  /** Tags put on this commit. */
  tags?: string[];
  /** Files written by this commit (path -> content); default one file per commit. */
  files?: Record<string, string>;
}

/**
 * Builds a linear history fast with `git fast-import` (10 000s of commits in a second or two).
 * The branch is `main`; commit i is dated BASE_TIME + i minutes.
 */
export async function fastImport(dir: string, commits: readonly ImportCommit[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await git(dir, ["init", "-q", "-b", "main"]);
  const chunks: string[] = [];
  commits.forEach((commit, i) => {
    const when = `${BASE_TIME + i * 60} +0000`;
    const message = Buffer.from(commit.message, "utf8");
    chunks.push(`commit refs/heads/main\nmark :${i + 1}\n`);
    chunks.push(`author Test Author <author@example.com> ${when}\ncommitter Test Committer <committer@example.com> ${when}\n`);
    chunks.push(`data ${message.length}\n${commit.message}\n`);
    if (i > 0) chunks.push(`from :${i}\n`);
    const files = commit.files ?? { [`src/file-${i % 100}.txt`]: `${i}\n` };
    for (const [name, content] of Object.entries(files)) {
      chunks.push(`M 100644 inline ${name}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    }
    chunks.push("\n");
    for (const tag of commit.tags ?? []) chunks.push(`reset refs/tags/${tag}\nfrom :${i + 1}\n\n`);
  });
  await git(dir, ["fast-import", "--quiet"], { input: chunks.join("") });
  await git(dir, ["checkout", "-q", "-f", "main"]);
}
