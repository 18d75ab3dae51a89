import { UserError } from "../core/errors.ts";
import { runGit } from "../git/run-git.ts";
import type { GitHubAccess } from "../preflight/gates.ts";
import type { CommandInput } from "./command.ts";

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;
const SHA = /^[0-9a-f]{40}$/i;
/** git@github.com:owner/name.git, https://github.com/owner/name(.git), ssh://git@host/owner/name. */
const REMOTE = /[/:]([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+?)(?:\.git)?\/?$/;

/** --repo, else GITHUB_REPOSITORY, else the `origin` remote of the checkout. */
export async function repositoryOf(input: CommandInput): Promise<{ owner: string; repo: string }> {
  const option = input.options.repo;
  let full = typeof option === "string" ? option : input.env.GITHUB_REPOSITORY;
  const from = typeof option === "string" ? "--repo" : "GITHUB_REPOSITORY";
  if (!full) {
    const remote = await runGit(input.cwd, ["remote", "get-url", "origin"]).catch(() => undefined);
    full = remote && remote.exitCode === 0 ? REMOTE.exec(remote.stdout.trim())?.[1] : undefined;
    if (!full) throw new UserError("no repository: pass --repo owner/name (or set GITHUB_REPOSITORY, or run in a checkout whose origin is on GitHub)");
  } else if (!REPOSITORY.test(full)) throw new UserError(`${from}: expected owner/name, got "${full}"`);
  const [owner = "", repo = ""] = full.split("/");
  return { owner, repo };
}

/** --sha, else the checkout's HEAD; undefined outside a git checkout. */
export async function commitOf(input: CommandInput): Promise<string | undefined> {
  const option = input.options.sha;
  if (typeof option === "string") {
    if (!SHA.test(option)) throw new UserError(`--sha: expected a full 40-character commit SHA, got "${option}"`);
    return option.toLowerCase();
  }
  const head = await runGit(input.cwd, ["rev-parse", "--verify", "HEAD"]).catch(() => undefined);
  return head && head.exitCode === 0 && SHA.test(head.stdout.trim()) ? head.stdout.trim() : undefined;
}

export function pullRequestOption(input: CommandInput): number | undefined {
  const option = input.options.pr;
  if (typeof option !== "string") return undefined;
  if (!/^\d{1,9}$/.test(option) || Number(option) < 1) throw new UserError(`--pr: expected a pull request number, got "${option}"`);
  return Number(option);
}

/** The GitHub client of a CLI command, or why there is none (GITHUB_TOKEN is the only source of a token). */
export async function githubAccessOf(input: CommandInput, repository: { owner: string; repo: string }): Promise<GitHubAccess | undefined> {
  const token = input.env.GITHUB_TOKEN?.trim();
  if (!token) return undefined;
  const { createOctokit } = await import("../github/client.ts");
  const { clientTuningFromEnv } = await import("../github/tuning.ts");
  const baseUrl = input.env.GITHUB_API_URL?.trim() || "https://api.github.com";
  return { octokit: createOctokit({ token, baseUrl, ...clientTuningFromEnv(input.env) }), ...repository };
}

export const repoOption = { type: "string", valueName: "OWNER/NAME", description: "Repository (default GITHUB_REPOSITORY, else the origin remote)" } as const;
