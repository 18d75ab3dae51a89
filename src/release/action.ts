import type { ActionContext, ActionDefinition } from "../actions/run-action.ts";
import { linksFromServer } from "../changelog/links.ts";
import { UserError } from "../core/errors.ts";
import { readVersionRequest } from "../version/action.ts";
import type { VersionRequest } from "../version/repository.ts";
import { checkedVersion, type BumpChoice, type PlanRequest } from "./plan.ts";
import { releaseCreated, releaseResult, runRelease } from "./run.ts";
import type { ReleaseScm } from "./scm.ts";

/**
 * The `release` action: from the checkout, the version and its notes; then the annotated tag and the GitHub
 * release, draft first and published last (contents: write). With dry-run, reads only and lists the writes.
 */

export interface ReleaseSettings {
  request: VersionRequest;
  bump: BumpChoice;
  version: string | undefined;
  prerelease: boolean;
  dryRun: boolean;
  token: string;
}

export const BUMP_CHOICES = ["auto", "patch", "minor", "major"] as const;

/**
 * The GitHub access of an action run: the repository of the run, through GITHUB_API_URL. Octokit loads here, once
 * the settings are read, so that a run stopped by bad input does not load it.
 */
export async function scmOfRun(context: ActionContext, token: string): Promise<ReleaseScm> {
  if (!context.run.owner || !context.run.repo) throw new UserError("GITHUB_REPOSITORY is not set: the action must run in a GitHub Actions job");
  const [{ createOctokit }, { GitHubReleaseScm }] = await Promise.all([import("../github/client.ts"), import("../github/release-scm.ts")]);
  const octokit = createOctokit({ token, baseUrl: context.run.apiUrl, log: context.log });
  return new GitHubReleaseScm(octokit, context.run.owner, context.run.repo);
}

export async function readReleaseSettings(context: ActionContext): Promise<ReleaseSettings> {
  const { inputs } = context;
  const request = await readVersionRequest(context);
  const version = inputs.string("version");
  return {
    request,
    bump: inputs.oneOf("bump", BUMP_CHOICES) ?? "auto",
    version: version === undefined ? undefined : checkedVersion(version.replace(/^v/, ""), 'input "version"'),
    prerelease: inputs.boolean("prerelease") ?? false,
    dryRun: inputs.boolean("dry-run") ?? false,
    token: inputs.required("token"),
  };
}

export function planRequestOf(settings: ReleaseSettings, context: ActionContext): PlanRequest {
  const { run } = context;
  return {
    ...settings.request,
    bump: settings.bump,
    version: settings.version,
    prerelease: settings.prerelease,
    links: linksFromServer(run.serverUrl, `${run.owner}/${run.repo}`, "GITHUB_SERVER_URL/GITHUB_REPOSITORY"),
    today: context.now.toISOString().slice(0, 10),
  };
}

export const releaseAction: ActionDefinition<ReleaseSettings> = {
  name: "release",
  readSettings: readReleaseSettings,
  async run(settings, context) {
    const scm = await scmOfRun(context, settings.token);
    const report = await runRelease(scm, { ...planRequestOf(settings, context), reuseTagAtCommit: true }, { dryRun: settings.dryRun });
    const result = releaseResult(report);
    return {
      results: [result],
      outputs: {
        version: report.plan?.version ?? "",
        tag: report.plan?.tag ?? "",
        "release-url": report.dryRun ? "" : (report.outcome?.release?.url ?? ""),
        created: releaseCreated(report) && !report.dryRun,
        notes: report.plan?.notes ?? "",
      },
      ...(report.outcome?.state === "conflict" ? { failed: report.outcome.message ?? result.title } : {}),
    };
  },
};
