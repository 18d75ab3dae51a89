import path from "node:path";
import type { CommandInput, CommandSpec } from "./command.ts";
import { requireDirectory, stringOption } from "./release-options.ts";
import { UserError } from "../core/errors.ts";
import { linksFromRemote, linksFromServer } from "../changelog/links.ts";
import { GitRepository } from "../git/git.ts";
import { loadPolicy } from "../policy/load.ts";
import { createOctokit } from "../github/client.ts";
import { GitHubReleaseScm } from "../github/release-scm.ts";
import { checkedVersion, type BumpChoice } from "../release/plan.ts";
import { releaseCreated, releaseJson, releaseText, runRelease } from "../release/run.ts";
import { releaseRules } from "../version/rules.ts";
import { configOption } from "./options.ts";

const BUMPS: readonly BumpChoice[] = ["auto", "patch", "minor", "major"];

/** owner/name from --repo, else GITHUB_REPOSITORY, else the origin remote of the checkout. */
async function repositoryOf(input: CommandInput, dir: string): Promise<{ owner: string; name: string }> {
  const given = stringOption(input, "repo") ?? input.env.GITHUB_REPOSITORY?.trim();
  if (given) {
    const [owner, name, ...rest] = given.split("/");
    if (!owner || !name || rest.length > 0) throw new UserError(`--repo: "${given}" is not an owner/name repository`);
    return { owner, name };
  }
  const remote = await (await GitRepository.open(dir)).remoteUrl();
  const links = remote ? linksFromRemote(remote) : null;
  if (!links) throw new UserError(`--repo: not given, GITHUB_REPOSITORY is not set and ${dir} has no origin remote naming a GitHub repository`);
  return { owner: links.owner, name: links.repository };
}

export const releaseCommand: CommandSpec = {
  name: "release",
  summary: "Tag the next version and publish its GitHub release (draft first, published last; idempotent)",
  usage: "[--repo OWNER/NAME] [--dir DIR] [--bump auto|patch|minor|major] [--version X.Y.Z] [--prerelease] [--dry-run] [--json]",
  details: [
    "Computes the next version and its notes from the checkout (--dir, default the current directory; full history),",
    "then creates the annotated tag, a draft GitHub release and publishes it. A re-run finds and reuses what exists;",
    "a tag at another commit fails and changes nothing. --dry-run reads only (a read-only token suffices) and prints",
    "the version, tag, notes, branch and every API call the release would make.",
    "The token comes from GITHUB_TOKEN (or GH_TOKEN): contents: write, or contents: read with --dry-run.",
    "The API is GITHUB_API_URL (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3).",
  ].join("\n"),
  options: {
    repo: { type: "string", valueName: "OWNER/NAME", description: "The GitHub repository (default GITHUB_REPOSITORY, else the origin remote)" },
    dir: { type: "string", valueName: "DIR", description: "The git checkout (default: the current directory)" },
    bump: { type: "string", valueName: "LEVEL", description: "auto (from the commits, default), patch, minor or major" },
    version: { type: "string", valueName: "X.Y.Z", description: "Release exactly this version" },
    prerelease: { type: "boolean", description: "Release a prerelease X.Y.Z-rc.N (N after the existing rc tags of X.Y.Z) on any branch" },
    "dry-run": { type: "boolean", description: "Write nothing; print what would be done and the API calls" },
    branch: { type: "string", valueName: "NAME", description: "The branch the release is for (default: the checked-out branch)" },
    config: configOption,
  },
  positionals: { min: 0, max: 0 },
  async run(input) {
    const dir = path.resolve(input.cwd, stringOption(input, "dir") ?? ".");
    await requireDirectory(dir, "--dir");
    const dryRun = input.options["dry-run"] === true;
    const token = input.env.GITHUB_TOKEN?.trim() || input.env.GH_TOKEN?.trim();
    if (!token) {
      throw new UserError(`GITHUB_TOKEN is not set: shipgate release needs a token with the "contents: ${dryRun ? "read" : "write"}" permission in GITHUB_TOKEN (or GH_TOKEN)`);
    }
    const bump = stringOption(input, "bump") ?? "auto";
    if (!(BUMPS as readonly string[]).includes(bump)) throw new UserError(`--bump: expected one of ${BUMPS.join(", ")}, got "${bump}"`);
    const given = stringOption(input, "version");
    const version = given === undefined ? undefined : checkedVersion(given.replace(/^v/, ""), "--version");
    const config = stringOption(input, "config");
    const { policy } = config ? await loadPolicy({ file: path.resolve(input.cwd, config), cwd: input.cwd }) : await loadPolicy({ cwd: dir });
    const { owner, name } = await repositoryOf(input, dir);
    const apiUrl = (input.env.GITHUB_API_URL?.trim() || "https://api.github.com").replace(/\/+$/, "");
    const serverUrl = input.env.GITHUB_SERVER_URL?.trim() || "https://github.com";
    const scm = new GitHubReleaseScm(createOctokit({ token, baseUrl: apiUrl }), owner, name);
    const branch = stringOption(input, "branch") ?? (await GitRepository.open(dir)).branch;
    const report = await runRelease(
      scm,
      {
        repo: dir,
        branch,
        rules: releaseRules(policy.release, { where: "--repo" }),
        bump: bump as BumpChoice,
        version,
        prerelease: input.options.prerelease === true,
        links: linksFromServer(serverUrl, `${owner}/${name}`, "GITHUB_SERVER_URL/--repo"),
        today: input.now.toISOString().slice(0, 10),
        reuseTagAtCommit: true,
      },
      { dryRun },
    );
    const failed = report.outcome?.state === "conflict";
    return { exitCode: failed ? 1 : 0, json: { ...releaseJson(report), created: releaseCreated(report) && !dryRun }, text: releaseText(report) };
  },
};
