/** The GitHub side of a release: which repository, and the ReleaseScm that talks to it. */
import type { Invocation } from "../core/capability.ts";
import { UserError } from "../core/errors.ts";
import { noRepositoryMessage, repositoryOf } from "../github/target.ts";
import type { ReleaseScm } from "./ports.ts";

/** owner/name by the rule of every GitHub door: as given, else the run's (GITHUB_REPOSITORY), else the origin remote. */
export async function releaseRepository(given: string | undefined, checkout: string, invocation: Pick<Invocation, "door" | "run">): Promise<string> {
  const repository = await repositoryOf(given, invocation, checkout);
  if (!repository) throw new UserError(noRepositoryMessage(invocation, "release", "--repo"));
  return `${repository.owner}/${repository.repo}`;
}

/** Octokit loads here, once the settings are read, so that a run stopped by bad input does not load it. */
export async function releaseScmOf(repository: string, token: string, invocation: Pick<Invocation, "run" | "env" | "log">): Promise<ReleaseScm> {
  const [{ octokitOfRun }, { GitHubReleaseScm }] = await Promise.all([
    import("../github/run-client.ts"), import("../github/release-scm.ts"),
  ]);
  const [owner = "", name = ""] = repository.split("/");
  const octokit = octokitOfRun(token, invocation);
  return new GitHubReleaseScm(octokit, owner, name);
}
