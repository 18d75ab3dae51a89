import { HttpError, notFound } from "../route.ts";
import type { RouteTable } from "../route.ts";
import { pullRequest, simpleUser } from "../representations.ts";

/** What GitHub knows about a commit besides git and statuses (routes/deployments.ts): its pull requests; who may push; files; teams. */
export const commitsRoutes: RouteTable = {
  "repos/list-pull-requests-associated-with-commit": (context) => {
    const repo = context.repo();
    const sha = repo.resolveRef(context.params.commit_sha as string);
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${String(context.params.commit_sha)}`);
    // A pull request is associated with the commits it contains and with its merge commit.
    const pulls = repo.pulls.list((p) => p.head.sha === sha || p.mergeCommitSha === sha || repo.ancestors(p.head.sha).has(sha)).reverse();
    // The simple representation: without the counts and merge details of a single pull request.
    const simple = (p: (typeof pulls)[number]) => {
      const { merged: _merged, mergeable: _mergeable, additions: _a, deletions: _d, changed_files: _c, commits: _commits, comments: _comments, review_comments: _rc, maintainer_can_modify: _m, ...rest } = pullRequest(context.state, context.urls, repo, p);
      return rest;
    };
    return { status: 200, body: context.paginate(pulls).map(simple) };
  },

  "repos/get-collaborator-permission-level": (context) => {
    const repo = context.repo();
    const login = String(context.params.username).toLowerCase();
    const user = context.state.users.list((u) => u.login.toLowerCase() === login)[0];
    if (!user) throw notFound();
    const permission = login === repo.repo.owner.toLowerCase() ? "admin" : (repo.collaborators.get(login) ?? "read");
    const legacy = permission === "maintain" ? "write" : permission === "triage" ? "read" : permission;
    return { status: 200, body: { permission: legacy, role_name: permission, user: { ...simpleUser(context.urls, user), permissions: { admin: permission === "admin", maintain: permission === "maintain" || permission === "admin", push: ["admin", "maintain", "write"].includes(permission), triage: permission !== "read", pull: true } } } };
  },

  "teams/list-members-in-org": (context) => {
    const slug = `${String(context.params.org)}/${String(context.params.team_slug)}`.toLowerCase();
    const members = context.state.teams.get(slug);
    if (!members) throw notFound();
    return { status: 200, body: context.paginate(members).map((login) => simpleUser(context.urls, context.state.user(login))) };
  },
};
