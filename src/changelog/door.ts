/** The changelog's front door: action `changelog`, `shipgate changelog`. */
import path from "node:path";
import type { Capability, Invocation } from "../core/capability.ts";
import { configOption, repositoryOption, rootOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { flag, matching, optionLabel, pathOf, resolvePath, type OptionValues } from "../core/options.ts";
import type { GateResult } from "../core/result.ts";
import type { Policy } from "../policy/types.ts";
import { count, nestedNotes } from "../report/blocks.ts";
import { fromOption, releaseRuleOptions, toOption, versionOption, versionRequestOf } from "../version/options.ts";
import { writeReleases } from "./file.ts";
import { linksFromServer } from "./links.ts";
import type { RepositoryLinks } from "./render.ts";
import { changelogOfRepository, type ChangelogReport, type ChangelogRequest } from "./repository.ts";

const RUN_LINKS = "an action links to the server and repository of its workflow run";

const options = {
  root: rootOption,
  config: { ...configOption, description: `${configOption.description} Its \`release\` section holds the rules and sections.` },
  version: { ...versionOption, description: "The version of the release being made (default the computed next version)." },
  from: fromOption,
  to: toOption,
  ...releaseRuleOptions,
  all: { type: flag, description: "Render every release of the history, newest first." },
  write: { type: flag, actionDefault: "false", description: "Prepend the notes to the changelog file (a version already in it is never written twice; the file is replaced atomically)." },
  file: { type: pathOf("FILE"), description: "The changelog file to write (default from the policy file, else CHANGELOG.md in the repository root)." },
  "server-url": {
    type: matching(/^https?:\/\/\S+$/i, "URL", "an http(s) URL"),
    input: null,
    why: RUN_LINKS,
    description: "Links: the server, e.g. https://github.example.com (with --repository; default GITHUB_SERVER_URL, else https://github.com).",
  },
  repository: { ...repositoryOption, flag: "repository", why: RUN_LINKS, description: "Links: the repository (default GITHUB_REPOSITORY, else the origin remote)." },
};

interface ChangelogSettings {
  request: Omit<ChangelogRequest, "today">;
  /** The file to prepend to, and its name as given; undefined to write nothing. */
  file: { path: string; shown: string } | undefined;
}

interface ChangelogRun {
  report: ChangelogReport;
  /** The versions written; null when no file was asked for. */
  written: string[] | null;
}

/** Links to the server and repository given, else to those of the run, else (undefined) to the origin remote. */
function linksOf(values: OptionValues<typeof options>, invocation: Invocation): RepositoryLinks | undefined {
  const label = (key: "server-url" | "repository") => optionLabel(invocation.door, key, options[key]);
  if (values["server-url"] !== undefined && values.repository === undefined) throw new UserError(`${label("server-url")} needs ${label("repository")} OWNER/NAME`);
  const { run } = invocation;
  if (values.repository) return linksFromServer(values["server-url"] ?? run.serverUrl, values.repository, `${label("server-url")}/${label("repository")}`);
  if (run.owner && run.repo) return linksFromServer(run.serverUrl, `${run.owner}/${run.repo}`, "GITHUB_SERVER_URL/GITHUB_REPOSITORY");
  return undefined;
}

/** ": 4 commits since v1.4.0", the key figure of the release being made (the newest rendered). */
function scopeOf(report: ChangelogReport): string {
  const release = report.releases.find((r) => r.version === report.version);
  if (!release) return "";
  return `: ${count(release.commits, "commit")}${release.previousTag ? ` since ${release.previousTag}` : ""}`;
}

function changelogResult({ report, written }: ChangelogRun, file: string | undefined): GateResult {
  const wrote = file === undefined ? "" : written && written.length > 0 ? ` — written to ${file}` : ` — ${file} already has it`;
  return {
    gate: "changelog",
    status: report.version ? "pass" : "skip",
    title: report.version ? `release notes for ${report.version}${scopeOf(report)}${wrote}` : "no release: nothing since the previous release calls for one",
    summary: report.text ? nestedNotes(report.text) : "",
    findings: [],
    metrics: { version: report.version, releases: report.releases.length },
  };
}

export const changelogDoor: Capability<typeof options, ChangelogSettings, ChangelogRun, Policy> = {
  name: "changelog",
  options,
  action: {
    name: "changelog",
    title: "shipgate changelog",
    description:
      "Renders the release notes of the release being made from conventional commits, in the format of conventional-changelog's conventionalcommits preset (Features, Bug Fixes, Performance Improvements, Reverts, BREAKING CHANGES; commit, issue and compare links to this server, GitHub Enterprise included), as a multiline output and the job summary; optionally prepends it to CHANGELOG.md once (commit the file in a later step to keep it). Needs the full history (fetch-depth 0). Permissions: contents read.",
    branding: { icon: "file-text", color: "green" },
    outputs: {
      notes: "The release notes (markdown, multiline), also the body for the GitHub release.",
      version: "The version the notes are for (empty when nothing calls for a release).",
      tag: "The tag of that version.",
      written: "true when the changelog file was changed.",
      status: "pass when there are notes, skip otherwise.",
      passed: "Always true (rendering notes is not a gate).",
    },
  },
  command: {
    details: [
      "Renders the release being made (the commits since the previous release tag, under --version or the computed",
      "next version) in the format of conventional-changelog's conventionalcommits preset. --all renders every",
      "release of the history. --write prepends the sections missing from the changelog file (--file, default",
      "release.changelog.file, else CHANGELOG.md; a version already there is never written twice); the file is",
      "replaced atomically. Links use --server-url and --repository, else GITHUB_SERVER_URL and GITHUB_REPOSITORY,",
      "else the origin remote.",
    ].join("\n"),
  },
  settings(values, scope, invocation) {
    const request = versionRequestOf(values, scope, invocation);
    const links = linksOf(values, invocation);
    const shown = values.file ?? request.rules.changelog.file;
    const file = values.write ? { path: values.file === undefined ? path.resolve(scope.root, shown) : resolvePath(invocation.cwd, shown), shown } : undefined;
    return { request: { ...request, version: values.version, all: values.all ?? false, ...(links ? { links } : {}) }, file };
  },
  async run(settings, invocation) {
    const report = await changelogOfRepository({ ...settings.request, today: invocation.now.toISOString().slice(0, 10) });
    return { report, written: settings.file ? await writeReleases(settings.file.path, report.releases) : null };
  },
  present(outcome, settings) {
    const { report, written } = outcome;
    const file = settings.file?.shown;
    const note = file === undefined ? "" : `\n${written && written.length > 0 ? `Wrote ${written.join(", ")} to ${file}` : `${file} already has these versions; nothing written`}\n`;
    const text = report.text || (report.version ? `No changes to list for ${report.version}.\n` : "No release: no commit since the previous release calls for one.\n");
    return {
      results: [changelogResult(outcome, file)],
      outputs: { notes: report.text, version: report.version ?? "", tag: report.tag ?? "", written: Boolean(written && written.length > 0) },
      json: {
        version: report.version,
        tag: report.tag,
        notes: report.text,
        releases: report.releases.map(({ notes: _notes, ...release }) => release),
        file: file ?? null,
        written,
      },
      text: text + note,
    };
  },
};
