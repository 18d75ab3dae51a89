import type { CommandSpec } from "./command.ts";

/**
 * Every CLI command, loaded only when called so that `shipgate --help` and each command start fast.
 * A capability adds one row here.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandSpec>;
}

export const commands: CommandEntry[] = [
  {
    name: "coverage",
    summary: "Check unit-test coverage reports against thresholds",
    load: async () => (await import("./coverage.ts")).coverageCommand,
  },
  {
    name: "version next",
    summary: "Compute the next semver version from conventional commits",
    load: async () => (await import("./version.ts")).versionNextCommand,
  },
  {
    name: "changelog",
    summary: "Render release notes and CHANGELOG.md sections from conventional commits",
    load: async () => (await import("./changelog.ts")).changelogCommand,
  },
];
