import path from "node:path";
import semver from "semver";
import type { CommandSpec } from "./command.ts";
import { readRepositorySettings, repositoryOptions, stringOption } from "./release-options.ts";
import { UserError } from "../core/errors.ts";
import { changelogOfRepository } from "../changelog/repository.ts";
import { linksFromServer } from "../changelog/links.ts";
import { writeReleases } from "../changelog/file.ts";

export const changelogCommand: CommandSpec = {
  name: "changelog",
  summary: "Render release notes and CHANGELOG.md sections from conventional commits",
  usage: "[--repo DIR] [--from REF] [--to REF] [--version X] [--all] [--write FILE] [--json]",
  details: [
    "Renders the release being made (the commits since the previous release tag, under --version or the computed",
    "next version) in the format of conventional-changelog's conventionalcommits preset. --all renders every",
    "release of the history. --write prepends the sections missing from FILE (a version already there is never",
    "written twice); the file is replaced atomically. Links use the origin remote, or --server-url and --repository.",
  ].join("\n"),
  options: {
    ...repositoryOptions,
    version: { type: "string", valueName: "X", description: "The version of the unreleased commits (default: the computed next version)" },
    all: { type: "boolean", description: "Render every release of the history, newest first" },
    write: { type: "string", valueName: "FILE", description: "Prepend the new sections to this changelog file" },
    "server-url": { type: "string", valueName: "URL", description: "Links: the server, e.g. https://github.example.com (with --repository)" },
    repository: { type: "string", valueName: "OWNER/NAME", description: "Links: the repository on --server-url (default server https://github.com)" },
  },
  positionals: { min: 0, max: 0 },
  async run(input) {
    const settings = await readRepositorySettings(input);
    const version = stringOption(input, "version");
    if (version !== undefined && !(/^\d/.test(version) && semver.valid(version))) throw new UserError(`--version: "${version}" is not a semver version (expected X.Y.Z)`);
    const repository = stringOption(input, "repository");
    const serverUrl = stringOption(input, "server-url");
    if (serverUrl && !repository) throw new UserError("--server-url needs --repository OWNER/NAME");
    const links = repository ? linksFromServer(serverUrl ?? "https://github.com", repository, "--server-url/--repository") : undefined;
    const report = await changelogOfRepository({
      ...settings,
      version,
      all: input.options.all === true,
      links,
      today: input.now.toISOString().slice(0, 10),
    });
    const writeTo = stringOption(input, "write");
    const written = writeTo ? await writeReleases(path.resolve(input.cwd, writeTo), report.releases) : null;
    const json = {
      version: report.version,
      tag: report.tag,
      notes: report.text,
      releases: report.releases.map(({ notes: _notes, ...release }) => release),
      file: writeTo ?? null,
      written,
    };
    const note = writeTo ? `\n${written && written.length > 0 ? `Wrote ${written.join(", ")} to ${writeTo}` : `${writeTo} already has these versions; nothing written`}\n` : "";
    const text = report.text || (report.version ? `No changes to list for ${report.version}.\n` : "No release: no commit since the previous release calls for one.\n");
    return { exitCode: 0, json, text: text + note };
  },
};
