import { GitRepository } from "../git/git.ts";
import { openFullRepository } from "../version/repository.ts";
import { computeNextVersion, previousReleaseTag } from "../version/next.ts";
import type { ReleaseRules } from "../version/rules.ts";
import { tagFormatOf, tagName } from "../version/tags.ts";
import { renderChangelog, type RenderedRelease } from "./changelog.ts";
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
  const repository = await openFullRepository(request.repo);
  const to = await repository.resolveCommit(request.to ?? "HEAD");
  const { all, reachable } = await repository.tags(to);
  const tags = all.map((tag) => ({ ...tag, reachable: reachable.has(tag.name) }));
  const { previous } = previousReleaseTag(tags, request.rules);
  const from = request.all ? null : request.from ? await repository.resolveCommit(request.from) : (previous?.commit ?? null);
  const paths = request.rules.package ? [request.rules.package.path] : undefined;
  const commits = await repository.commits({ ...(from ? { from } : {}), to, ...(paths ? { paths } : {}) });

  let version = request.version ?? null;
  if (!version) {
    const sincePrevious = request.all && previous ? commits.slice(0, indexOfCommit(commits, previous.commit)) : commits;
    const branch = request.branch ?? (request.to === undefined || request.to === "HEAD" ? await repository.currentBranch() : undefined);
    version = computeNextVersion({ commits: sincePrevious, tags, policy: request.rules, branch }).next;
  }
  const previousTag = request.all ? null : request.from ? request.from : (previous?.name ?? null);
  const rendered = renderChangelog({
    commits,
    // One release unless the whole history is asked for: tags inside the range (prereleases) do not cut it.
    tags: request.all ? tags.filter((t) => t.reachable) : [],
    policy: request.rules,
    links: await linksOf(repository, request.links),
    version: version ?? undefined,
    previousTag,
    today: request.today,
  });
  return { version, tag: version ? tagName(version, tagFormatOf(request.rules)) : null, text: rendered.text, releases: rendered.releases, from, to };
}

function indexOfCommit(commits: readonly { hash: string }[], hash: string): number {
  const index = commits.findIndex((c) => c.hash === hash);
  return index === -1 ? commits.length : index;
}
