import type { CommandSpec } from "./command.ts";
import { readRepositorySettings, repositoryOptions } from "./release-options.ts";
import { nextVersionOfRepository, type VersionReport } from "../version/repository.ts";

const MAX_LISTED_COMMITS = 20;

/** The JSON document of `shipgate version next`, also the `version` action's outputs. */
export function versionJson(report: VersionReport): Record<string, unknown> {
  return {
    current: report.current,
    currentTag: report.currentTag,
    next: report.next,
    tag: report.tag,
    bump: report.bump,
    prerelease: report.prerelease,
    branch: report.branch,
    commits: report.commits,
    merges: report.merges,
    conventional: report.conventional,
    ignored: report.ignored,
    cancelled: report.cancelled,
    from: report.from,
    to: report.to,
    deciding: report.deciding,
  };
}

export function versionText(report: VersionReport): string {
  const lines = [
    `Current version: ${report.current ? `${report.current} (tag ${report.currentTag})` : "none (no release tag yet)"}`,
    report.next
      ? `Next version:    ${report.next} (tag ${report.tag}), ${report.bump ? `${report.bump} bump` : "prerelease"}${report.prerelease ? ` on ${report.branch}` : ""}`
      : "Next version:    none: no commit since the previous release calls for one",
    `Commits:         ${report.commits} in range (${report.merges} merges, ${report.ignored} not conventional, ${report.cancelled.length} revert pairs cancelled)`,
  ];
  if (report.deciding.length > 0) {
    lines.push(`Decided by (${report.deciding[0]!.bump}):`);
    for (const change of report.deciding.slice(0, MAX_LISTED_COMMITS)) lines.push(`  ${change.hash.slice(0, 7)} ${change.header}`);
    if (report.deciding.length > MAX_LISTED_COMMITS) lines.push(`  … and ${report.deciding.length - MAX_LISTED_COMMITS} more`);
  }
  return lines.join("\n") + "\n";
}

export const versionNextCommand: CommandSpec = {
  name: "version next",
  summary: "Compute the next semver version from conventional commits since the previous release tag",
  usage: "[--repo DIR] [--from REF] [--to REF] [--package NAME] [--config FILE] [--json]",
  details: [
    "The previous release is the highest semver tag reachable from --to (default HEAD) in the policy's tag format.",
    "Breaking changes bump major (minor while 0.x unless release.pre-major-breaking is major), feat minor,",
    "fix/perf/revert patch; the type -> bump map is release.bumps. On release/* and hotfix/* branches the version",
    "is a prerelease X.Y.Z-rc.N. Needs the full history: in CI check out with fetch-depth: 0.",
  ].join("\n"),
  options: repositoryOptions,
  positionals: { min: 0, max: 0 },
  async run(input) {
    const settings = await readRepositorySettings(input);
    const report = await nextVersionOfRepository(settings);
    return { exitCode: 0, json: versionJson(report), text: versionText(report) };
  },
};
