import { notFound, validationFailed } from "../route.ts";
import type { RouteContext, RouteTable } from "../route.ts";
import { issue, issueComment, label } from "../representations.ts";
import type { Issue, IssueComment, PullRequest, RepoState } from "../state.ts";

/** Issue numbers cover pull requests too, as on GitHub. */
function findIssueOrPull(context: RouteContext): Issue | PullRequest {
  const repo = context.repo();
  const number = context.params.issue_number as number;
  const found = repo.issues.get(number) ?? repo.pulls.get(number);
  if (!found) throw notFound();
  return found;
}

function findComment(context: RouteContext): IssueComment {
  const comment = context.repo().comments.get(context.params.comment_id as number);
  if (!comment) throw notFound();
  return comment;
}

function labelNames(context: RouteContext, repo: RepoState): string[] {
  const body = context.body as { labels?: (string | { name: string })[] } | string[] | undefined;
  const raw = Array.isArray(body) ? body : (body?.labels ?? []);
  return raw.map((entry) => (typeof entry === "string" ? entry : entry.name)).map((name) => context.state.ensureLabel(repo, name).name);
}

/** GitHub keeps the first version too once a body is edited: the history starts with it, by the author. */
function recordEdit(target: Issue, body: string | null, context: RouteContext): void {
  target.edits ??= [];
  if (target.edits.length === 0) target.edits.push({ editedAt: target.createdAt, editor: target.user, body: target.body });
  target.edits.push({ editedAt: context.state.now(), editor: context.actor.login, body });
}

export const issuesRoutes: RouteTable = {
  "issues/add-assignees": (context) => {
    const repo = context.repo();
    const target = repo.issues.get(context.params.issue_number as number);
    if (!target) throw notFound();
    for (const login of (context.body as { assignees?: string[] }).assignees ?? []) if (!target.assignees.includes(login)) target.assignees.push(login);
    target.updatedAt = context.state.now();
    return { status: 201, body: issue(context.state, context.urls, repo, target) };
  },

  "issues/list-comments": (context) => {
    const repo = context.repo();
    const target = findIssueOrPull(context);
    const since = context.query.since as string | undefined;
    const comments = repo.comments.list((c) => c.issueNumber === target.number && (since === undefined || c.updatedAt >= since));
    return { status: 200, body: context.paginate(comments).map((c) => issueComment(context.state, context.urls, repo, c)) };
  },

  "issues/get-comment": (context) => ({ status: 200, body: issueComment(context.state, context.urls, context.repo(), findComment(context)) }),

  "issues/create-comment": (context) => {
    const repo = context.repo();
    const target = findIssueOrPull(context);
    const comment = context.state.addComment(repo.repo.fullName, target.number, (context.body as { body: string }).body, context.actor.login);
    return { status: 201, body: issueComment(context.state, context.urls, repo, comment), headers: { location: `${context.urls.api}/repos/${repo.repo.fullName}/issues/comments/${comment.id}` } };
  },

  "issues/update-comment": (context) => {
    const comment = findComment(context);
    comment.body = (context.body as { body: string }).body;
    comment.updatedAt = context.state.now();
    return { status: 200, body: issueComment(context.state, context.urls, context.repo(), comment) };
  },

  "issues/delete-comment": (context) => {
    const comment = findComment(context);
    context.repo().comments.delete(comment.id);
    return { status: 204 };
  },

  "issues/get": (context) => ({ status: 200, body: issue(context.state, context.urls, context.repo(), findIssueOrPull(context)) }),

  "issues/list-for-repo": (context) => {
    const repo = context.repo();
    const { state = "open", labels, creator } = context.query as { state?: string; labels?: string; creator?: string };
    const wanted = labels ? labels.split(",").map((l) => l.trim().toLowerCase()) : [];
    const all: (Issue | PullRequest)[] = [...repo.issues.list(), ...repo.pulls.list()];
    const matching = all
      .filter((i) => (state === "all" || i.state === state) && (creator === undefined || i.user === creator) && wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
      .sort((a, b) => b.number - a.number);
    return { status: 200, body: context.paginate(matching).map((i) => issue(context.state, context.urls, repo, i)) };
  },

  "issues/create": (context) => {
    const repo = context.repo();
    const body = context.body as { title: string | number; body?: string; labels?: (string | { name: string })[]; assignees?: string[] };
    const created = context.state.addIssue(repo.repo.fullName, {
      title: String(body.title),
      body: body.body ?? null,
      user: context.actor.login,
      labels: labelNames(context, repo),
      assignees: body.assignees ?? [],
    });
    return { status: 201, body: issue(context.state, context.urls, repo, created), headers: { location: `${context.urls.api}/repos/${repo.repo.fullName}/issues/${created.number}` } };
  },

  "issues/update": (context) => {
    const repo = context.repo();
    const target = findIssueOrPull(context);
    const body = context.body as { title?: string | number; body?: string | null; state?: "open" | "closed"; state_reason?: string | null; labels?: (string | { name: string })[]; assignees?: string[] };
    if (body.title !== undefined && body.title !== null) target.title = String(body.title);
    if (body.body !== undefined && "stateReason" in target && body.body !== target.body) recordEdit(target, body.body, context);
    if (body.body !== undefined) target.body = body.body;
    if (body.labels !== undefined) target.labels = labelNames(context, repo);
    if (body.state !== undefined) {
      target.state = body.state;
      target.closedAt = body.state === "closed" ? context.state.now() : null;
      if ("stateReason" in target) target.stateReason = body.state === "closed" ? (body.state_reason ?? "completed") : (body.state_reason ?? "reopened");
    }
    if (body.assignees !== undefined && "assignees" in target) target.assignees = body.assignees;
    target.updatedAt = context.state.now();
    return { status: 200, body: issue(context.state, context.urls, repo, target) };
  },

  "issues/list-labels-on-issue": (context) => {
    const repo = context.repo();
    const target = findIssueOrPull(context);
    const labels = target.labels.map((name) => context.state.ensureLabel(repo, name));
    return { status: 200, body: context.paginate(labels).map((l) => label(context.urls, repo, l)) };
  },

  "issues/add-labels": (context) => {
    const repo = context.repo();
    const target = findIssueOrPull(context);
    for (const name of labelNames(context, repo)) {
      if (!target.labels.some((l) => l.toLowerCase() === name.toLowerCase())) target.labels.push(name);
    }
    return { status: 200, body: target.labels.map((name) => label(context.urls, repo, context.state.ensureLabel(repo, name))) };
  },

  "issues/remove-label": (context) => {
    const repo = context.repo();
    const target = findIssueOrPull(context);
    const name = (context.params.name as string).toLowerCase();
    if (!target.labels.some((l) => l.toLowerCase() === name)) throw notFound();
    target.labels = target.labels.filter((l) => l.toLowerCase() !== name);
    return { status: 200, body: target.labels.map((n) => label(context.urls, repo, context.state.ensureLabel(repo, n))) };
  },

  "issues/list-labels-for-repo": (context) => {
    const repo = context.repo();
    return { status: 200, body: context.paginate(repo.labels.list()).map((l) => label(context.urls, repo, l)) };
  },

  "issues/get-label": (context) => {
    const repo = context.repo();
    const found = repo.labels.get((context.params.name as string).toLowerCase());
    if (!found) throw notFound();
    return { status: 200, body: label(context.urls, repo, found) };
  },

  "issues/create-label": (context) => {
    const repo = context.repo();
    const body = context.body as { name: string; color?: string; description?: string };
    if (repo.labels.has(body.name.toLowerCase())) throw validationFailed("Label", "name", "already_exists");
    const created = context.state.ensureLabel(repo, body.name, body.color ?? "ededed", body.description ?? null);
    return { status: 201, body: label(context.urls, repo, created) };
  },
};
