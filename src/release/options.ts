/** The options every release door shares (trunk release, release branches): the token, the version asked for, dry runs. */
import { timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { choice, flag, optionLabel, type Door } from "../core/options.ts";
import { versionOption } from "../version/options.ts";
import { BUMP_CHOICES } from "./plan.ts";

export const releaseOptions = {
  token: { ...tokenOption, description: "Token for the GitHub API; needs contents write (contents read is enough with dry-run)." },
  "time-budget": timeBudgetOption,
  bump: {
    type: choice(BUMP_CHOICES, "LEVEL"),
    actionDefault: "auto",
    description: "auto (from the conventional commits, the default), patch, minor or major (the previous release bumped so).",
  },
  version: { ...versionOption, description: "Release exactly this version (X.Y.Z), overriding bump." },
  prerelease: {
    type: flag,
    actionDefault: "false",
    description:
      "Release a prerelease on any branch, X.Y.Z-rc.N (X.Y.Z the version computed, bumped or given; N after the existing X.Y.Z-rc tags), marked as a prerelease on GitHub; a version that already is a prerelease is kept.",
  },
  "dry-run": { type: flag, actionDefault: "false", description: "Write nothing; print the version, tag, notes, branch and the API calls the release would make." },
};

/** The token, required: a dry run reads (contents: read), a release writes (contents: write). */
export function requiredToken(token: string | undefined, dryRun: boolean, door: Door): string {
  if (token) return token;
  throw new UserError(`${optionLabel(door, "token", releaseOptions.token)} is not set: the release needs a token with the "contents: ${dryRun ? "read" : "write"}" permission`);
}
