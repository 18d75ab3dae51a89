/**
 * The options that `version`, `changelog` and `release` share (the range, the branch, the package and the release
 * rules), declared once so that every door names, checks and defaults them alike.
 */
import * as semver from "./semver.ts";
import type { Invocation, Scope } from "../core/capability.ts";
import { choice, invalid, matching, optionLabel, text, type OptionDecl, type OptionValues, type ValueType } from "../core/options.ts";
import { SEMVER_PATTERN } from "../policy/sections/release.ts";
import type { Policy } from "../policy/types.ts";
import type { VersionRequest } from "./repository.ts";
import { releaseRules } from "./rules.ts";

/** A version as people type it, tags included: X.Y.Z[-pre], a leading v dropped. */
export const versionValue: ValueType<string> = {
  placeholder: "X.Y.Z",
  expected: "a semver version X.Y.Z (a leading v is dropped)",
  kind: "text",
  parse(raw) {
    const version = raw.replace(/^v/, "");
    return (/^\d/.test(version) ? semver.valid(version) : null) ?? invalid();
  },
  schema: { type: "string" },
};

/** A version to release or render, given outright instead of computed. */
export const versionOption: OptionDecl<string> = {
  type: versionValue,
  description: "Exactly this version (default the computed next version).",
};

export const fromOption: OptionDecl<string> = {
  type: text("REF", "a git revision"),
  description: "Start of the commit range, exclusive: the previous release is the one tagged there or below it (default the previous release tag). Must be an ancestor of the end.",
};

export const toOption: OptionDecl<string> = {
  type: text("REF", "a git revision"),
  description: "End of the commit range (default HEAD).",
};

/** The branch, the package and the release rules: what turns commits into a version. */
export const releaseRuleOptions = {
  branch: {
    type: text("NAME"),
    description:
      "The branch the version is for (default: in an action the pull request's head branch or the pushed branch, on the CLI the checked-out branch); release/* and hotfix/* give prereleases.",
  },
  package: { type: text("NAME"), description: "Monorepos: the package of `release.packages` (its path and tag format)." },
  "package-path": {
    type: text("DIR"),
    description: "Monorepos: the package directory relative to the repository root, for a package not listed in the policy file.",
  },
  "tag-prefix": { type: text("PREFIX"), policy: "release.tag-prefix", description: "Text before the version in tags (default from the policy file, else v)." },
  "initial-version": {
    type: matching(new RegExp(SEMVER_PATTERN), "X.Y.Z", "a semver version X.Y.Z (e.g. 1.0.0)"),
    policy: "release.initial-version",
    description: "Version of the first release when no release tag exists (default from the policy file, else 1.0.0).",
  },
  "pre-major-breaking": {
    type: choice(["minor", "major"] as const, "LEVEL"),
    policy: "release.pre-major-breaking",
    description: "While 0.x, what a breaking change bumps (default from the policy file, else minor; major allows 1.0.0).",
  },
} satisfies Record<string, OptionDecl>;

/** The branch of an action's run: the pull request's head branch, else the pushed branch. */
export function branchOfRun(env: NodeJS.ProcessEnv): string | undefined {
  const head = env.GITHUB_HEAD_REF?.trim();
  if (head) return head;
  const name = env.GITHUB_REF_NAME?.trim();
  if (name && env.GITHUB_REF_TYPE !== "tag") return name;
  const ref = env.GITHUB_REF ?? "";
  return ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : undefined;
}

type RuleValues = OptionValues<typeof releaseRuleOptions> & { from?: string; to?: string };

/**
 * The repository, range, branch and rules: options over the policy file's `release` section. Without `branch`, an
 * action takes the branch of its run; the CLI leaves it to the checked-out branch (the version use case reads it).
 */
export function versionRequestOf(values: RuleValues, scope: Scope<Policy>, invocation: Pick<Invocation, "door" | "env">): VersionRequest {
  const policy = scope.policy.release;
  const release = {
    ...policy,
    "tag-prefix": values["tag-prefix"] ?? policy["tag-prefix"],
    "initial-version": values["initial-version"] ?? policy["initial-version"],
    "pre-major-breaking": values["pre-major-breaking"] ?? policy["pre-major-breaking"],
  };
  const where = optionLabel(invocation.door, "package", releaseRuleOptions.package);
  return {
    repo: scope.root,
    from: values.from,
    to: values.to,
    branch: values.branch ?? (invocation.door === "action" ? branchOfRun(invocation.env) : undefined),
    rules: releaseRules(release, { name: values.package, path: values["package-path"], where }),
  };
}
