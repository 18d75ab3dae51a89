/** The git-flow naming of release and hotfix branches and the texts their pull requests carry: pure, no I/O. */
import type { ReleaseBranchesPolicy } from "../policy/types.ts";
import type { ReleasePlan } from "../release/publish.ts";
import { capText, GITHUB_LIMITS } from "../report/neutralise.ts";
import { versionOfBranch } from "../version/next.ts";

export type BranchKind = "release" | "hotfix";

export const PULL_MARKER = "<!-- shipgate:release-branch -->";

export function branchName(template: string, version: string): string {
  return template.split("{version}").join(version);
}

/** The start of a branch: release branches leave from development, hotfixes from production. */
export function baseOf(kind: BranchKind, branches: ReleaseBranchesPolicy): string {
  return kind === "release" ? branches.development : branches.production;
}

/** Which kind of branch a name is, and its version, by the policy's templates; null when it is neither. */
export function parseBranch(name: string, branches: ReleaseBranchesPolicy): { kind: BranchKind; version: string } | null {
  for (const kind of ["release", "hotfix"] as const) {
    const [before = "", after = ""] = branches[kind].split("{version}");
    if (!name.startsWith(before) || !name.endsWith(after) || name.length <= before.length + after.length) continue;
    const version = versionOfBranch(name.slice(before.length, name.length - after.length));
    if (version) return { kind, version };
  }
  return null;
}

export function pullBody(plan: ReleasePlan, kind: BranchKind, production: string): string {
  const body = [
    PULL_MARKER,
    `${kind === "release" ? "Release" : "Hotfix"} **${plan.version}** (tag \`${plan.tag}\`). Merging this pull request into \`${production}\` lets the release be finished: the tag, the GitHub release and the back-merge.`,
    "",
    "### Changelog preview",
    "",
    plan.notes.trim(),
    "",
  ].join("\n");
  return capText(body, GITHUB_LIMITS.pullRequestBody, `CHANGELOG.md on the ${kind} branch`);
}

export function backMergeBody(plan: Pick<ReleasePlan, "tag" | "version">, kind: BranchKind, branches: ReleaseBranchesPolicy): string {
  return [PULL_MARKER, `Brings the ${kind} ${plan.version} (tag \`${plan.tag}\`) from \`${branches.production}\` back into \`${branches.development}\`.`, ""].join("\n");
}

/** The dispatch inputs with `{tag}` and `{version}` filled in. */
export function deployInputs(template: Record<string, string>, plan: Pick<ReleasePlan, "tag" | "version">): Record<string, string> {
  return Object.fromEntries(Object.entries(template).map(([name, value]) => [name, value.split("{tag}").join(plan.tag).split("{version}").join(plan.version)]));
}
