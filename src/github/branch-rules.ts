/**
 * GitHub's pull-request rules of a branch, as the approvals gate needs them: the `pull_request` rule of every active
 * ruleset (`GET /repos/{owner}/{repo}/rules/branches/{branch}`, readable with metadata: read) and the required reviews
 * of classic branch protection, which only a token with administration: read can see.
 */
import type { BranchRules, RequiredReviewers, RuleLayer } from "../approvals/ports.ts";
import type { Octokit } from "./client.ts";
import { isHttpStatus, toExternalError } from "./client.ts";

interface PullRequestRuleParameters {
  required_approving_review_count?: number;
  dismiss_stale_reviews_on_push?: boolean;
  require_code_owner_review?: boolean;
  require_last_push_approval?: boolean;
  required_reviewers?: { file_patterns: string[]; minimum_approvals: number; reviewer: { id: number; type: string } }[];
}

interface DetailedRule {
  type: string;
  parameters?: unknown;
  ruleset_source_type?: string;
  ruleset_source?: string;
  ruleset_id?: number;
}

/** Bounds the paging of a branch's rules: GitHub allows 75 rulesets per repository and 75 per organization. */
const MAX_RULE_PAGES = 10;

function rulesetName(rule: DetailedRule): string {
  const where = rule.ruleset_source_type === "Organization" ? `organization ${rule.ruleset_source ?? "?"}` : (rule.ruleset_source ?? "this repository");
  return `ruleset ${rule.ruleset_id ?? "?"} (${where})`;
}

async function teamSlugsById(octokit: Octokit, org: string, ids: number[]): Promise<Map<number, string>> {
  const slugs = new Map<number, string>();
  if (ids.length === 0) return slugs;
  try {
    for (let page = 1; page <= MAX_RULE_PAGES; page++) {
      const { data } = await octokit.rest.teams.list({ org, per_page: 100, page });
      for (const team of data) slugs.set(team.id, `${org}/${team.slug}`.toLowerCase());
      if (data.length < 100 || ids.every((id) => slugs.has(id))) break;
    }
  } catch (error) {
    // Not an organization, or the token may not list its teams: those reviewers stay unresolved and the gate says so.
    if (!isHttpStatus(error, 403, 404)) throw toExternalError(error, `listing the teams of ${org}`);
  }
  return slugs;
}

export async function readBranchRules(octokit: Octokit, target: { owner: string; repo: string }, branch: string): Promise<BranchRules> {
  // The two layers are independent reads: asked for together, one round trip.
  const [rulesets, protection] = await Promise.all([rulesetLayers(octokit, target, branch), protectionLayer(octokit, target, branch)]);
  return { branch, layers: [...rulesets, ...protection.layers], unreadable: protection.unreadable };
}

async function rulesetLayers(octokit: Octokit, target: { owner: string; repo: string }, branch: string): Promise<RuleLayer[]> {
  const where = `${target.owner}/${target.repo}`;
  const pullRules: DetailedRule[] = [];
  try {
    for (let page = 1; page <= MAX_RULE_PAGES; page++) {
      const { data } = await octokit.rest.repos.getBranchRules({ owner: target.owner, repo: target.repo, branch, per_page: 100, page });
      pullRules.push(...(data as DetailedRule[]).filter((rule) => rule.type === "pull_request"));
      if (data.length < 100) break;
    }
  } catch (error) {
    throw toExternalError(error, `reading the rulesets of branch ${branch} of ${where}`);
  }
  const teamIds = [...new Set(pullRules.flatMap((rule) => ((rule.parameters ?? {}) as PullRequestRuleParameters).required_reviewers?.map((r) => r.reviewer.id) ?? []))];
  const slugs = await teamSlugsById(octokit, target.owner, teamIds);
  return pullRules.map((rule) => {
    const p = (rule.parameters ?? {}) as PullRequestRuleParameters;
    const requiredReviewers: RequiredReviewers[] = (p.required_reviewers ?? []).map((r) => ({
      team: slugs.get(r.reviewer.id) ?? null,
      teamId: r.reviewer.id,
      patterns: r.file_patterns,
      minimum: r.minimum_approvals,
    }));
    return {
      name: rulesetName(rule),
      requiredApprovals: p.required_approving_review_count ?? 0,
      dismissStaleReviews: p.dismiss_stale_reviews_on_push ?? false,
      codeOwnerReview: p.require_code_owner_review ?? false,
      lastPushApproval: p.require_last_push_approval ?? false,
      requiredReviewers,
    };
  });
}

async function protectionLayer(octokit: Octokit, target: { owner: string; repo: string }, branch: string): Promise<{ layers: RuleLayer[]; unreadable: string[] }> {
  const layers: RuleLayer[] = [];
  const unreadable: string[] = [];
  try {
    const { data } = await octokit.rest.repos.getPullRequestReviewProtection({ owner: target.owner, repo: target.repo, branch });
    layers.push({
      name: `branch protection of ${branch}`,
      requiredApprovals: data.required_approving_review_count ?? 0,
      dismissStaleReviews: data.dismiss_stale_reviews,
      codeOwnerReview: data.require_code_owner_reviews,
      lastPushApproval: data.require_last_push_approval ?? false,
      requiredReviewers: [],
    });
  } catch (error) {
    if (isHttpStatus(error, 403)) {
      unreadable.push(`the branch protection of ${branch} could not be read (the token needs administration: read): its required reviews, if any, are not applied here`);
    } else if (!isHttpStatus(error, 404)) throw toExternalError(error, `reading the branch protection of ${branch} of ${target.owner}/${target.repo}`);
    // 404: the branch has no protection rule that requires reviews.
  }
  return { layers, unreadable };
}

/** The account that pushed `sha` to the branch, from the repository's activity (push and force-push entries). */
export async function pusherFromActivity(octokit: Octokit, repository: string, branch: string, sha: string): Promise<string | undefined> {
  const [owner = "", repo = ""] = repository.split("/");
  try {
    const { data } = await octokit.rest.repos.listActivities({ owner, repo, ref: `refs/heads/${branch}`, per_page: 30 });
    const push = data.find((activity) => activity.after === sha && (activity.activity_type === "push" || activity.activity_type === "force_push"));
    return push?.actor?.login ?? undefined;
  } catch (error) {
    // A fork the token cannot read, or an activity log GitHub no longer keeps: the caller falls back to the timeline.
    if (isHttpStatus(error, 403, 404)) return undefined;
    throw toExternalError(error, `reading the pushes to ${branch} of ${repository}`);
  }
}

/** The pull request's diff at `commit` as GitHub shows it (merge base with the base branch to the commit), as one string. */
export async function diffFingerprint(octokit: Octokit, target: { owner: string; repo: string }, baseRef: string, commit: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: target.owner, repo: target.repo, basehead: `${baseRef}...${commit}`, per_page: 1 });
    const files = (data.files ?? []).map((f) => [f.filename, f.previous_filename ?? "", f.status, f.patch ?? `${f.sha ?? ""}`].join("\u0000"));
    return files.sort().join("\u0001");
  } catch (error) {
    if (isHttpStatus(error, 404, 422)) return undefined;
    throw toExternalError(error, `comparing ${baseRef}...${commit.slice(0, 7)} of ${target.owner}/${target.repo}`);
  }
}

/** Whether each code owner exists and may write: GitHub assigns no review to one that does not or may not. */
export async function ownersWithAccess(octokit: Octokit, target: { owner: string; repo: string }, owners: string[]): Promise<Record<string, boolean>> {
  const access: Record<string, boolean> = {};
  for (const owner of owners) {
    const name = owner.replace(/^@/, "");
    try {
      if (name.includes("/")) {
        const [org = "", team = ""] = name.split("/");
        const { data } = await octokit.rest.teams.checkPermissionsForRepoInOrg({ org, team_slug: team, owner: target.owner, repo: target.repo, headers: { accept: "application/vnd.github.v3.repository+json" } });
        const permissions = (data as { permissions?: { push?: boolean } } | undefined)?.permissions;
        access[owner] = permissions?.push === true;
      } else {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: target.owner, repo: target.repo, username: name });
        access[owner] = data.user?.permissions?.push === true || data.permission === "admin" || data.permission === "write";
      }
    } catch (error) {
      if (isHttpStatus(error, 404)) access[owner] = false;
      // 403: the token may not ask; the owner is taken as valid rather than dropped on a guess.
      else if (!isHttpStatus(error, 403)) throw toExternalError(error, `reading the access of code owner ${owner} to ${target.owner}/${target.repo}`);
    }
  }
  return access;
}
