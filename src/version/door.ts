/** The next version's front door: action `version`, `shipgate version next`. */
import type { Capability } from "../core/capability.ts";
import { configOption, rootOption } from "../core/common-options.ts";
import type { GateResult } from "../core/result.ts";
import type { Policy } from "../policy/types.ts";
import { terminalLine } from "../report/neutralise.ts";
import { cell } from "../report/markdown.ts";
import { fromOption, releaseRuleOptions, toOption, versionRequestOf } from "./options.ts";
import { nextVersionOfRepository, type VersionReport, type VersionRequest } from "./repository.ts";

const options = {
  root: rootOption,
  config: { ...configOption, description: `${configOption.description} Its \`release\` section holds the rules.` },
  from: fromOption,
  to: toOption,
  ...releaseRuleOptions,
};

const MAX_SUMMARY_COMMITS = 30;
const MAX_LISTED_COMMITS = 20;

function versionResult(report: VersionReport): GateResult {
  const title = report.next
    ? `next version ${report.next}${report.bump ? ` (${report.bump} bump)` : ""}${report.current ? ` after ${report.current}` : " (first release)"}`
    : `no release: nothing since ${report.currentTag ?? "the first commit"} calls for one`;
  const rows = report.deciding.slice(0, MAX_SUMMARY_COMMITS).map((d) => `| \`${d.hash.slice(0, 7)}\` | ${cell(d.header)} | ${d.bump} |`);
  const summary = [
    `| Current | Next | Bump | Tag | Commits | Not conventional |`,
    `| --- | --- | --- | --- | --- | --- |`,
    `| ${report.current ?? "none"} | ${report.next ?? "none"} | ${report.bump ?? "none"} | ${report.tag ? `\`${cell(report.tag)}\`` : "none"} | ${report.commits} | ${report.ignored} |`,
    ...(rows.length > 0 ? ["", "Commits that decided the bump:", "", "| Commit | Header | Bump |", "| --- | --- | --- |", ...rows] : []),
    ...(report.deciding.length > MAX_SUMMARY_COMMITS ? ["", `… and ${report.deciding.length - MAX_SUMMARY_COMMITS} more.`] : []),
  ].join("\n");
  return {
    gate: "version",
    status: report.next ? "pass" : "skip",
    title,
    summary,
    findings: [],
    metrics: { current: report.current, next: report.next, bump: report.bump, tag: report.tag, commits: report.commits, ignored: report.ignored },
  };
}

function versionJson(report: VersionReport): Record<string, unknown> {
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

function versionText(report: VersionReport): string {
  const lines = [
    `Current version: ${report.current ? `${report.current} (tag ${report.currentTag})` : "none (no release tag yet)"}`,
    report.next
      ? `Next version:    ${report.next} (tag ${report.tag}), ${report.bump ? `${report.bump} bump` : "prerelease"}${report.prerelease ? ` on ${report.branch}` : ""}`
      : "Next version:    none: no commit since the previous release calls for one",
    `Commits:         ${report.commits} in range (${report.merges} merges, ${report.ignored} not conventional, ${report.cancelled.length} revert pairs cancelled)`,
  ];
  if (report.deciding.length > 0) {
    lines.push(`Decided by (${report.deciding[0]!.bump}):`);
    for (const change of report.deciding.slice(0, MAX_LISTED_COMMITS)) lines.push(`  ${change.hash.slice(0, 7)} ${terminalLine(change.header)}`);
    if (report.deciding.length > MAX_LISTED_COMMITS) lines.push(`  … and ${report.deciding.length - MAX_LISTED_COMMITS} more`);
  }
  return lines.join("\n") + "\n";
}

export const versionDoor: Capability<typeof options, VersionRequest, VersionReport, Policy> = {
  name: "version",
  options,
  action: {
    name: "version",
    title: "shipgate version",
    description:
      "Computes the next semver version from the conventional commits since the previous release tag (the highest semver tag reachable from the head): breaking -> major (minor while 0.x unless allowed), feat -> minor, fix/perf/revert -> patch; X.Y.Z-rc.N on release/* and hotfix/* branches. Needs the full history: check out with fetch-depth 0 (a shallow clone is refused with a clear message). Permissions: contents read.",
    branding: { icon: "tag", color: "green" },
    outputs: {
      current: "The previous release's version (empty before the first release).",
      "current-tag": "The previous release's tag (empty before the first release).",
      next: "The next version (empty when no commit calls for a release).",
      bump: "major, minor or patch (empty when there is nothing to release).",
      tag: "The tag of the next version, e.g. v1.3.0 or api@1.3.0 (empty when there is nothing to release).",
      commits: "Number of commits in the range, merges included.",
      ignored: "Number of commits that follow no convention.",
      prerelease: "true when the next version is a prerelease (release or hotfix branch).",
      released: "true when there is a next version.",
      status: "pass when there is a next version, skip otherwise.",
      passed: "Always true (computing a version is not a gate).",
    },
  },
  command: {
    details: [
      "The previous release is the highest semver tag reachable from --to (default HEAD) in the policy's tag format.",
      "Breaking changes bump major (minor while 0.x unless release.pre-major-breaking is major), feat minor,",
      "fix/perf/revert patch; the type -> bump map is release.bumps. On release/* and hotfix/* branches the version",
      "is a prerelease X.Y.Z-rc.N. Needs the full history: in CI check out with fetch-depth: 0.",
    ].join("\n"),
  },
  settings: (values, scope, invocation) => versionRequestOf(values, scope, invocation),
  run: (request) => nextVersionOfRepository(request),
  present(report) {
    return {
      results: [versionResult(report)],
      outputs: {
        current: report.current ?? "",
        "current-tag": report.currentTag ?? "",
        next: report.next ?? "",
        bump: report.bump ?? "",
        tag: report.tag ?? "",
        commits: report.commits,
        ignored: report.ignored,
        prerelease: report.prerelease,
        released: report.next !== null,
      },
      json: versionJson(report),
      text: versionText(report),
    };
  },
};
