import { stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.ts";
import type { CommandInput, OptionSpec } from "./command.ts";
import { loadPolicy } from "../policy/load.ts";
import { releaseRules, type ReleaseRules } from "../version/rules.ts";
import { configOption } from "./options.ts";

/** Options shared by `shipgate version next` and `shipgate changelog`. */
export const repositoryOptions: Record<string, OptionSpec> = {
  repo: { type: "string", valueName: "DIR", description: "The git repository (default: the current directory)" },
  from: { type: "string", valueName: "REF", description: "Start of the range, exclusive (default: the previous release tag)" },
  to: { type: "string", valueName: "REF", description: "End of the range (default: HEAD)" },
  branch: { type: "string", valueName: "NAME", description: "The branch the release is for (default: the checked-out branch); release/* and hotfix/* give prereleases" },
  package: { type: "string", valueName: "NAME", description: "Monorepos: the package of release.packages to version (its path and tags)" },
  "package-path": { type: "string", valueName: "DIR", description: "The package directory, for a package not listed in the policy" },
  config: configOption,
};

export function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export interface RepositorySettings {
  repo: string;
  from: string | undefined;
  to: string | undefined;
  branch: string | undefined;
  rules: ReleaseRules;
}

export async function readRepositorySettings(input: CommandInput): Promise<RepositorySettings> {
  const repo = path.resolve(input.cwd, stringOption(input, "repo") ?? ".");
  await requireDirectory(repo, "--repo");
  const config = stringOption(input, "config");
  const { policy } = config ? await loadPolicy({ file: path.resolve(input.cwd, config), cwd: input.cwd }) : await loadPolicy({ cwd: repo });
  const rules = releaseRules(policy.release, { name: stringOption(input, "package"), path: stringOption(input, "package-path"), where: "--package" });
  return { repo, from: stringOption(input, "from"), to: stringOption(input, "to"), branch: stringOption(input, "branch"), rules };
}

/** The checkout directory, checked before the policy file inside it is looked for, so a wrong option is named as such. */
export async function requireDirectory(dir: string, option: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new UserError(`${option}: ${dir}: the repository directory does not exist`);
  if (!info.isDirectory()) throw new UserError(`${option}: ${dir}: not a directory`);
}
