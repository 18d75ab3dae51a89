import type { GitCommit } from "../git/git.ts";
import type { ReleaseRules } from "../version/rules.ts";
import { changesOfCommit, type AnalyzeOptions, type Change } from "../version/analyze.ts";
import { releaseTags, tagFormatOf, tagName, type TagFormat } from "../version/tags.ts";
import { renderReleaseNotes, type RepositoryLinks } from "./render.ts";

/**
 * A changelog over a range of history: the range is cut at every release tag into releases (newest first),
 * each rendered like conventional-changelog renders it. Commits newer than the newest tag form the release
 * `version` when one is given. Pure: commits, tags and policy in, markdown out.
 */

export interface ChangelogInput {
  /** Newest first, as git log lists them. */
  commits: readonly GitCommit[];
  tags: readonly { name: string; commit: string }[];
  policy: ReleaseRules;
  links: RepositoryLinks | null;
  /** The version of the commits after the newest tag (the release being made); they are left out without it. */
  version?: string | undefined;
  /** The tag before the range, for the compare link of the oldest release in it. */
  previousTag?: string | null | undefined;
  /** The date of the release being made (YYYY-MM-DD). */
  today: string;
}

export interface RenderedRelease {
  version: string;
  tag: string | null;
  previousTag: string | null;
  date: string;
  notes: string;
  /** Commits of the release, merges included. */
  commits: number;
}

/** The commits of one release; the release being made learns its version, tag and date at the end. */
interface Block {
  release: { version: string; tag: string; date: string } | null;
  /** The tag of the release below, set when the next older tag closes the block. */
  previousTag: string | null;
  changes: Change[];
  commits: number;
}

/** How the changelog reads commits under a policy. */
export function analyzeOptionsOf(policy: ReleaseRules): AnalyzeOptions {
  return { issuePrefixes: policy.changelog["issue-prefixes"], squashBullets: policy["squash-bullets"] };
}

function isoDay(date: string): string {
  return new Date(date).toISOString().slice(0, 10);
}

/**
 * The changelog of commits handed over one at a time, newest first, as git log writes them: each commit is read
 * into changes when it arrives, and a release's notes are rendered as soon as the next older release tag closes
 * it, so that a long history is rendered while git is still writing it. The commits above the newest tag wait for
 * their version (finish), and closed releases for the links when these are not known yet (useLinks).
 */
export class ChangelogWriter {
  private readonly tagOf = new Map<string, { name: string; version: string }>();
  private readonly format: TagFormat;
  private readonly analyzeOptions: AnalyzeOptions;
  private readonly changelog: ReleaseRules["changelog"];
  private links: RepositoryLinks | null | undefined;
  /** The commits above the newest tag: the release being made. */
  private readonly unreleased: Block = { release: null, previousTag: null, changes: [], commits: 0 };
  private current = this.unreleased;
  /** Closed releases waiting for the links. */
  private readonly waiting: Block[] = [];
  private readonly rendered: RenderedRelease[] = [];

  constructor(setting: { tags: readonly { name: string; commit: string }[]; policy: ReleaseRules; links?: RepositoryLinks | null | undefined }) {
    this.format = tagFormatOf(setting.policy);
    for (const tag of releaseTags(setting.tags.map((t) => ({ ...t, reachable: true })), this.format)) {
      // The highest version tag of a commit names its release.
      if (!this.tagOf.has(tag.commit)) this.tagOf.set(tag.commit, { name: tag.name, version: tag.version.version });
    }
    this.analyzeOptions = analyzeOptionsOf(setting.policy);
    this.changelog = setting.policy.changelog;
    this.links = setting.links;
  }

  add(commit: GitCommit): void {
    const tag = this.tagOf.get(commit.hash);
    if (tag) {
      this.current.previousTag = tag.name;
      if (this.current !== this.unreleased) this.close(this.current);
      this.current = { release: { version: tag.version, tag: tag.name, date: isoDay(commit.committerDate) }, previousTag: null, changes: [], commits: 0 };
    }
    this.current.commits++;
    // Merge commits are skipped: the commits they bring in are listed already (see analyzeCommits).
    if (commit.parents.length <= 1) this.current.changes.push(...changesOfCommit(commit, this.analyzeOptions));
  }

  useLinks(links: RepositoryLinks | null): void {
    this.links = links;
    for (const block of this.waiting.splice(0)) this.render(block, block.release!);
  }

  /**
   * The changelog, newest release first. `version` names the commits above the newest tag (left out without it),
   * dated `today`; `previousTag` is the tag below the range, for the oldest release's compare link.
   */
  finish(end: { version?: string | undefined; previousTag?: string | null | undefined; today: string }): { text: string; releases: RenderedRelease[] } {
    if (this.links === undefined) throw new Error("the changelog is finished before its links are known");
    const oldest = this.current;
    oldest.previousTag = end.previousTag ?? visibleOldest(oldest.changes, this.changelog.sections);
    if (oldest.release) this.render(oldest, oldest.release);
    const releases = [...this.rendered];
    if (end.version) {
      this.render(this.unreleased, { version: end.version, tag: tagName(end.version, this.format), date: end.today });
      releases.unshift(this.rendered.pop()!);
    }
    return { text: releases.map((r) => r.notes).join("\n"), releases };
  }

  private close(block: Block): void {
    if (this.links === undefined) this.waiting.push(block);
    else this.render(block, block.release!);
  }

  private render(block: Block, release: NonNullable<Block["release"]>): void {
    const { version, tag, date } = release;
    const { previousTag, changes } = block;
    const notes = renderReleaseNotes({ version, date, previousTag, currentTag: tag, changes }, { links: this.links!, changelog: this.changelog });
    this.rendered.push({ version, tag, previousTag, date, notes, commits: block.commits });
  }
}

export function renderChangelog(input: ChangelogInput): { text: string; releases: RenderedRelease[] } {
  const writer = new ChangelogWriter({ tags: input.tags, policy: input.policy, links: input.links });
  for (const commit of input.commits) writer.add(commit);
  return writer.finish(input);
}

/** conventional-changelog links the first release's compare view from its oldest listed commit. */
function visibleOldest(changes: readonly Change[], sections: ReleaseRules["changelog"]["sections"]): string | null {
  const shown = new Set(sections.filter((s) => !s.hidden).map((s) => s.type.toLowerCase()));
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!;
    if (shown.has(change.revert ? "revert" : (change.type ?? "").toLowerCase()) || change.notes.length > 0) return change.hash;
  }
  return null;
}
