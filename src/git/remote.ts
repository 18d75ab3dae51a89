import { UserError } from "../core/errors.ts";
import { runGit } from "./run-git.ts";

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;
/** git@github.com:owner/name.git, https://github.com/owner/name(.git), ssh://git@host/owner/name. */
const REMOTE = /[/:]([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+?)(?:\.git)?\/?$/;

export interface RepositoryName {
  owner: string;
  repo: string;
}

/** owner/name of the checkout's `origin` remote; undefined outside a checkout or without such a remote. */
export async function originRepository(dir: string): Promise<string | undefined> {
  const remote = await runGit(dir, ["remote", "get-url", "origin"]).catch(() => undefined);
  return remote && remote.exitCode === 0 ? REMOTE.exec(remote.stdout.trim())?.[1] : undefined;
}

/**
 * The repository a command works on: the one given (already checked by its option), else GITHUB_REPOSITORY, else
 * the origin remote of the checkout, so that a command run in a clone needs no flag.
 */
export async function repositoryOf(given: string | undefined, env: NodeJS.ProcessEnv, dir: string): Promise<RepositoryName> {
  const fromEnv = env.GITHUB_REPOSITORY?.trim();
  if (given === undefined && fromEnv && !REPOSITORY.test(fromEnv)) throw new UserError(`GITHUB_REPOSITORY: expected owner/name, got "${fromEnv}"`);
  const full = given ?? (fromEnv || (await originRepository(dir)));
  if (!full) throw new UserError("no repository: pass --repo owner/name (or set GITHUB_REPOSITORY, or run in a checkout whose origin is on GitHub)");
  const [owner = "", repo = ""] = full.split("/");
  return { owner, repo };
}
