import path from "node:path";
import type { ActionDefinition } from "../actions/run-action.ts";
import type { GateResult } from "../core/result.ts";
import { UserError } from "../core/errors.ts";
import semver from "semver";
import { readVersionRequest } from "../version/action.ts";
import type { VersionRequest } from "../version/repository.ts";
import { changelogOfRepository, type ChangelogReport } from "./repository.ts";
import { writeReleases } from "./file.ts";
import { linksFromServer } from "./links.ts";
import type { RepositoryLinks } from "./render.ts";

/**
 * The `changelog` action: release notes of the release being made (conventionalcommits format) as a multiline
 * output, the job summary, and optionally a CHANGELOG.md section written once (contents: read; the workflow
 * commits the file if it wants to keep it).
 */

interface ChangelogSettings {
  request: VersionRequest;
  version: string | undefined;
  links: RepositoryLinks | null;
  /** The file to prepend to, or undefined to write nothing. */
  file: string | undefined;
}

function changelogResult(report: ChangelogReport, written: string[] | null, file: string | undefined): GateResult {
  const wrote = file === undefined ? "" : written && written.length > 0 ? ` — written to ${file}` : ` — ${file} already has it`;
  return {
    gate: "changelog",
    status: report.version ? "pass" : "skip",
    title: report.version ? `release notes for ${report.version}${wrote}` : "no release: nothing since the previous release calls for one",
    summary: report.text,
    findings: [],
    metrics: { version: report.version, releases: report.releases.length },
  };
}

export const changelogAction: ActionDefinition<ChangelogSettings> = {
  name: "changelog",
  async readSettings(context) {
    const request = await readVersionRequest(context);
    const version = context.inputs.string("version");
    if (version !== undefined && !(/^\d/.test(version) && semver.valid(version))) throw new UserError(`input "version": "${version}" is not a semver version (expected X.Y.Z)`);
    const { run, inputs } = context;
    const links = run.owner && run.repo ? linksFromServer(run.serverUrl, `${run.owner}/${run.repo}`, "GITHUB_SERVER_URL/GITHUB_REPOSITORY") : null;
    const write = inputs.boolean("write") ?? false;
    const file = write ? path.resolve(request.repo, inputs.string("file") ?? request.rules.changelog.file) : undefined;
    return { request, version, links, file };
  },
  async run(settings, context) {
    const report = await changelogOfRepository({ ...settings.request, version: settings.version, links: settings.links, today: context.now.toISOString().slice(0, 10) });
    const written = settings.file && report.version ? await writeReleases(settings.file, report.releases) : null;
    const shown = settings.file ? path.relative(settings.request.repo, settings.file) : undefined;
    return {
      results: [changelogResult(report, written, shown)],
      outputs: {
        notes: report.text,
        version: report.version ?? "",
        tag: report.tag ?? "",
        written: Boolean(written && written.length > 0),
      },
    };
  },
};
