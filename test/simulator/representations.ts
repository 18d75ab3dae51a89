import type { Urls } from "./route.ts";
import type { CheckRun, Commit, FileChange, Issue, IssueComment, Label, PullRequest, Release, RepoState, Review, SimulatorState, User } from "./state.ts";

/**
 * The fields of GitHub's representations that the simulator knows from its state. Everything else the
 * description requires is filled in by conform() (shape.ts) before the response is validated.
 */

export function simpleUser(urls: Urls, user: User): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: `U_${user.id}`,
    type: user.type,
    site_admin: false,
    url: `${urls.api}/users/${encodeURIComponent(user.login)}`,
    html_url: `${urls.html}/${encodeURIComponent(user.login)}`,
    // Every field of simple-user: a commit's author is nullable-simple-user inside an anyOf, which conform() does not fill.
    ...userLinks(urls, user.login),
  };
}

function userLinks(urls: Urls, login: string): Record<string, string> {
  const api = `${urls.api}/users/${encodeURIComponent(login)}`;
  return {
    avatar_url: `${urls.html}/avatars/${encodeURIComponent(login)}`,
    gravatar_id: "",
    events_url: `${api}/events{/privacy}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    organizations_url: `${api}/orgs`,
    received_events_url: `${api}/received_events`,
    repos_url: `${api}/repos`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
  };
}

export function repository(state: SimulatorState, urls: Urls, repo: RepoState): Record<string, unknown> {
  const r = repo.repo;
  return {
    id: r.id,
    node_id: `R_${r.id}`,
    name: r.name,
    full_name: r.fullName,
    private: r.private,
    visibility: r.private ? "private" : "public",
    owner: simpleUser(urls, state.user(r.owner)),
    default_branch: r.defaultBranch,
    url: `${urls.api}/repos/${r.fullName}`,
    html_url: `${urls.html}/${r.fullName}`,
    created_at: r.createdAt,
    updated_at: r.createdAt,
    pushed_at: r.createdAt,
  };
}

export function diffEntry(urls: Urls, repo: RepoState, ref: string, file: FileChange): Record<string, unknown> {
  const fileUrl = (kind: string) => `${urls.html}/${repo.repo.fullName}/${kind}/${ref}/${file.filename.split("/").map(encodeURIComponent).join("/")}`;
  return {
    sha: ref,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: fileUrl("blob"),
    raw_url: fileUrl("raw"),
    contents_url: `${urls.api}/repos/${repo.repo.fullName}/contents/${file.filename.split("/").map(encodeURIComponent).join("/")}?ref=${ref}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
    ...(file.previousFilename !== undefined ? { previous_filename: file.previousFilename } : {}),
  };
}

export function commit(state: SimulatorState, urls: Urls, repo: RepoState, c: Commit): Record<string, unknown> {
  const apiRepo = `${urls.api}/repos/${repo.repo.fullName}`;
  const author = c.author.login ? simpleUser(urls, state.user(c.author.login)) : null;
  const person = { name: c.author.name, email: c.author.email, date: c.author.date };
  return {
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${apiRepo}/commits/${c.sha}`,
    html_url: `${urls.html}/${repo.repo.fullName}/commit/${c.sha}`,
    comments_url: `${apiRepo}/commits/${c.sha}/comments`,
    commit: {
      url: `${apiRepo}/git/commits/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.sha, url: `${apiRepo}/git/trees/${c.sha}` },
    },
    author,
    committer: author,
    parents: c.parents.map((sha) => ({ sha, url: `${apiRepo}/commits/${sha}`, html_url: `${urls.html}/${repo.repo.fullName}/commit/${sha}` })),
  };
}

export function label(urls: Urls, repo: RepoState, l: Label): Record<string, unknown> {
  return {
    id: l.id,
    node_id: `LA_${l.id}`,
    url: `${urls.api}/repos/${repo.repo.fullName}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: false,
  };
}

function labelsOf(state: SimulatorState, urls: Urls, repo: RepoState, names: string[]): Record<string, unknown>[] {
  return names.map((name) => label(urls, repo, state.ensureLabel(repo, name)));
}

export function pullRequest(state: SimulatorState, urls: Urls, repo: RepoState, pull: PullRequest): Record<string, unknown> {
  const apiRepo = `${urls.api}/repos/${repo.repo.fullName}`;
  const headRepo = state.repos.get(pull.head.repoFullName.toLowerCase()) ?? repo;
  const user = simpleUser(urls, state.user(pull.user));
  const additions = pull.files.reduce((sum, f) => sum + f.additions, 0);
  const deletions = pull.files.reduce((sum, f) => sum + f.deletions, 0);
  return {
    id: pull.id,
    node_id: `PR_${pull.id}`,
    number: pull.number,
    url: `${apiRepo}/pulls/${pull.number}`,
    html_url: `${urls.html}/${repo.repo.fullName}/pull/${pull.number}`,
    diff_url: `${urls.html}/${repo.repo.fullName}/pull/${pull.number}.diff`,
    patch_url: `${urls.html}/${repo.repo.fullName}/pull/${pull.number}.patch`,
    issue_url: `${apiRepo}/issues/${pull.number}`,
    commits_url: `${apiRepo}/pulls/${pull.number}/commits`,
    review_comments_url: `${apiRepo}/pulls/${pull.number}/comments`,
    review_comment_url: `${apiRepo}/pulls/comments{/number}`,
    comments_url: `${apiRepo}/issues/${pull.number}/comments`,
    statuses_url: `${apiRepo}/statuses/${pull.head.sha}`,
    state: pull.state,
    locked: false,
    title: pull.title,
    body: pull.body,
    user,
    labels: labelsOf(state, urls, repo, pull.labels),
    draft: pull.draft,
    merged: pull.merged,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    mergeable: pull.state === "open" ? true : null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    head: { label: `${headRepo.repo.owner}:${pull.head.ref}`, ref: pull.head.ref, sha: pull.head.sha, user: simpleUser(urls, state.user(headRepo.repo.owner)), repo: repository(state, urls, headRepo) },
    base: { label: `${repo.repo.owner}:${pull.base.ref}`, ref: pull.base.ref, sha: pull.base.sha, user: simpleUser(urls, state.user(repo.repo.owner)), repo: repository(state, urls, repo) },
    author_association: pull.user === repo.repo.owner ? "OWNER" : "CONTRIBUTOR",
    additions,
    deletions,
    changed_files: pull.files.length,
    commits: 1,
    comments: repo.comments.list((c) => c.issueNumber === pull.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    _links: {
      self: { href: `${apiRepo}/pulls/${pull.number}` },
      html: { href: `${urls.html}/${repo.repo.fullName}/pull/${pull.number}` },
      issue: { href: `${apiRepo}/issues/${pull.number}` },
      comments: { href: `${apiRepo}/issues/${pull.number}/comments` },
      review_comments: { href: `${apiRepo}/pulls/${pull.number}/comments` },
      review_comment: { href: `${apiRepo}/pulls/comments{/number}` },
      commits: { href: `${apiRepo}/pulls/${pull.number}/commits` },
      statuses: { href: `${apiRepo}/statuses/${pull.head.sha}` },
    },
  };
}

export function issue(state: SimulatorState, urls: Urls, repo: RepoState, i: Issue | PullRequest): Record<string, unknown> {
  const apiRepo = `${urls.api}/repos/${repo.repo.fullName}`;
  const isPull = "head" in i;
  return {
    id: i.id,
    node_id: `I_${i.id}`,
    number: i.number,
    url: `${apiRepo}/issues/${i.number}`,
    repository_url: apiRepo,
    labels_url: `${apiRepo}/issues/${i.number}/labels{/name}`,
    comments_url: `${apiRepo}/issues/${i.number}/comments`,
    events_url: `${apiRepo}/issues/${i.number}/events`,
    html_url: `${urls.html}/${repo.repo.fullName}/${isPull ? "pull" : "issues"}/${i.number}`,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: isPull ? null : i.stateReason,
    user: simpleUser(urls, state.user(i.user)),
    labels: labelsOf(state, urls, repo, i.labels),
    assignees: isPull ? [] : i.assignees.map((login) => simpleUser(urls, state.user(login))),
    assignee: !isPull && i.assignees[0] ? simpleUser(urls, state.user(i.assignees[0])) : null,
    locked: false,
    comments: repo.comments.list((c) => c.issueNumber === i.number).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    author_association: i.user === repo.repo.owner ? "OWNER" : "CONTRIBUTOR",
    ...(isPull ? { pull_request: { url: `${apiRepo}/pulls/${i.number}`, html_url: `${urls.html}/${repo.repo.fullName}/pull/${i.number}`, diff_url: null, patch_url: null } } : {}),
  };
}

export function issueComment(state: SimulatorState, urls: Urls, repo: RepoState, c: IssueComment): Record<string, unknown> {
  const apiRepo = `${urls.api}/repos/${repo.repo.fullName}`;
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${apiRepo}/issues/comments/${c.id}`,
    html_url: `${urls.html}/${repo.repo.fullName}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${apiRepo}/issues/${c.issueNumber}`,
    body: c.body,
    user: simpleUser(urls, state.user(c.user)),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.user === repo.repo.owner ? "OWNER" : "NONE",
  };
}

export function review(state: SimulatorState, urls: Urls, repo: RepoState, r: Review): Record<string, unknown> {
  return {
    id: r.id,
    node_id: `PRR_${r.id}`,
    user: simpleUser(urls, state.user(r.user)),
    body: r.body,
    state: r.state,
    html_url: `${urls.html}/${repo.repo.fullName}/pull/${r.pullNumber}#pullrequestreview-${r.id}`,
    pull_request_url: `${urls.api}/repos/${repo.repo.fullName}/pulls/${r.pullNumber}`,
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
    author_association: r.user === repo.repo.owner ? "OWNER" : "MEMBER",
    _links: { html: { href: `${urls.html}/${repo.repo.fullName}/pull/${r.pullNumber}` }, pull_request: { href: `${urls.api}/repos/${repo.repo.fullName}/pulls/${r.pullNumber}` } },
  };
}

/** The app every simulated check run belongs to: GitHub Actions, as for a workflow's GITHUB_TOKEN. */
const ACTIONS_APP_ID = 15368;

export function checkRun(state: SimulatorState, urls: Urls, repo: RepoState, run: CheckRun): Record<string, unknown> {
  const apiRepo = `${urls.api}/repos/${repo.repo.fullName}`;
  const owner = simpleUser(urls, state.user("github"));
  return {
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.headSha,
    external_id: run.externalId ?? "",
    url: `${apiRepo}/check-runs/${run.id}`,
    html_url: `${urls.html}/${repo.repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    name: run.name,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${apiRepo}/check-runs/${run.id}/annotations`,
    },
    check_suite: { id: run.id },
    app: { id: ACTIONS_APP_ID, slug: "github-actions", node_id: "MDM6QXBwMTUzNjg=", name: "GitHub Actions", owner, description: "Automate your workflow", external_url: "https://help.github.com/en/actions", html_url: `${urls.html}/apps/github-actions`, created_at: "2018-07-30T09:30:17Z", updated_at: "2019-12-10T19:04:12Z", permissions: {}, events: [] },
    pull_requests: [],
  };
}

export function release(state: SimulatorState, urls: Urls, repo: RepoState, r: Release): Record<string, unknown> {
  const apiRepo = `${urls.api}/repos/${repo.repo.fullName}`;
  return {
    id: r.id,
    node_id: `RE_${r.id}`,
    url: `${apiRepo}/releases/${r.id}`,
    html_url: `${urls.html}/${repo.repo.fullName}/releases/tag/${encodeURIComponent(r.tagName)}`,
    assets_url: `${apiRepo}/releases/${r.id}/assets`,
    upload_url: `${urls.api}/uploads/repos/${repo.repo.fullName}/releases/${r.id}/assets{?name,label}`,
    tarball_url: `${apiRepo}/tarball/${encodeURIComponent(r.tagName)}`,
    zipball_url: `${apiRepo}/zipball/${encodeURIComponent(r.tagName)}`,
    tag_name: r.tagName,
    target_commitish: r.targetCommitish,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    author: simpleUser(urls, state.user(r.author)),
    assets: [],
  };
}
