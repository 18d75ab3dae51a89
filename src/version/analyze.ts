import type { GitCommit } from "../git/git.ts";
import { parseHeader, parseSplitMessage, splitMessage, type Footer } from "./conventional.ts";

/**
 * Turns the commits of a range into the changes that count for a release: merge commits are skipped (the
 * commits they bring in are in the range already), GitHub squash-merge bullets count as the commits they
 * list, a revert and the commit it reverts inside the range cancel out, non-conventional commits are counted
 * and otherwise ignored. Pure: commits in (newest first, as git log lists them), data out.
 */

export interface RevertTarget {
  /** The full or abbreviated hash from "This reverts commit <hash>." */
  hash: string | null;
  /** The header of the reverted commit, from `Revert "<header>"` or `revert: <header>`. */
  header: string | null;
}

export interface Change {
  /** The commit this change comes from; several changes share it when a squash body lists commits. */
  hash: string;
  committerDate: string;
  header: string;
  /** The text the change was read from: the commit message, or its bullet block in a squash body. */
  message: string;
  /** Lower-cased; "revert" for `Revert "..."` commits too. */
  type: string;
  scope: string | null;
  description: string;
  body: string;
  footers: Footer[];
  breaking: boolean;
  breakingNotes: string[];
  revert: RevertTarget | null;
  /** True when the change is a `* type: ...` line of a squash-merge body. */
  fromSquashBody: boolean;
}

export interface Analysis {
  /** Changes that count, newest first. */
  changes: Change[];
  /** Commits read in the range, merges included. */
  commits: number;
  merges: number;
  /** Non-merge commits that follow no convention (and list no conventional squash bullets). */
  ignored: number;
  ignoredCommits: { hash: string; header: string }[];
  /** Revert/reverted pairs inside the range that cancelled out. */
  cancelled: { revert: string; reverted: string }[];
}

const GIT_REVERT_SUBJECT = /^Revert "(.*)"$/;
const REVERTS_COMMIT = /This reverts commit ([0-9a-fA-F]{7,64})/;
const SQUASH_BULLET = /^\* (.+)$/;
const MIN_ABBREVIATED_HASH = 7;
/** SHA-1 hashes have 40 hex digits, SHA-256 ones 64. */
const FULL_HASH = 40;

function revertTarget(type: string | null, header: string, description: string, rest: string[]): RevertTarget | null {
  const gitStyle = GIT_REVERT_SUBJECT.exec(header);
  if (!gitStyle && type !== "revert") return null;
  const hash = REVERTS_COMMIT.exec(rest.join("\n"))?.[1]?.toLowerCase() ?? null;
  const reverted = gitStyle ? gitStyle[1]! : description.replace(/^"(.*)"$/, "$1");
  return { hash, header: reverted || null };
}

function changeOf(commit: GitCommit, message: string, split: { header: string; rest: string[] }, fromSquashBody: boolean): Change | null {
  const { header, rest } = split;
  const parsed = parseSplitMessage(header, rest);
  if (parsed) {
    return {
      hash: commit.hash,
      committerDate: commit.committerDate,
      header,
      message,
      type: parsed.type,
      scope: parsed.scope,
      description: parsed.description,
      body: parsed.body,
      footers: parsed.footers,
      breaking: parsed.breaking,
      breakingNotes: parsed.breakingNotes,
      revert: revertTarget(parsed.type, header, parsed.description, rest),
      fromSquashBody,
    };
  }
  const revert = revertTarget(null, header, "", rest);
  if (!revert) return null;
  return {
    hash: commit.hash,
    committerDate: commit.committerDate,
    header,
    message,
    type: "revert",
    scope: null,
    description: header,
    body: rest.join("\n").trim(),
    footers: [],
    breaking: false,
    breakingNotes: [],
    revert,
    fromSquashBody,
  };
}

/**
 * The `* type: ...` blocks of a squash-merge body, each with the lines that follow it as its own body. Every
 * `* ` line that starts a paragraph starts a block (GitHub lists one squashed commit per bullet); blocks whose
 * bullet is not a conventional header are dropped.
 */
function squashBullets(lines: string[]): string[] {
  const blocks: { conventional: boolean; lines: string[] }[] = [];
  lines.forEach((line, i) => {
    const bullet = SQUASH_BULLET.exec(line);
    const startsParagraph = i === 0 || lines[i - 1]!.trim() === "";
    if (bullet && startsParagraph) {
      const conventional = parseHeader(bullet[1]!) !== null || GIT_REVERT_SUBJECT.test(bullet[1]!);
      blocks.push({ conventional, lines: [bullet[1]!] });
    } else blocks.at(-1)?.lines.push(line);
  });
  return blocks.filter((block) => block.conventional).map((block) => block.lines.join("\n"));
}

function changesOf(commit: GitCommit): Change[] {
  const split = splitMessage(commit.message);
  const own = changeOf(commit, commit.message, split, false);
  // Most messages have no bullet line at all; skip the block scan for them.
  if (!commit.message.includes("\n* ")) return own ? [own] : [];
  const bullets = squashBullets(split.rest)
    .map((message) => changeOf(commit, message, splitMessage(message), true))
    .filter((change): change is Change => change !== null && change.header !== own?.header);
  return own ? [own, ...bullets] : bullets;
}

function indexBy(changes: readonly Change[], key: (change: Change) => string): Map<string, number[]> {
  const index = new Map<string, number[]>();
  changes.forEach((change, i) => {
    const list = index.get(key(change));
    if (list) list.push(i);
    else index.set(key(change), [i]);
  });
  return index;
}

/**
 * Cancels each revert with the change it reverts when both are in the range. Newest first, so that a revert
 * of a revert cancels the first revert and the original change stays. A named hash decides alone (a commit
 * outside the range may share its header with one inside); without one, the newest older change with the
 * reverted header is the target. Indexed by hash and header: linear in the number of changes.
 */
function cancelReverts(changes: Change[]): { kept: Change[]; cancelled: Analysis["cancelled"] } {
  const byHash = indexBy(changes, (c) => c.hash);
  const byHeader = indexBy(changes, (c) => c.header);
  const dropped = new Set<number>();
  const cancelled: Analysis["cancelled"] = [];
  changes.forEach((change, index) => {
    if (!change.revert || dropped.has(index)) return;
    const { hash, header } = change.revert;
    const isTarget = (i: number) => i > index && !dropped.has(i) && changes[i]!.hash !== change.hash;
    let targets: number[] = [];
    if (hash && hash.length >= FULL_HASH) targets = (byHash.get(hash) ?? []).filter(isTarget);
    else if (hash && hash.length >= MIN_ABBREVIATED_HASH) {
      for (const [full, indices] of byHash) if (full.startsWith(hash)) targets.push(...indices.filter(isTarget));
    } else if (!hash && header) targets = (byHeader.get(header) ?? []).filter(isTarget).slice(0, 1);
    if (targets.length === 0) return;
    dropped.add(index);
    for (const target of targets) dropped.add(target);
    cancelled.push({ revert: change.hash, reverted: changes[targets[0]!]!.hash });
  });
  return { kept: changes.filter((_, i) => !dropped.has(i)), cancelled };
}

export function analyzeCommits(commits: readonly GitCommit[]): Analysis {
  const changes: Change[] = [];
  const ignoredCommits: Analysis["ignoredCommits"] = [];
  let merges = 0;
  for (const commit of commits) {
    if (commit.parents.length > 1) {
      merges++;
      continue;
    }
    const found = changesOf(commit);
    if (found.length === 0) ignoredCommits.push({ hash: commit.hash, header: splitMessage(commit.message).header });
    changes.push(...found);
  }
  const { kept, cancelled } = cancelReverts(changes);
  return { changes: kept, commits: commits.length, merges, ignored: ignoredCommits.length, ignoredCommits, cancelled };
}
