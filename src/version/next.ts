import * as semver from "./semver.ts";
import type { GitCommit } from "../git/git.ts";
import type { BumpLevel } from "../policy/types.ts";
import type { ReleaseRules } from "./rules.ts";
import { DEFAULT_BUMPS } from "../policy/sections/release.ts";
import { UserError } from "../core/errors.ts";
import { analyzeCommits, cancelReverts, type Analysis, type Change } from "./analyze.ts";
import { previousRelease, releaseTags, tagFormatOf, tagName, type ReleaseTag } from "./tags.ts";

/**
 * The next version from the commits since the previous release. Pure: commits, tags and policy in, data out;
 * the release action calls it with data it read itself.
 */

export type Bump = BumpLevel | null;

export interface VersionInput {
  /** The commits since the previous release (what `previousReleaseTag` returns), newest first. */
  commits: readonly GitCommit[];
  /** All tags, each marked reachable or not from the head. */
  tags: readonly { name: string; commit: string; reachable: boolean }[];
  policy: ReleaseRules;
  /** The branch the version is computed for; prerelease branches give X.Y.Z-rc.N. */
  branch?: string | undefined;
}

export interface DecidingChange {
  hash: string;
  header: string;
  type: string | null;
  scope: string | null;
  breaking: boolean;
  bump: BumpLevel;
}

export interface VersionResult {
  /** The previous release's version, or null before the first release. */
  current: string | null;
  currentTag: string | null;
  /** The next version, or null when no commit calls for a release. */
  next: string | null;
  tag: string | null;
  /** The increment applied to `current` (after the pre-1.0 rules), null when there is nothing to release. */
  bump: Bump;
  prerelease: boolean;
  branch: string | null;
  commits: number;
  merges: number;
  conventional: number;
  ignored: number;
  /** Revert/reverted pairs inside the range that cancelled out. */
  cancelled: { revert: string; reverted: string }[];
  /** The version a `Release-As:` footer asked for (the newest one in the range), which `next` then is. */
  releaseAs: string | null;
  /** The changes whose increment decided the bump. */
  deciding: DecidingChange[];
  analysis: Analysis;
}

const RANK: Record<BumpLevel, number> = { patch: 1, minor: 2, major: 3 };

export function bumpOfChange(change: Change, bumps: Record<string, BumpLevel | "none">): Bump {
  if (change.notes.length > 0) return "major";
  const type = change.revert ? "revert" : change.type?.toLowerCase();
  if (type === undefined) return null;
  const level = Object.hasOwn(bumps, type) ? bumps[type] : undefined;
  return level === undefined || level === "none" ? null : level;
}

export function highestBump(levels: Bump[]): Bump {
  let best: Bump = null;
  for (const level of levels) if (level && (!best || RANK[level] > RANK[best])) best = level;
  return best;
}

/** `*` matches any text; every other character matches itself. */
export function matchesBranchPattern(branch: string, pattern: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return branch === pattern;
  const first = parts[0]!;
  const last = parts.at(-1)!;
  if (!branch.startsWith(first) || branch.length < first.length + last.length || !branch.endsWith(last)) return false;
  let position = first.length;
  const end = branch.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = branch.indexOf(middle, position);
    if (found === -1 || found + middle.length > end) return false;
    position = found + middle.length;
  }
  return true;
}

/** A version named by the branch (release/1.2.0, hotfix/v1.2.1), or null. */
export function versionOfBranch(branch: string): string | null {
  const last = branch.slice(branch.lastIndexOf("/") + 1).replace(/^v/, "");
  return /^\d/.test(last) && semver.valid(last) ? semver.valid(last) : null;
}

/** release-please's `Release-As: X.Y.Z`: the newest one of the range decides, when it is a semver version. */
function releaseAsOf(changes: readonly Change[]): string | null {
  for (const change of changes) {
    const version = change.releaseAs ? semver.valid(change.releaseAs) : null;
    if (version) return version;
  }
  return null;
}

function checkedInitialVersion(policy: ReleaseRules): string {
  const initial = policy["initial-version"];
  const valid = /^\d/.test(initial) ? semver.valid(initial) : null;
  if (!valid) throw new UserError(`policy release.initial-version: "${initial}" is not a semver version (expected X.Y.Z)`);
  return valid;
}

/** The release tags of the policy's format, highest first, and the previous release among them. */
export function previousReleaseTag(tags: VersionInput["tags"], policy: ReleaseRules): { tags: ReleaseTag[]; previous: ReleaseTag | null } {
  const found = releaseTags(tags, tagFormatOf(policy));
  return { tags: found, previous: previousRelease(found) };
}

function adjustForPreMajor(current: semver.SemVer, level: Bump, policy: ReleaseRules): Bump {
  if (current.major !== 0 || !level) return level;
  if (level === "major") return policy["pre-major-breaking"] === "major" ? "major" : "minor";
  if (level === "minor") return policy["pre-major-features"];
  return level;
}

function nextPrereleaseNumber(tags: readonly ReleaseTag[], base: string, identifier: string): number {
  let highest = 0;
  for (const tag of tags) {
    const [id, n] = tag.version.prerelease;
    if (`${tag.version.major}.${tag.version.minor}.${tag.version.patch}` === base && id === identifier && typeof n === "number") {
      highest = Math.max(highest, n);
    }
  }
  return highest + 1;
}

/**
 * The prerelease `base-identifier.N` of a stable version, N after the highest `base-identifier.*` release tag (tags
 * of every branch count, so a number is never reused); a version that already is a prerelease stays as it is.
 */
export function prereleaseVersion(version: string, tags: VersionInput["tags"], policy: ReleaseRules): string {
  if ((semver.prerelease(version)?.length ?? 0) > 0) return version;
  const identifier = policy.prerelease.identifier;
  return `${version}-${identifier}.${nextPrereleaseNumber(releaseTags(tags, tagFormatOf(policy)), version, identifier)}`;
}

export function computeNextVersion(input: VersionInput): VersionResult {
  const { policy } = input;
  const initial = checkedInitialVersion(policy);
  const bumps = { ...DEFAULT_BUMPS, ...policy.bumps };
  const format = tagFormatOf(policy);
  const { tags, previous } = previousReleaseTag(input.tags, policy);
  const analysis = analyzeCommits(input.commits, { issuePrefixes: policy.changelog["issue-prefixes"], squashBullets: policy["squash-bullets"] });
  // Reverts cancel among the changes that count for a release, as the notes cancel among the changes they list: a
  // revert of a chore is a fix-level change of its own (semantic-release and release-please release it).
  const { kept, cancelled } = cancelReverts(analysis.changes.filter((change) => bumpOfChange(change, bumps) !== null || change.releaseAs !== null));

  const levels = kept.map((change) => bumpOfChange(change, bumps));
  const raw = highestBump(levels);
  const deciding = kept
    .map((change, i) => ({ change, level: levels[i]! }))
    .filter(({ level }) => raw !== null && level === raw)
    .map(({ change, level }) => ({ hash: change.hash, header: change.header, type: change.type, scope: change.scope, breaking: change.notes.length > 0, bump: level! }));
  const releaseAs = releaseAsOf(kept);

  let bump: Bump = raw;
  let next: string | null;
  if (previous) {
    bump = adjustForPreMajor(previous.version, raw, policy);
    next = bump ? semver.inc(previous.version.version, bump) : null;
  } else {
    next = raw ? initial : null;
  }
  if (releaseAs) next = releaseAs;

  const branch = input.branch ?? null;
  const prerelease = branch !== null && policy.prerelease.branches.some((pattern) => matchesBranchPattern(branch, pattern));
  if (prerelease) {
    const base = versionOfBranch(branch) ?? next;
    if (base) next = prereleaseVersion(base, tags, policy);
  }

  return {
    current: previous ? previous.version.version : null,
    currentTag: previous ? previous.name : null,
    next,
    tag: next ? tagName(next, format) : null,
    bump,
    prerelease: prerelease && next !== null,
    branch,
    commits: analysis.commits,
    merges: analysis.merges,
    conventional: analysis.changes.length - analysis.ignored,
    ignored: analysis.ignored,
    cancelled,
    releaseAs,
    deciding,
    analysis,
  };
}
