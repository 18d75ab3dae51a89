import { AlreadyExistsError, ExternalError } from "../core/errors.ts";
import { capText, GITHUB_LIMITS } from "../report/limits.ts";
import { neutraliseMarkdown, type MentionPolicy } from "../report/neutralise.ts";
import type { ReleaseDraft, ReleaseInfo, ReleaseScm } from "./ports.ts";

/**
 * Tag and GitHub release, draft first and published last. With immutable releases a tag that backed a published
 * release is burned, so nothing here deletes or moves a tag; each step first reads what exists and reuses it, so a
 * re-run after a failure at any step converges to the same end state. The ref creation is the arbiter of a race:
 * the run whose create-ref is refused (already_exists) re-reads, verifies and stops without writing more.
 */

export interface ReleasePlan {
  version: string;
  tag: string;
  /** The commit to tag. */
  commit: string;
  notes: string;
  prerelease: boolean;
  /** Mentions in the notes as posted in bodies on GitHub (policy `report.mentions`); neutralised when not given. */
  mentions?: MentionPolicy;
}

export type PublishState =
  /** This run created or finished something. */
  | "created"
  /** Everything was already there (a re-run after success). */
  | "unchanged"
  /** Another run created the tag first; this run changed nothing. */
  | "lost-race"
  /** The tag exists at another commit; nothing changed. */
  | "conflict";

export interface PublishOutcome {
  state: PublishState;
  release: ReleaseInfo | null;
  /** What happened, step by step, in words. */
  steps: string[];
  /** For conflict and lost-race: the one-line explanation. */
  message: string | null;
}

export function tagMessage(plan: Pick<ReleasePlan, "tag" | "version">): string {
  return `Release ${plan.version}\n`;
}

/** The commit a tag points at (peeling an annotated tag), or null when the tag does not exist. */
export async function commitOfTag(scm: ReleaseScm, tag: string): Promise<string | null> {
  const ref = await scm.getRef(`tags/${tag}`);
  if (!ref) return null;
  return ref.type === "tag" ? scm.tagTarget(ref.sha) : ref.sha;
}

/**
 * Where the whole notes of a release whose body was cut are: a repository need not keep CHANGELOG.md (the release
 * action writes none), but the command renders them from the tag's history anywhere.
 */
function fullNotesOf(tag: string): string {
  return `\`shipgate changelog --to ${tag}\` renders them (so does CHANGELOG.md at ${tag}, where the repository keeps one)`;
}

function draftOf(plan: ReleasePlan): ReleaseDraft {
  return { tag: plan.tag, name: plan.tag, body: capText(neutraliseMarkdown(plan.notes, { mentions: plan.mentions ?? "neutralise" }), GITHUB_LIMITS.releaseBody, fullNotesOf(plan.tag)), prerelease: plan.prerelease, target: plan.commit };
}

function conflict(plan: ReleasePlan, found: string, steps: string[]): PublishOutcome {
  const message = `tag ${plan.tag} already exists at ${found}, not at ${plan.commit}: nothing was changed (a tag that backed a release is never moved; release a new version instead)`;
  return { state: "conflict", release: null, steps: [...steps, message], message };
}

async function releasesOfTag(scm: ReleaseScm, tag: string): Promise<{ published: ReleaseInfo | undefined; drafts: ReleaseInfo[] }> {
  const all = (await scm.listReleases()).filter((r) => r.tag === tag);
  return { published: all.find((r) => !r.draft), drafts: all.filter((r) => r.draft).sort((a, b) => a.id - b.id) };
}

export interface PublishOptions {
  /**
   * Runs once the draft exists, right before it is published (finish dispatches the deploy here): a run that
   * fails in between leaves the draft, so the re-run repeats this step; a published release always had it.
   */
  beforePublish?: (steps: string[]) => Promise<void>;
}

export async function publishRelease(scm: ReleaseScm, plan: ReleasePlan, options: PublishOptions = {}): Promise<PublishOutcome> {
  const steps: string[] = [];
  let wrote = false;

  const tagged = await commitOfTag(scm, plan.tag);
  if (tagged !== null && tagged !== plan.commit) return conflict(plan, tagged, steps);
  if (tagged !== null) {
    steps.push(`tag ${plan.tag} already exists at ${plan.commit}: kept`);
  } else {
    const object = await scm.createTagObject(plan.tag, tagMessage(plan), plan.commit);
    try {
      await scm.createRef(`tags/${plan.tag}`, object);
      wrote = true;
      steps.push(`created the annotated tag ${plan.tag} at ${plan.commit}`);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const now = await commitOfTag(scm, plan.tag);
      if (now !== null && now !== plan.commit) return conflict(plan, now, steps);
      const { published } = await releasesOfTag(scm, plan.tag);
      const message = `another run created tag ${plan.tag} at ${plan.commit} first; this run changed nothing and leaves the release to it`;
      return { state: "lost-race", release: published ?? null, steps: [...steps, message], message };
    }
  }

  const existing = await releasesOfTag(scm, plan.tag);
  if (existing.published) {
    steps.push(`release ${plan.tag} is already published: kept`);
    return { state: wrote ? "created" : "unchanged", release: existing.published, steps, message: null };
  }
  let draft = existing.drafts[0];
  if (draft) {
    steps.push(`found the draft release ${plan.tag} left by an earlier run`);
  } else {
    try {
      draft = await scm.createDraftRelease(draftOf(plan));
      wrote = true;
      steps.push(`created the draft release ${plan.tag}`);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      steps.push(`a release ${plan.tag} appeared meanwhile: using it`);
    }
    // Two runs may each have created a draft (GitHub allows several drafts of one tag): the oldest one wins.
    const again = await releasesOfTag(scm, plan.tag);
    const winner = again.published ?? again.drafts[0];
    if (draft && winner && winner.id !== draft.id) {
      await scm.deleteRelease(draft.id);
      steps.push(`deleted this run's duplicate draft (release ${winner.id} was first)`);
    }
    if (again.published) return { state: wrote ? "created" : "unchanged", release: again.published, steps, message: null };
    draft = winner ?? draft;
    if (!draft) throw new ExternalError(`release ${plan.tag} (${scm.repository}): creating it was refused as a duplicate, yet no release of that tag is listed`);
  }
  await options.beforePublish?.(steps);
  const published = await scm.publishRelease(draft.id, draftOf(plan));
  steps.push(`published the release ${plan.tag}`);
  return { state: "created", release: published, steps, message: null };
}
