/** The GitHub side of a release: which repository, and the ReleaseScm that talks to it. */
import type { Invocation } from "../core/capability.ts";
import { UserError } from "../core/errors.ts";
import { linksFromRemote } from "../changelog/links.ts";
import type { ReleaseScm } from "./ports.ts";

/** owner/name: as given, else the run's (GITHUB_REPOSITORY), else the origin remote of the checkout. */
export async function releaseRepository(given: string | undefined, checkout: string, invocation: Pick<Invocation, "run">): Promise<string> {
  if (given) return given;
  const { run } = invocation;
  if (run.owner && run.repo) return `${run.owner}/${run.repo}`;
  const { GitRepository } = await import("../git/git.ts");
  const remote = await (await GitRepository.open(checkout)).remoteUrl();
  const links = remote ? linksFromRemote(remote) : null;
  if (!links) throw new UserError(`no repository: GITHUB_REPOSITORY is not set and ${checkout} has no origin remote naming a GitHub repository (on the CLI: --repo OWNER/NAME)`);
  return `${links.owner}/${links.repository}`;
}

/** Octokit loads here, once the settings are read, so that a run stopped by bad input does not load it. */
export async function releaseScmOf(repository: string, token: string, invocation: Pick<Invocation, "run" | "env" | "log">): Promise<ReleaseScm> {
  const [{ createOctokit }, { clientTuningFromEnv }, { GitHubReleaseScm }] = await Promise.all([
    import("../github/client.ts"),
    import("../github/tuning.ts"),
    import("../github/release-scm.ts"),
  ]);
  const [owner = "", name = ""] = repository.split("/");
  const octokit = createOctokit({ token, baseUrl: invocation.run.apiUrl, log: invocation.log, ...clientTuningFromEnv(invocation.env) });
  return new GitHubReleaseScm(octokit, owner, name);
}
