import * as semver from "../version/semver.ts";
import { AlreadyExistsError } from "../core/errors.ts";
import type { ReleaseScm } from "./ports.ts";
import type { ReleasePlan } from "./publish.ts";

/**
 * The major tag action users reference (`uses: owner/action@v1`): after each release vX.Y.Z it points at the
 * latest vX.y.z, and it only ever moves forward. It stays where it is when a later X.y.z is already released
 * (a backport of an older minor), and when the new commit does not descend from the one it points at (moving it
 * would take v1 users back or sideways); the GitHub update is a fast-forward-only one, so the API refuses a move
 * backwards even if two runs race. Prereleases and 0.y.z versions (no stable major) never move it.
 */

/** kept: a later release of the major exists; diverged: the tag's commit is not an ancestor of the release's. */
export type MajorTagState = "created" | "moved" | "unchanged" | "kept" | "diverged";

export interface MajorTagOutcome {
  /** The major tag, e.g. v1. */
  tag: string;
  state: MajorTagState;
  /** The commit it pointed at before (null when it did not exist). */
  from: string | null;
  /** The commit it points at now. */
  to: string;
  message: string;
}

/** v1 for v1.4.2 (the tag's prefix kept: pkg-v1 for pkg-v1.4.2); null for a prerelease or a 0.y.z version. */
export function majorTagName(plan: Pick<ReleasePlan, "tag" | "version" | "prerelease">): string | null {
  const parsed = semver.parse(plan.version);
  if (!parsed || plan.prerelease || parsed.prerelease.length > 0 || parsed.major === 0 || !plan.tag.endsWith(plan.version)) return null;
  return `${plan.tag.slice(0, plan.tag.length - plan.version.length)}${parsed.major}`;
}

/** A published, stable release of the same major that is later than this one (its version), if any. */
function laterRelease(releases: readonly { tag: string; draft: boolean; prerelease: boolean }[], plan: ReleasePlan, prefix: string): string | null {
  const major = semver.major(plan.version);
  const later = releases
    .filter((release) => !release.draft && !release.prerelease && release.tag.startsWith(prefix))
    .map((release) => semver.valid(release.tag.slice(prefix.length)))
    .filter((version): version is string => version !== null && semver.major(version) === major && semver.gt(version, plan.version))
    .sort(semver.rcompare);
  return later[0] ?? null;
}

async function commitOf(scm: ReleaseScm, ref: string): Promise<string | null> {
  const found = await scm.getRef(ref);
  if (!found) return null;
  return found.type === "tag" ? scm.tagTarget(found.sha) : found.sha;
}

/**
 * `isAncestor` answers from the checkout (the release needs its full history anyway): a dry run's release commit
 * may not be on GitHub yet. A commit the checkout does not have is no ancestor.
 */
export async function moveMajorTag(scm: ReleaseScm, plan: ReleasePlan, isAncestor: (ancestor: string, descendant: string) => Promise<boolean>): Promise<MajorTagOutcome | null> {
  const tag = majorTagName(plan);
  if (!tag) return null;
  const ref = `tags/${tag}`;
  const prefix = plan.tag.slice(0, plan.tag.length - plan.version.length);
  let from = await commitOf(scm, ref);

  const later = laterRelease(await scm.listReleases(), plan, prefix);
  if (later) return { tag, state: "kept", from, to: from ?? plan.commit, message: `${tag} stays where it is: ${prefix}${later} is a later release of the same major version` };

  if (from === null) {
    try {
      await scm.createRef(ref, plan.commit);
      return { tag, state: "created", from: null, to: plan.commit, message: `created ${tag} at ${plan.commit}` };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      from = await commitOf(scm, ref);
      if (from === null) throw error;
    }
  }
  if (from === plan.commit) return { tag, state: "unchanged", from, to: from, message: `${tag} already points at ${plan.commit}` };
  if (!(await isAncestor(from, plan.commit).catch(() => false))) {
    return { tag, state: "diverged", from, to: from, message: `${tag} stays at ${from}: that commit is not an ancestor of ${plan.commit}, so moving ${tag} would not be a move forward` };
  }
  await scm.updateRef(ref, plan.commit);
  return { tag, state: "moved", from, to: plan.commit, message: `moved ${tag} from ${from} to ${plan.commit} (${plan.tag})` };
}
