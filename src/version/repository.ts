import { UserError } from "../core/errors.ts";
import { GitRepository } from "../git/git.ts";
import { computeNextVersion, previousReleaseTag, type VersionResult } from "./next.ts";
import type { ReleaseRules } from "./rules.ts";

/**
 * The version use case on a real repository: reads all tags (one git call, plus one for reachability), the
 * commits since the previous release (one git log call), and hands them to the pure computeNextVersion.
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

export const SHALLOW_MESSAGE =
  "the repository is a shallow clone: tags and history are incomplete, so the version cannot be computed. " +
  "Check out with `fetch-depth: 0` (actions/checkout) or run `git fetch --unshallow --tags`";

export async function openFullRepository(dir: string): Promise<GitRepository> {
  const repository = await GitRepository.open(dir);
  if (repository.shallow) throw new UserError(`${dir}: ${SHALLOW_MESSAGE}`);
  return repository;
}

export async function nextVersionOfRepository(request: VersionRequest): Promise<VersionReport> {
  const repository = await openFullRepository(request.repo);
  const to = await repository.resolveCommit(request.to ?? "HEAD");
  const { all, reachable } = await repository.tags(to);
  const tags = all.map((tag) => ({ ...tag, reachable: reachable.has(tag.name) }));
  const { previous } = previousReleaseTag(tags, request.rules);
  const from = request.from ? await repository.resolveCommit(request.from) : (previous?.commit ?? null);
  const paths = request.rules.package ? [request.rules.package.path] : undefined;
  const commits = await repository.commits({ ...(from ? { from } : {}), to, ...(paths ? { paths } : {}) });
  const branch = request.branch ?? (request.to === undefined || request.to === "HEAD" ? await repository.currentBranch() : undefined);
  const result = computeNextVersion({ commits, tags, policy: request.rules, branch });
  return { ...result, from, to };
}
