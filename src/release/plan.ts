import * as semver from "../version/semver.ts";
import { UserError } from "../core/errors.ts";
import { changelogOfRepository } from "../changelog/repository.ts";
import type { RepositoryLinks } from "../changelog/render.ts";
import { nextVersionOfRepository, openWithTags } from "../version/repository.ts";
import { prereleaseVersion } from "../version/next.ts";
import type { ReleaseRules } from "../version/rules.ts";
import { releaseTags, tagFormatOf, tagName } from "../version/tags.ts";
import type { MentionPolicy } from "../report/neutralise.ts";
import type { ReleasePlan } from "./publish.ts";

/**
 * What a release is made of, read from the checkout: the version (computed from conventional commits, or
 * bumped as asked, or given), its tag, the commit and the release notes (the changelog section).
 */

export const BUMP_CHOICES = ["auto", "patch", "minor", "major"] as const;
export type BumpChoice = (typeof BUMP_CHOICES)[number];

export interface PlanRequest {
  /** The git checkout. */
  repo: string;
  /** The commit to release; default HEAD. */
  to?: string | undefined;
  branch?: string | undefined;
  rules: ReleaseRules;
  bump: BumpChoice;
  /** A version given outright (finish of a release branch); wins over `bump`. */
  version?: string | undefined;
  /**
   * Release a prerelease: a stable version (computed, bumped as asked or given) becomes `X.Y.Z-rc.N`, N after the
   * existing `X.Y.Z-rc.*` tags, as on release branches; a version already a prerelease, or the release already
   * tagged at the commit (a re-run), stays as it is.
   */
  prerelease: boolean;
  /**
   * Only mark the GitHub release as a prerelease, keeping the version (finish of a release branch: its version is
   * the one the branch names).
   */
  markPrerelease?: boolean;
  links: RepositoryLinks | null;
  today: string;
  /** Policy `report.mentions`, carried into the plan for the bodies posted to GitHub. */
  mentions?: MentionPolicy;
  /**
   * When the commit already carries a release tag, plan that release again (the release action: a re-run from a
   * fresh checkout that fetched the tag finishes the same release). Off for starting branches, whose base is
   * usually the commit of the previous release.
   */
  reuseTagAtCommit?: boolean;
}

export interface PlanReport {
  /** Null when nothing since the previous release calls for one. */
  plan: ReleasePlan | null;
  current: string | null;
}

export function checkedVersion(version: string, where: string): string {
  const valid = /^\d/.test(version) ? semver.valid(version) : null;
  if (!valid) throw new UserError(`${where}: "${version}" is not a semver version (expected X.Y.Z)`);
  return valid;
}

/** The version the bump choice gives: the computed one for auto, else the previous release bumped as asked. */
export function chosenVersion(computed: { current: string | null; next: string | null }, bump: BumpChoice, initial: string): string | null {
  if (bump === "auto") return computed.next;
  return computed.current ? semver.inc(computed.current, bump) : initial;
}

/**
 * The version of a release tag already on the commit, or null. A re-run from a fresh checkout (which fetched the
 * tag an earlier run made) must finish that same release, not look for the next one.
 */
export async function taggedVersionAt(repo: string, to: string | undefined, rules: ReleaseRules): Promise<string | null> {
  const { repository, all } = await openWithTags(repo);
  const commit = await repository.resolveCommit(to ?? "HEAD");
  const here = (all ?? (await repository.tags())).filter((t) => t.commit === commit).map((t) => ({ ...t, reachable: true }));
  return releaseTags(here, tagFormatOf(rules))[0]?.version.version ?? null;
}

/** The version as a prerelease, N continuing from the repository's tags (one git call reads them). */
async function asPrerelease(version: string, repo: string, rules: ReleaseRules): Promise<string> {
  if ((semver.prerelease(version)?.length ?? 0) > 0) return version;
  const { repository, all } = await openWithTags(repo);
  const tags = (all ?? (await repository.tags())).map((t) => ({ ...t, reachable: false }));
  return prereleaseVersion(version, tags, rules);
}

export async function planRelease(request: PlanRequest): Promise<PlanReport> {
  const tagged = request.version === undefined && request.reuseTagAtCommit ? await taggedVersionAt(request.repo, request.to, request.rules) : null;
  let version = request.version ?? tagged ?? undefined;
  let current: string | null = null;
  if (version === undefined) {
    const computed = await nextVersionOfRepository({ repo: request.repo, to: request.to, branch: request.branch, rules: request.rules });
    current = computed.current;
    version = chosenVersion(computed, request.bump, request.rules["initial-version"]) ?? undefined;
    if (version === undefined) return { plan: null, current };
  }
  if (request.prerelease && tagged === null) version = await asPrerelease(version, request.repo, request.rules);
  const report = await changelogOfRepository({ repo: request.repo, to: request.to, branch: request.branch, rules: request.rules, version, links: request.links, today: request.today });
  const tag = tagName(version, tagFormatOf(request.rules));
  return {
    current,
    plan: { version, tag, commit: report.to, notes: report.text, prerelease: request.markPrerelease === true || (semver.prerelease(version)?.length ?? 0) > 0, ...(request.mentions ? { mentions: request.mentions } : {}) },
  };
}
