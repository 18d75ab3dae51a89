/** The git-flow naming of release and hotfix branches and the texts their pull requests carry: pure, no I/O. */
import type { ReleaseBranchesPolicy } from "../policy/types.ts";
import type { ReleasePlan } from "../release/publish.ts";
import { capText, GITHUB_LIMITS } from "../report/limits.ts";
import { neutraliseMarkdown } from "../report/neutralise.ts";
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

/**
 * The release pull request's body: one heading naming the release, what merging does, and the changelog's sections
 * (its own version heading left out: the pull request's heading says it).
 */
export function pullBody(plan: ReleasePlan, kind: BranchKind, production: string): string {
  const sections = neutraliseMarkdown(plan.notes.trim().replace(/^## [^\n]*\n*/, ""), { mentions: plan.mentions ?? "neutralise" });
  const body = [
    PULL_MARKER,
    `## ${kind === "release" ? "Release" : "Hotfix"} ${plan.version} (tag \`${plan.tag}\`)`,
    "",
    `Merging this pull request into \`${production}\` lets the release be finished: the tag, the GitHub release and the back-merge.`,
    "",
    `Merge it with **Create a merge commit**: after a squash or rebase merge the released commits stay out of \`${production}\`'s history, the next version would count them again, and finish refuses to tag it.`,
    "",
    "**Changelog preview:**",
    "",
    sections || "No change calls for a changelog entry.",
    "",
  ].join("\n");
  return capText(body, GITHUB_LIMITS.pullRequestBody, `CHANGELOG.md on the ${kind} branch`);
}

/** The dedicated branch a back-merge runs from: the tagged commit, never the production branch itself. */
export function backMergeBranch(tag: string, into: string): string {
  return `merge/${tag}-into-${into}`;
}

export interface BackMerge {
  production: string;
  into: string;
  head: string;
  /** Files the merge conflicts in; null when that could not be checked. */
  conflicts: string[] | null;
}

export function backMergeBody(plan: Pick<ReleasePlan, "tag" | "version">, kind: BranchKind, merge: BackMerge): string {
  const lines = [PULL_MARKER, `Brings the ${kind} ${plan.version} (tag \`${plan.tag}\`, merged into \`${merge.production}\`) into \`${merge.into}\`, from the branch \`${merge.head}\` made for it at the tagged commit.`, ""];
  if (merge.conflicts && merge.conflicts.length > 0) {
    lines.push(
      "### Conflicts",
      "",
      `Merging it into \`${merge.into}\` conflicts in:`,
      "",
      ...merge.conflicts.map((file) => `- \`${file}\``),
      "",
      `Resolve them on \`${merge.head}\`, either with GitHub's **Resolve conflicts** button (it merges \`${merge.into}\` into \`${merge.head}\`) or locally:`,
      "",
      "```sh",
      `git fetch origin && git switch ${merge.head} && git merge origin/${merge.into}`,
      `# fix the files, then: git add <files> && git commit && git push origin ${merge.head}`,
      "```",
      "",
      `Either way \`${merge.production}\` and the tag stay as released. Then merge this pull request with a merge commit.`,
      "",
    );
  }
  return lines.join("\n");
}

/** The dispatch inputs with `{tag}` and `{version}` filled in. */
export function deployInputs(template: Record<string, string>, plan: Pick<ReleasePlan, "tag" | "version">): Record<string, string> {
  return Object.fromEntries(Object.entries(template).map(([name, value]) => [name, value.split("{tag}").join(plan.tag).split("{version}").join(plan.version)]));
}
