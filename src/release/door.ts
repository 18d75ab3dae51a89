/** The trunk release's front door: action `release`, `shipgate release`. */
import type { Capability } from "../core/capability.ts";
import { configOption, repositoryOption, rootOption } from "../core/common-options.ts";
import { linksFromServer } from "../changelog/links.ts";
import type { Policy } from "../policy/types.ts";
import { releaseRuleOptions, toOption, versionRequestOf } from "../version/options.ts";
import { releaseRepository, releaseScmOf } from "./connect.ts";
import { releaseOptions, requiredToken } from "./options.ts";
import type { PlanRequest } from "./plan.ts";
import { flag } from "../core/options.ts";
import { majorTagFollows, releaseCreated, releaseJson, releaseResult, releaseText, runRelease, type ReleaseReport } from "./run.ts";

const { token, ...asked } = releaseOptions;

const options = {
  token,
  // --repo names the GitHub repository here (as on every command that talks to GitHub), so the checkout is --dir.
  root: { ...rootOption, flag: "dir", description: "The git checkout (default: the workspace, or the current directory on the CLI)." },
  repository: repositoryOption,
  config: { ...configOption, description: `${configOption.description} Its \`release\` section holds the rules.` },
  ...asked,
  ...releaseRuleOptions,
  to: { ...toOption, description: "The commit to release (default HEAD of the checkout)." },
  "major-tag": {
    type: flag,
    actionDefault: "false",
    description:
      "Also point the major tag (v1 for v1.4.2) at the release, as action authors do: created when missing, moved only forward (never to a commit that does not descend from the one it points at, never past a later release of the same major; the API update is fast-forward only). Prereleases and 0.y.z versions leave it alone.",
  },
};

interface ReleaseSettings {
  plan: Omit<PlanRequest, "links" | "today">;
  repository: string | undefined;
  token: string;
  dryRun: boolean;
  majorTag: boolean;
}

export const releaseDoor: Capability<typeof options, ReleaseSettings, ReleaseReport, Policy> = {
  name: "release",
  options,
  action: {
    name: "release",
    title: "shipgate release",
    description:
      "Tags a release and publishes its GitHub release: the version is computed from the conventional commits since the previous release tag (or bumped as asked, or given), the notes are its changelog section. Creates the annotated tag, then a draft release, and publishes it last (with immutable releases a tag that backed a release is burned, so nothing is ever deleted and recreated). Idempotent and safe to re-run: an existing tag at the same commit, a draft left by a failed run and a published release are found and reused; a tag at another commit fails and changes nothing; of two runs racing for one version, one releases and the other says so. Needs the full history (actions/checkout with fetch-depth 0). A dry run needs only contents read. Permissions: contents write for the tag and the release.",
    branding: { icon: "tag", color: "green" },
    outputs: {
      version: "The version released (empty when nothing calls for a release).",
      tag: "The tag of the release, e.g. v1.3.0.",
      "release-url": "The web address of the GitHub release (empty in a dry run or when nothing was released).",
      created: "true when this run created or finished the tag or the release; false on a re-run, a lost race or a dry run.",
      notes: "The release notes (markdown).",
      "major-tag": "With major-tag, the major tag (e.g. v1) when it points at this release; empty when it stayed where it was.",
      status: "pass (done or already done), warn (another run won the race), skip (nothing to do) or fail.",
      passed: "false when the run failed (a tag at another commit, a branch not merged yet).",
    },
  },
  command: {
    details: [
      "Computes the next version and its notes from the checkout (--dir, default the current directory; full history),",
      "then creates the annotated tag, a draft GitHub release and publishes it. A re-run finds and reuses what exists;",
      "a tag at another commit fails and changes nothing. --dry-run reads only (a read-only token suffices) and prints",
      "the version, tag, notes, branch and every API call the release would make.",
      "The token comes from GITHUB_TOKEN: contents: write, or contents: read with --dry-run.",
      "The API is GITHUB_API_URL (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3).",
    ].join("\n"),
  },
  settings(values, scope, invocation) {
    const dryRun = values["dry-run"] ?? false;
    const token = requiredToken(values.token, dryRun, invocation.door);
    const { from: _from, ...request } = versionRequestOf(values, scope, invocation);
    return {
      plan: { ...request, bump: values.bump ?? "auto", version: values.version, prerelease: values.prerelease ?? false, reuseTagAtCommit: true, mentions: scope.policy.report.mentions },
      repository: values.repository,
      token,
      dryRun,
      majorTag: values["major-tag"] ?? false,
    };
  },
  async run(settings, invocation) {
    const repository = await releaseRepository(settings.repository, settings.plan.repo, invocation);
    const scm = await releaseScmOf(repository, settings.token, invocation);
    const links = linksFromServer(invocation.run.serverUrl, repository, "GITHUB_SERVER_URL");
    return runRelease(scm, { ...settings.plan, links, today: invocation.now.toISOString().slice(0, 10) }, { dryRun: settings.dryRun, majorTag: settings.majorTag });
  },
  present(report) {
    const created = releaseCreated(report) && !report.dryRun;
    return {
      results: [releaseResult(report)],
      outputs: {
        version: report.plan?.version ?? "",
        tag: report.plan?.tag ?? "",
        "release-url": report.dryRun ? "" : (report.outcome?.release?.url ?? ""),
        created,
        notes: report.plan?.notes ?? "",
        "major-tag": majorTagFollows(report) && !report.dryRun ? (report.majorTag?.tag ?? "") : "",
      },
      json: { ...releaseJson(report), created },
      text: releaseText(report),
    };
  },
};
