import { UserError } from "../core/errors.ts";
import { GitRepository, type GitCommit, type GitTag } from "../git/git.ts";
import { computeNextVersion, type VersionResult } from "./next.ts";
import type { ReleaseRules } from "./rules.ts";
import { releaseTags, tagFormatOf, type ReleaseTag } from "./tags.ts";

/**
 * The version use case on a real repository: reads all tags (one git call), finds the previous release, reads
 * the commits since it (one git log call) and hands them to the pure computeNextVersion.
 */

export interface VersionRequest {
  repo: string;
  /** Start of the range (exclusive); default the previous release tag. */
  from?: string | undefined;
  /** End of the range; default HEAD. */
  to?: string | undefined;
  /** Default: the checked-out branch when `to` is HEAD. */
  branch?: string | undefined;
  rules: ReleaseRules;
}

export interface VersionReport extends VersionResult {
  /** The commit the range starts after (null: from the first commit) and the one it ends at. */
  from: string | null;
  to: string;
}

export interface TagsOfHead {
  /** Every tag; `reachable` is true for the previous release and false for the versions checked above it. */
  tags: { name: string; commit: string; reachable: boolean }[];
  previous: ReleaseTag | null;
}

export const SHALLOW_MESSAGE =
  "the repository is a shallow clone: tags and history are incomplete, so the version cannot be computed. " +
  "Check out with `fetch-depth: 0` (actions/checkout) or run `git fetch --unshallow --tags`";

/** Beyond this many unreachable higher versions, one `for-each-ref --merged` walk is cheaper. */
const MAX_ANCESTRY_CHECKS = 8;

export async function openFullRepository(dir: string): Promise<GitRepository> {
  const repository = await GitRepository.open(dir);
  if (repository.shallow) throw new UserError(`${dir}: ${SHALLOW_MESSAGE}`);
  return repository;
}

/**
 * All tags (one call) and the previous release: the highest stable version reachable from `to`. Versions are
 * checked from the highest down with `merge-base --is-ancestor`, which stops at the tag's date, so the usual
 * case costs one short call instead of a walk of the whole history. `alongside` runs in parallel with the first
 * check and its result is kept when that first candidate is the previous release (so the commits since it are
 * read while the check runs). When `settles` can tell from that result whether the first candidate is reachable,
 * its answer replaces the check, and the common case costs no git call beyond `alongside`. Tags on `skipCommit`
 * are passed over (the notes of a release already tagged start at the release before it).
 */
export async function tagsOfHead<T>(
  repository: GitRepository,
  to: string,
  rules: ReleaseRules,
  options: {
    all?: GitTag[] | null;
    alongside?: (candidate: ReleaseTag) => Promise<T>;
    /** Whether `alongside`'s result shows the candidate reachable from `to`; null when it cannot tell. */
    settles?: (result: T, candidate: ReleaseTag) => boolean | null;
    skipCommit?: string;
  } = {},
): Promise<TagsOfHead & { alongside?: T }> {
  const all = options.all ?? (await repository.tags());
  const stable = releaseCandidates(all, rules, options.skipCommit);
  let previous: ReleaseTag | null = null;
  let alongside: T | undefined;
  for (const [index, candidate] of stable.entries()) {
    if (index === MAX_ANCESTRY_CHECKS) {
      const reachable = await repository.reachableTags(to);
      previous = stable.find((t) => reachable.has(t.name)) ?? null;
      break;
    }
    if (index === 0 && options.alongside) {
      const { settles } = options;
      const [result, checked] = await Promise.all([options.alongside(candidate), settles ? null : repository.isAncestor(candidate.commit, to)]);
      const isAncestor = checked ?? settles?.(result, candidate) ?? (await repository.isAncestor(candidate.commit, to));
      if (isAncestor) {
        previous = candidate;
        alongside = result;
        break;
      }
    } else if (await repository.isAncestor(candidate.commit, to)) {
      previous = candidate;
      break;
    }
  }
  const tags = all.map((t) => ({ ...t, reachable: previous !== null && t.name === previous.name }));
  return { tags, previous: previous ? { ...previous, reachable: true } : null, ...(alongside !== undefined ? { alongside } : {}) };
}

/**
 * The previous release of an explicit range `from..to`: the start defines it (the highest stable version tagged on
 * `from` or below it), whatever is tagged at `to`. The start must be an ancestor of the end: a reversed range or
 * one across unrelated histories is refused (a usage error) rather than read as an empty or foreign range.
 */
export async function releaseAtRangeStart(
  repository: GitRepository,
  from: { ref: string; commit: string },
  to: { ref: string; commit: string },
  rules: ReleaseRules,
  all: GitTag[] | null,
): Promise<TagsOfHead> {
  const [related, head] = await Promise.all([repository.isAncestor(from.commit, to.commit), releaseAtOrBelow(repository, from.commit, rules, all)]);
  if (related) return head;
  const reversed = await repository.isAncestor(to.commit, from.commit);
  throw new UserError(
    reversed
      ? `${repository.dir}: the range ${from.ref}..${to.ref} is reversed: ${from.ref} comes after ${to.ref} (the start of a range is the older release)`
      : `${repository.dir}: ${from.ref} is not an ancestor of ${to.ref}: the range's start must be a release below its end (unrelated or diverged histories)`,
  );
}

/**
 * The release a range starts from: the highest stable version tagged on `commit` itself (no git call: a range
 * usually starts at a tag), else the highest one reachable from it, found by one `for-each-ref --merged` walk
 * (checking the higher versions one by one would walk the history below `commit` once for each).
 */
async function releaseAtOrBelow(repository: GitRepository, commit: string, rules: ReleaseRules, given: GitTag[] | null): Promise<TagsOfHead> {
  const all = given ?? (await repository.tags());
  const stable = releaseCandidates(all, rules);
  let previous = stable.find((t) => t.commit === commit) ?? null;
  if (!previous && stable.length > 0) {
    const reachable = await repository.reachableTags(commit);
    previous = stable.find((t) => reachable.has(t.name)) ?? null;
  }
  const tags = all.map((t) => ({ ...t, reachable: previous !== null && t.name === previous.name }));
  return { tags, previous: previous ? { ...previous, reachable: true } : null };
}

/** The stable release tags, highest version first: the candidates for the previous release. */
export function releaseCandidates(all: readonly GitTag[], rules: ReleaseRules, skipCommit?: string): ReleaseTag[] {
  return releaseTags(all.map((t) => ({ ...t, reachable: false })), tagFormatOf(rules)).filter((t) => t.version.prerelease.length === 0 && t.commit !== skipCommit);
}

/** Opens the repository and reads its tags with two git calls in parallel. */
export async function openWithTags(dir: string): Promise<{ repository: GitRepository; all: GitTag[] | null }> {
  // A failed tag read is retried after the open, which reports a missing or shallow repository clearly.
  const [repository, all] = await Promise.all([openFullRepository(dir), GitRepository.readTags(dir).catch(() => null)]);
  return { repository, all };
}

export function branchFor(request: { branch?: string | undefined; to?: string | undefined }, repository: GitRepository): string | undefined {
  return request.branch ?? (request.to === undefined || request.to === "HEAD" ? repository.branch : undefined);
}

export async function nextVersionOfRepository(request: VersionRequest): Promise<VersionReport> {
  const usual = !request.from && (request.to === undefined || request.to === "HEAD") && !request.rules.package;
  const fast = usual ? await nextVersionOfHead(request) : null;
  if (fast && "report" in fast) return fast.report;
  const { repository, all } = fast ?? (await openWithTags(request.repo));
  const readFirst = fast?.readFirst;
  const to = await repository.resolveCommit(request.to ?? "HEAD");
  const paths = request.rules.package ? [request.rules.package.path] : undefined;
  const readSince = (from: string | null) => repository.commits({ ...(from ? { from } : {}), to, ...(paths ? { paths } : {}) });
  if (request.from) {
    // The range is known: read it while its start's release is looked up.
    const from = await repository.resolveCommit(request.from);
    const [head, commits] = await Promise.all([releaseAtRangeStart(repository, { ref: request.from, commit: from }, { ref: request.to ?? "HEAD", commit: to }, request.rules, all), readSince(from)]);
    const result = computeNextVersion({ commits, tags: head.tags, policy: request.rules, branch: branchFor(request, repository) });
    return { ...result, from, to };
  }
  const head = await tagsOfHead(repository, to, request.rules, {
    all,
    alongside: (candidate: ReleaseTag) => (readFirst?.commit === candidate.commit ? Promise.resolve(readFirst.commits) : readSince(candidate.commit)),
    // A path-filtered log leaves commits out, so only the whole log can show the candidate's reachability.
    ...(paths ? {} : { settles: (commits: GitCommit[], candidate: ReleaseTag) => reachesFromLog(commits, candidate.commit, to) }),
  });
  const from = head.previous?.commit ?? null;
  const commits = head.alongside ?? (await readSince(from));
  const result = computeNextVersion({ commits, tags: head.tags, policy: request.rules, branch: branchFor(request, repository) });
  return { ...result, from, to };
}

/**
 * The usual request (the whole history at HEAD, since the previous release) with the fewest git starts, two: the
 * tags and the checked-out branch (one for-each-ref; the shallow file read directly), then the log since the
 * highest version, whose output also names the head and shows whether that version is reachable
 * (reachesFromLog). Returns what it read instead of a report when the general path must decide: `dir` is not the
 * top of a plain working tree, the log is empty or does not start at the branch's commit (it moved in between),
 * or the highest version is not reachable.
 */
async function nextVersionOfHead(
  request: VersionRequest,
): Promise<{ report: VersionReport } | { repository: GitRepository; all: GitTag[]; readFirst?: { commit: string; commits: GitCommit[] } } | null> {
  const top = await GitRepository.readTopLevel(request.repo);
  if (!top) return null;
  if (top.shallow) throw new UserError(`${request.repo}: ${SHALLOW_MESSAGE}`);
  const candidate = releaseCandidates(top.tags, request.rules)[0];
  const commits = await GitRepository.readCommits(request.repo, { ...(candidate ? { from: candidate.commit } : {}), to: "HEAD" }).catch(() => null);
  // An empty log at the branch's commit: the head is the highest version itself. Otherwise an empty or failed log
  // (HEAD below the highest version, a detached HEAD there, no commits yet) goes the general way.
  const head = commits?.[0]?.hash ?? (commits && candidate?.commit === top.branchCommit ? top.branchCommit : undefined);
  if (!commits || !head || (top.branchCommit !== undefined && head !== top.branchCommit)) return null;
  const repository = GitRepository.known(request.repo, { shallow: false, head, branch: top.branch });
  if (candidate && !reachesFromLog(commits, candidate.commit, head)) return { repository, all: top.tags, readFirst: { commit: candidate.commit, commits } };
  const tags = top.tags.map((t) => ({ ...t, reachable: t.name === candidate?.name }));
  const result = computeNextVersion({ commits, tags, policy: request.rules, branch: branchFor(request, repository) });
  return { report: { ...result, from: candidate?.commit ?? null, to: head } };
}

/**
 * Whether `ancestor` is reachable from `to`, read off the unfiltered log of `ancestor..to`: on any path from `to`
 * down to `ancestor`, the commit just above `ancestor` is listed (it descends from `ancestor`, so the range keeps
 * it) and names `ancestor` as a parent; and a listed commit naming it as a parent makes it reachable. So the log
 * that the version reads anyway replaces a `merge-base --is-ancestor` call.
 */
export function reachesFromLog(log: readonly GitCommit[], ancestor: string, to: string): boolean {
  return ancestor === to || log.some((commit) => commit.parents.includes(ancestor));
}
