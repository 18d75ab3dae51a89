import type { GitCommit } from "../git/git.ts";
import { DEFAULT_PARSE_OPTIONS, parseCommitMessage, parseHeader, type Note, type ParseOptions, type RevertTarget } from "./conventional.ts";
import type { IssueReference } from "./references.ts";

/**
 * Turns the commits of a range into the changes a release is made of, as conventional-changelog and
 * conventional-recommended-bump read them: merge commits are skipped (the commits they bring in are in the range
 * already; both tools list commits with --no-merges); every other commit is parsed, conventional or not (a
 * non-conventional commit can still carry a breaking-change note, a revert or a Release-As). With `squashBullets`,
 * the `* type: ...` bullets of a squash-merge body count as changes of their own. Pure: commits in (newest first,
 * as git log lists them), data out.
 */

export interface Change {
  /** The commit this change comes from; several changes share it when squash bullets are expanded. */
  hash: string;
  committerDate: string;
  header: string;
  /** As written; null when the header is not conventional. */
  type: string | null;
  scope: string | null;
  subject: string | null;
  notes: Note[];
  references: IssueReference[];
  revert: RevertTarget | null;
  releaseAs: string | null;
  /** True when the change is a `* type: ...` bullet of a squash-merge body. */
  fromSquashBody: boolean;
}

export interface Analysis {
  /** Every change of the range, newest first (reverted pairs still in: each consumer cancels them, see cancelReverts). */
  changes: Change[];
  /** Commits read in the range, merges included. */
  commits: number;
  merges: number;
  /** Non-merge commits with neither a conventional header nor a revert. */
  ignored: number;
  ignoredCommits: { hash: string; header: string }[];
}

export interface AnalyzeOptions extends ParseOptions {
  /** Count the `* type: ...` bullets of squash-merge bodies as changes (off by default: see docs/version.md). */
  squashBullets: boolean;
}

export const DEFAULT_ANALYZE_OPTIONS: AnalyzeOptions = { ...DEFAULT_PARSE_OPTIONS, squashBullets: false };

const SQUASH_BULLET = /^\* (.+)$/;
/** GitHub's squash merges end the title with the pull request's number. */
const PULL_REQUEST_SUFFIX = / \(#\d+\)$/;

function changeOf(commit: GitCommit, message: string, options: ParseOptions, fromSquashBody: boolean): Change {
  const parsed = parseCommitMessage(message, options);
  return {
    hash: commit.hash,
    committerDate: commit.committerDate,
    header: parsed.header,
    type: parsed.type,
    scope: parsed.scope,
    subject: parsed.subject,
    notes: parsed.notes,
    references: parsed.references,
    revert: parsed.revert,
    releaseAs: parsed.releaseAs,
    fromSquashBody,
  };
}

/**
 * The `* type: ...` blocks of a squash-merge body, each with the lines that follow it as its own body. Every
 * `* ` line that starts a paragraph starts a block (GitHub lists one squashed commit per bullet); blocks whose
 * bullet is not a conventional header are dropped.
 */
function squashBullets(message: string): string[] {
  const lines = message.split(/\r?\n/).slice(1);
  const blocks: { conventional: boolean; lines: string[] }[] = [];
  lines.forEach((line, i) => {
    const bullet = SQUASH_BULLET.exec(line);
    const startsParagraph = i === 0 || lines[i - 1]!.trim() === "";
    if (bullet && startsParagraph) blocks.push({ conventional: parseHeader(bullet[1]!) !== null, lines: [bullet[1]!] });
    else blocks.at(-1)?.lines.push(line);
  });
  return blocks.filter((block) => block.conventional).map((block) => block.lines.join("\n"));
}

/** A bullet that repeats the title, with or without the title's ` (#N)`, is the commit itself. */
function repeatsTitle(bullet: Change, title: string): boolean {
  return bullet.header === title || bullet.header === title.replace(PULL_REQUEST_SUFFIX, "");
}

function changesOf(commit: GitCommit, options: AnalyzeOptions): Change[] {
  const own = changeOf(commit, commit.message, options, false);
  // Most messages have no bullet line at all; skip the block scan for them.
  if (!options.squashBullets || !commit.message.includes("\n* ")) return [own];
  const bullets = squashBullets(commit.message)
    .map((message) => changeOf(commit, message, options, true))
    .filter((bullet) => !repeatsTitle(bullet, own.header));
  return [own, ...bullets];
}

/** A commit's changes, read as analyzeCommits reads them (the changelog reads each commit as git writes it). */
export function changesOfCommit(commit: GitCommit, options: AnalyzeOptions): Change[] {
  return changesOf(commit, options);
}

export function analyzeCommits(commits: readonly GitCommit[], options: AnalyzeOptions = DEFAULT_ANALYZE_OPTIONS): Analysis {
  const changes: Change[] = [];
  const ignoredCommits: Analysis["ignoredCommits"] = [];
  let merges = 0;
  for (const commit of commits) {
    if (commit.parents.length > 1) {
      merges++;
      continue;
    }
    const found = changesOf(commit, options);
    if (found.every((change) => change.type === null && change.revert === null)) ignoredCommits.push({ hash: commit.hash, header: found[0]!.header });
    changes.push(...found);
  }
  return { changes, commits: commits.length, merges, ignored: ignoredCommits.length, ignoredCommits };
}

/**
 * Drops each revert together with the change it reverts when both are listed, as conventional-commits-filter
 * does: newest first, a revert waits for an older change whose header and hash are the ones it names (a revert
 * of a revert cancels that revert, and the original change stays). Linear: reverts waiting are indexed by the
 * hash they name.
 */
export function cancelReverts<T extends Pick<Change, "hash" | "header" | "revert">>(changes: readonly T[]): { kept: T[]; cancelled: { revert: string; reverted: string }[] } {
  const waiting = new Map<string, number[]>();
  const dropped = new Set<number>();
  const cancelled: { revert: string; reverted: string }[] = [];
  changes.forEach((change, index) => {
    const candidates = waiting.get(change.hash);
    const match = candidates?.find((i) => !dropped.has(i) && changes[i]!.revert!.header?.trim() === change.header.trim());
    if (match !== undefined) {
      dropped.add(match);
      dropped.add(index);
      cancelled.push({ revert: changes[match]!.hash, reverted: change.hash });
      return;
    }
    const hash = change.revert?.hash;
    if (hash) waiting.set(hash, [...(waiting.get(hash) ?? []), index]);
  });
  return { kept: changes.filter((_, i) => !dropped.has(i)), cancelled };
}
