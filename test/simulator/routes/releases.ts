import { notFound, validationFailed } from "../route.ts";
import type { RouteContext, RouteTable } from "../route.ts";
import { release } from "../representations.ts";
import type { Release } from "../state.ts";

interface ReleaseBody {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
}

function findRelease(context: RouteContext): Release {
  const found = context.repo().releases.get(context.params.release_id as number);
  if (!found) throw notFound();
  return found;
}

/** Publishing a release whose tag does not exist creates the tag at target_commitish, as GitHub does. */
function ensureTag(context: RouteContext, r: Release): void {
  const repo = context.repo();
  if (r.draft || repo.refs.has(`tags/${r.tagName}`)) return;
  const sha = repo.resolveRef(r.targetCommitish);
  if (!sha) throw validationFailed("Release", "target_commitish", "invalid");
  repo.refs.set(`tags/${r.tagName}`, sha);
}

export const releasesRoutes: RouteTable = {
  "repos/create-release": (context) => {
    const repo = context.repo();
    const body = context.body as ReleaseBody & { tag_name: string };
    if (repo.releases.list((r) => r.tagName === body.tag_name).length > 0) throw validationFailed("Release", "tag_name", "already_exists");
    const created = context.state.addRelease(repo.repo.fullName, {
      tagName: body.tag_name,
      ...(body.target_commitish !== undefined ? { targetCommitish: body.target_commitish } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.body !== undefined ? { body: body.body } : {}),
      draft: body.draft ?? false,
      prerelease: body.prerelease ?? false,
      author: context.actor.login,
    });
    try {
      ensureTag(context, created);
    } catch (error) {
      repo.releases.delete(created.id);
      throw error;
    }
    return { status: 201, body: release(context.state, context.urls, repo, created), headers: { location: `${context.urls.api}/repos/${repo.repo.fullName}/releases/${created.id}` } };
  },

  "repos/get-release": (context) => ({ status: 200, body: release(context.state, context.urls, context.repo(), findRelease(context)) }),

  "repos/get-release-by-tag": (context) => {
    const repo = context.repo();
    const found = repo.releases.list((r) => r.tagName === context.params.tag && !r.draft)[0];
    if (!found) throw notFound();
    return { status: 200, body: release(context.state, context.urls, repo, found) };
  },

  "repos/get-latest-release": (context) => {
    const repo = context.repo();
    const found = repo.releases.list((r) => !r.draft && !r.prerelease).at(-1);
    if (!found) throw notFound();
    return { status: 200, body: release(context.state, context.urls, repo, found) };
  },

  "repos/list-releases": (context) => {
    const repo = context.repo();
    const newestFirst = repo.releases.list().reverse();
    return { status: 200, body: context.paginate(newestFirst).map((r) => release(context.state, context.urls, repo, r)) };
  },

  "repos/update-release": (context) => {
    const found = findRelease(context);
    const body = context.body as ReleaseBody;
    if (body.tag_name !== undefined) found.tagName = body.tag_name;
    if (body.target_commitish !== undefined) found.targetCommitish = body.target_commitish;
    if (body.name !== undefined) found.name = body.name;
    if (body.body !== undefined) found.body = body.body;
    if (body.prerelease !== undefined) found.prerelease = body.prerelease;
    if (body.draft !== undefined) {
      found.draft = body.draft;
      found.publishedAt = body.draft ? null : (found.publishedAt ?? context.state.now());
    }
    ensureTag(context, found);
    return { status: 200, body: release(context.state, context.urls, context.repo(), found) };
  },

  "repos/delete-release": (context) => {
    const found = findRelease(context);
    context.repo().releases.delete(found.id);
    return { status: 204 };
  },
};
