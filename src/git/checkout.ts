import { runGit } from "./run-git.ts";

const SHA = /^[0-9a-f]{40}$/i;
/** git@github.com:owner/name.git, https://github.com/owner/name(.git), ssh://git@host/owner/name. */
const REMOTE = /[/:]([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+?)(?:\.git)?\/?$/;

/** The commit checked out in `root`; undefined outside a git checkout. */
export async function headCommit(root: string): Promise<string | undefined> {
  const head = await runGit(root, ["rev-parse", "--verify", "HEAD"]).catch(() => undefined);
  const sha = head?.exitCode === 0 ? head.stdout.trim() : "";
  return SHA.test(sha) ? sha : undefined;
}

/** "owner/name" of the `origin` remote of `root`; undefined when there is none or it names no owner/name. */
export async function originRepository(root: string): Promise<string | undefined> {
  const remote = await runGit(root, ["remote", "get-url", "origin"]).catch(() => undefined);
  return remote?.exitCode === 0 ? REMOTE.exec(remote.stdout.trim())?.[1] : undefined;
}
