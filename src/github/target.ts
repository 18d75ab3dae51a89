/** What a GitHub gate judges when its door names nothing: the same rule for every such gate. */
import type { Invocation } from "../core/capability.ts";
import { NotApplicable } from "../core/errors.ts";

export interface Repository {
  owner: string;
  repo: string;
}

/** The repository named at the door, else the workflow run's (GITHUB_REPOSITORY), else the origin remote of the checkout. */
export async function repositoryOf(named: string | undefined, invocation: Pick<Invocation, "run">, root: string): Promise<Repository | undefined> {
  if (named === undefined && invocation.run.owner) return { owner: invocation.run.owner, repo: invocation.run.repo };
  // git (node:child_process) loads only when neither the door nor the run names the repository.
  const full = named ?? (await (await import("../git/checkout.ts")).originRepository(root));
  if (full === undefined) return undefined;
  const [owner = "", repo = ""] = full.split("/");
  return { owner, repo };
}

/** The commit a door judges by default: the workflow run's in an action; the checkout's HEAD on the CLI, which judges what it is run in. */
export async function defaultCommitOf(invocation: Pick<Invocation, "door" | "run">, root: string): Promise<string | undefined> {
  if (invocation.door === "action") return invocation.run.sha || undefined;
  return (await import("../git/checkout.ts")).headCommit(root);
}

/** Why no repository is known, in the words of the door: an action always runs in one; the CLI can be told which (`named`). */
export function noRepositoryMessage(invocation: Pick<Invocation, "door">, gate: string, named: string): string {
  return invocation.door === "action"
    ? `GITHUB_REPOSITORY is not set: the ${gate} must run in a GitHub Actions job`
    : `no repository: pass ${named} OWNER/NAME (or set GITHUB_REPOSITORY, or run in a checkout whose origin is on GitHub)`;
}

/**
 * The token and repository a GitHub gate needs, or NotApplicable saying what is missing (the umbrella then skips
 * the gate): `labels` name the token and repository options as the door does, `needs` the token's permissions.
 */
export async function gitHubAccessOf(
  given: { token?: string | undefined; repository?: string | undefined },
  labels: { token: string; repository: string },
  gate: string,
  needs: string,
  invocation: Pick<Invocation, "door" | "run">,
  root: string,
): Promise<{ token: string; repository: Repository }> {
  if (!given.token) throw new NotApplicable(`${labels.token} is empty: the ${gate} needs ${needs}`);
  const repository = await repositoryOf(given.repository, invocation, root);
  if (!repository) throw new NotApplicable(noRepositoryMessage(invocation, gate, labels.repository));
  return { token: given.token, repository };
}
