import type { GitCommit } from "../git/git.ts";
import type { ReleaseRules } from "../version/rules.ts";
import { analyzeCommits, type AnalyzeOptions, type Change } from "../version/analyze.ts";
import { releaseTags, tagFormatOf, tagName } from "../version/tags.ts";
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
  /** Changes of commits already read with `changesOfCommit` and analyzeOptionsOf(policy). */
  readAhead?: ReadonlyMap<GitCommit, Change[]> | undefined;
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

interface Block {
  version: string | null;
  tag: string | null;
  date: string;
  commits: GitCommit[];
}

/** How the changelog reads commits under a policy. */
export function analyzeOptionsOf(policy: ReleaseRules): AnalyzeOptions {
  return { issuePrefixes: policy.changelog["issue-prefixes"], squashBullets: policy["squash-bullets"] };
}

function isoDay(date: string): string {
  return new Date(date).toISOString().slice(0, 10);
}

export function renderChangelog(input: ChangelogInput): { text: string; releases: RenderedRelease[] } {
  const format = tagFormatOf(input.policy);
  const tagOf = new Map<string, { name: string; version: string }>();
  for (const tag of releaseTags(input.tags.map((t) => ({ ...t, reachable: true })), format)) {
    // The highest version tag of a commit names its release.
    if (!tagOf.has(tag.commit)) tagOf.set(tag.commit, { name: tag.name, version: tag.version.version });
  }

  const blocks: Block[] = [{ version: input.version ?? null, tag: input.version ? tagName(input.version, format) : null, date: input.today, commits: [] }];
  for (const commit of input.commits) {
    const tag = tagOf.get(commit.hash);
    if (tag) blocks.push({ version: tag.version, tag: tag.name, date: isoDay(commit.committerDate), commits: [] });
    blocks.at(-1)!.commits.push(commit);
  }

  const { changelog } = input.policy;
  const analyzeOptions = analyzeOptionsOf(input.policy);
  const readAhead = input.readAhead;
  const read = readAhead ? (commit: GitCommit) => readAhead.get(commit) : undefined;
  const releases: RenderedRelease[] = [];
  blocks.forEach((block, index) => {
    // A release without commits (a tag cut by hand) still gets its heading, as conventional-changelog writes it.
    if (!block.version) return;
    const { changes } = analyzeCommits(block.commits, analyzeOptions, read);
    const older = blocks[index + 1];
    const previousTag = older ? older.tag : (input.previousTag ?? visibleOldest(changes, changelog.sections));
    const notes = renderReleaseNotes({ version: block.version, date: block.date, previousTag, currentTag: block.tag, changes }, { links: input.links, changelog });
    releases.push({ version: block.version, tag: block.tag, previousTag, date: block.date, notes, commits: block.commits.length });
  });
  return { text: releases.map((r) => r.notes).join("\n"), releases };
}

/** conventional-changelog links the first release's compare view from its oldest listed commit. */
function visibleOldest(changes: ReturnType<typeof analyzeCommits>["changes"], sections: ReleaseRules["changelog"]["sections"]): string | null {
  const shown = new Set(sections.filter((s) => !s.hidden).map((s) => s.type.toLowerCase()));
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!;
    if (shown.has(change.revert ? "revert" : (change.type ?? "").toLowerCase()) || change.notes.length > 0) return change.hash;
  }
  return null;
}
