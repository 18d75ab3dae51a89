/**
 * One reference tool of bench/versions.ts in a process of its own, so that its heap and JIT state cannot slow the
 * shipgate rounds it is interleaved with (in one process, a conventional-changelog run made the shipgate rounds
 * after it ~1.5x slower). Started once per scenario with `fork`: it loads the tool, sends { ready }, then runs the
 * tool once for every message and answers { done } or { error }; the bench times each run from its side.
 * Usage: node bench/versions-peer-worker.ts <bump|changelog|git-cliff> <repository> [tag to bump from | tag prefix] [path]
 */
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import path from "node:path";
import { Bumper } from "conventional-recommended-bump";
import { ConventionalChangelog } from "conventional-changelog";

const [tool, repository, tag, commitPath] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];

/** `conventional-recommended-bump -p conventionalcommits`, from a tag, or with a tag prefix and a commit path. */
async function recommendedBump(): Promise<unknown> {
  const bumper = new Bumper(repository).loadPreset("conventionalcommits");
  if (commitPath) bumper.tag({ prefix: tag }).commits({ path: commitPath });
  else if (tag) bumper.tag(tag);
  return bumper.bump();
}

async function conventionalChangelog(): Promise<number> {
  const generator = new ConventionalChangelog(repository).loadPreset("conventionalcommits").options({ releaseCount: 0 });
  let length = 0;
  for await (const chunk of generator.write()) length += chunk.length;
  return length;
}

/**
 * git-cliff is installed on first use into bench/.data/ rather than as a devDependency: npm ci refuses a lockfile
 * that lists only this platform's package of its native binary, and npm writes no other.
 */
const gitCliffVersion = "2.14.2";
const toolsDir = path.resolve(import.meta.dirname, ".data", "tools");

async function gitCliffBinary(): Promise<string> {
  const binary = path.join(toolsDir, "node_modules", ".bin", "git-cliff");
  try {
    await access(binary);
  } catch {
    await new Promise<void>((resolve, reject) =>
      execFile("npm", ["install", "--prefix", toolsDir, "--no-save", "--no-audit", "--no-fund", `git-cliff@${gitCliffVersion}`], (error) => (error ? reject(error) : resolve())),
    );
  }
  return binary;
}

/** The whole changelog by git-cliff's default configuration (every tag a release), written to stdout. */
function gitCliff(binary: string): Promise<number> {
  return new Promise((resolve, reject) =>
    execFile(binary, ["--repository", repository], { cwd: repository, maxBuffer: 1 << 30 }, (error, stdout) => (error ? reject(error) : resolve(stdout.length))),
  );
}

async function load(): Promise<() => Promise<unknown>> {
  switch (tool) {
    case "bump":
      return recommendedBump;
    case "changelog":
      return conventionalChangelog;
    case "git-cliff": {
      // Installed before the first round, so no round times npm.
      const binary = await gitCliffBinary();
      return () => gitCliff(binary);
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

const send = (message: object) => process.send!(message);
const work = await load();
process.on("message", () => {
  work().then(
    () => send({ done: true }),
    (error: unknown) => send({ error: String(error) }),
  );
});
send({ ready: true });
