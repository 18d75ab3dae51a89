import { GitRepository, type GitCommit } from "../git/git.ts";
import { branchFor, openWithTags, releaseAtRangeStart, releaseCandidates, tagsOfHead } from "../version/repository.ts";
import { computeNextVersion } from "../version/next.ts";
import type { ReleaseRules } from "../version/rules.ts";
import { releaseTags, tagFormatOf, tagName } from "../version/tags.ts";
import { ChangelogWriter, renderChangelog, type RenderedRelease } from "./changelog.ts";
import { linksFromRemote } from "./links.ts";
import type { RepositoryLinks } from "./render.ts";

/**
 * The changelog use case on a real repository. By default the notes of the release being made: the commits
 * since the previous release, under the version given or computed. With `all`, every release of the history.
 */

export interface ChangelogRequest {
  repo: string;
  from?: string | undefined;
  to?: string | undefined;
  /** The version of the unreleased commits; default the computed next version. */
  version?: string | undefined;
  all?: boolean;
  branch?: string | undefined;
  rules: ReleaseRules;
  /** Default: from the `origin` remote; none when it is absent or not a URL. */
  links?: RepositoryLinks | null | undefined;
  today: string;
}

export interface ChangelogReport {
  /** The release being made, or null when nothing calls for one (and no version was given). */
  version: string | null;
  tag: string | null;
  /** Markdown of every rendered release, newest first. */
  text: string;
  releases: RenderedRelease[];
  from: string | null;
  to: string;
}

async function linksOf(repository: GitRepository, given: RepositoryLinks | null | undefined): Promise<RepositoryLinks | null> {
  if (given !== undefined) return given;
  const remote = await repository.remoteUrl();
  return remote ? linksFromRemote(remote) : null;
}

export async function changelogOfRepository(request: ChangelogRequest): Promise<ChangelogReport> {
  if (request.from && !request.all) return changelogOfRange(request, request.from);
  const { repository, all } = await openWithTags(request.repo);
  const to = await repository.resolveCommit(request.to ?? "HEAD");
  const tagList = all ?? (await repository.tags());
  // When `to` carries a release tag, the notes are that release's (a re-run after tagging renders the same).
  const format = tagFormatOf(request.rules);
  const taggedAtTo = request.all ? undefined : releaseTags(tagList.filter((t) => t.commit === to).map((t) => ({ ...t, reachable: true })), format)[0];
  const paths = request.rules.package ? [request.rules.package.path] : undefined;
  // Each commit is read into changes as soon as git has written it, and each release of the whole history is
  // rendered as soon as the next older tag closes it: git and this process work side by side. The tags of the
  // whole history need no reachability check: only a listed commit's tags cut it.
  const writer = new ChangelogWriter({ tags: request.all ? tagList : [], policy: request.rules });
  const onCommit = (commit: GitCommit) => writer.add(commit);
  const links = linksOf(repository, request.links).then((found) => {
    writer.useLinks(found);
    return found;
  });
  // Its failure is reported after the history's, where it is awaited.
  links.catch(() => undefined);
  // The whole history does not depend on the previous release: it is read while that release is looked up, and
  // (unfiltered) it lists every reachable commit, so it also tells whether the highest version is reachable. Only
  // its commits down to that version are kept: the version since the previous release needs no more (that is the
  // previous release when listed; when it is not, every commit is kept).
  const highest = releaseCandidates(tagList, request.rules)[0];
  const wholeHistory = request.all ? repository.commits({ to, ...(paths ? { paths } : {}), onCommit, keepUntil: highest?.commit }) : null;
  // Its failure is reported where it is awaited; if the lookup fails first, that error is the one reported.
  wholeHistory?.catch(() => undefined);
  const { tags, previous } = await tagsOfHead(repository, to, request.rules, {
    all: tagList,
    ...(taggedAtTo ? { skipCommit: to } : {}),
    ...(wholeHistory ? { alongside: () => wholeHistory, ...(paths ? {} : { settles: (listed: GitCommit[], candidate: { commit: string }) => listed.some((c) => c.hash === candidate.commit) }) } : {}),
  });
  const from = request.all ? null : (previous?.commit ?? null);
  const commits = wholeHistory ? await wholeHistory : await repository.commits({ ...(from ? { from } : {}), to, ...(paths ? { paths } : {}), onCommit });

  let version = request.version ?? taggedAtTo?.version.version ?? null;
  if (!version) {
    const sincePrevious = request.all && previous ? commits.slice(0, indexOfCommit(commits, previous.commit)) : commits;
    version = computeNextVersion({ commits: sincePrevious, tags, policy: request.rules, branch: branchFor(request, repository) }).next;
  }
  await links;
  const rendered = writer.finish({
    version: version ?? undefined,
    previousTag: request.all ? null : (previous?.name ?? null),
    today: taggedAtTo ? isoDay(await repository.committerDate(to)) : request.today,
  });
  return { version, tag: version ? tagName(version, format) : null, text: rendered.text, releases: rendered.releases, from, to };
}

/**
 * The notes of an explicit range `from..to`: its start defines the previous release, and the section is headed with
 * the version `version next` computes on the same range (or the one given) and dated with the date of the release
 * tagged at `to` (its commit's date, as conventional-changelog dates it), else today.
 */
async function changelogOfRange(request: ChangelogRequest, fromRef: string): Promise<ChangelogReport> {
  const { repository, all } = await openWithTags(request.repo);
  const allTags = all ?? (await repository.tags());
  const [from, to] = await Promise.all([repository.resolveCommit(fromRef), repository.resolveCommit(request.to ?? "HEAD")]);
  const paths = request.rules.package ? [request.rules.package.path] : undefined;
  const [head, commits] = await Promise.all([
    releaseAtRangeStart(repository, { ref: fromRef, commit: from }, { ref: request.to ?? "HEAD", commit: to }, request.rules, allTags),
    repository.commits({ from, to, ...(paths ? { paths } : {}) }),
  ]);
  const version = request.version ?? computeNextVersion({ commits, tags: head.tags, policy: request.rules, branch: branchFor(request, repository) }).next;
  const format = tagFormatOf(request.rules);
  const taggedAtTo = releaseTags(allTags.filter((t) => t.commit === to).map((t) => ({ ...t, reachable: true })), format)[0];
  const rendered = renderChangelog({
    commits,
    tags: [],
    policy: request.rules,
    links: await linksOf(repository, request.links),
    version: version ?? undefined,
    previousTag: head.previous?.commit === from ? head.previous.name : fromRef,
    today: taggedAtTo ? isoDay(await repository.committerDate(to)) : request.today,
  });
  return { version, tag: version ? tagName(version, format) : null, text: rendered.text, releases: rendered.releases, from, to };
}

function isoDay(date: string): string {
  return new Date(date).toISOString().slice(0, 10);
}

function indexOfCommit(commits: readonly { hash: string }[], hash: string): number {
  const index = commits.findIndex((c) => c.hash === hash);
  return index === -1 ? commits.length : index;
}
