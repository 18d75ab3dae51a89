import type { Invocation } from "../core/capability.ts";
import type { Finding, GateResult } from "../core/result.ts";
import type { Repository } from "../github/target.ts";
import { ownerName, parseCodeowners, ruleFor } from "./codeowners.ts";
import { evaluateApprovals, type ApprovalsSettings } from "./evaluate.ts";
import type { ApprovalsSource, PullRequestData } from "./ports.ts";
import { applyBranchRules } from "./rules.ts";

/**
 * What to judge: a pull request by number (pull-request workflows); the commit being deployed (deploy jobs); a
 * merge-queue group (merge_group); the head of a pull request from a fork, seen from a workflow_run follow-up.
 */
export type ApprovalsTarget =
  | { pullRequest: number }
  | { sha: string }
  | { mergeGroup: { headSha: string; headRef: string; baseRef: string } }
  | { pullRequestHead: { repository: string; branch: string; sha: string } };

/** What the door settled: whose approvals to judge, by which rules, with which token. */
export interface ApprovalsRequest {
  settings: ApprovalsSettings;
  target: ApprovalsTarget;
  repository: Repository;
  token: string;
  /** The commit the check run belongs on when it is not the run's own (a workflow_run follow-up). */
  checkSha?: string;
}

export interface ApprovalsOutcome {
  result: GateResult;
  /** The pull request judged (the first of a merge group); null when there is none. */
  pullRequest: PullRequestData | null;
}

/** Distinct older commits whose diff is compared with the head's; approvals of any further ones stay stale. */
const MAX_DIFF_COMPARISONS = 10;

function teamSlugsNeeded(data: PullRequestData, settings: ApprovalsSettings): string[] {
  const slugs = new Set(settings.teamRules.map((rule) => rule.team.toLowerCase().replace(/^@/, "")));
  if (settings.codeowners && data.codeowners) {
    const codeowners = parseCodeowners(data.codeowners.text, data.codeowners.path);
    for (const file of data.changedFiles) {
      for (const owner of ruleFor(codeowners, file)?.owners ?? []) if (owner.kind === "team") slugs.add(owner.slug);
    }
  }
  return [...slugs].sort();
}

/** The users and teams CODEOWNERS names for the changed files: the ones whose existence and access matter. */
function ownersNeeded(data: PullRequestData): string[] {
  if (!data.codeowners) return [];
  const codeowners = parseCodeowners(data.codeowners.text, data.codeowners.path);
  const owners = new Set<string>();
  for (const file of data.changedFiles) for (const owner of ruleFor(codeowners, file)?.owners ?? []) if (owner.kind !== "email") owners.add(ownerName(owner));
  return [...owners].sort();
}

/** Older approved commits whose pull-request diff equals the head's: GitHub does not dismiss their approvals. */
async function commitsWithHeadDiff(source: ApprovalsSource, data: PullRequestData): Promise<string[]> {
  const older = [...new Set(data.reviews.filter((r) => r.state === "APPROVED" && r.commitId && r.commitId !== data.headSha).map((r) => r.commitId))].slice(0, MAX_DIFF_COMPARISONS);
  if (older.length === 0) return [];
  const [head, ...diffs] = await Promise.all([data.headSha, ...older].map((commit) => source.diffAt(data.baseRef, commit)));
  if (head === undefined) return [];
  return older.filter((_, i) => diffs[i] === head);
}

function failure(message: string, title: string, settings: ApprovalsSettings): ApprovalsOutcome {
  return {
    pullRequest: null,
    result: { gate: "approvals", status: "fail", title, summary: message, findings: [{ level: "failure", message }], metrics: { approvals: 0, required: settings.required, "pull-request": null } },
  };
}

/** One pull request: its data, GitHub's layers of rules, then the facts the applied rules need, then the verdict. */
async function judgePullRequest(source: ApprovalsSource, number: number, policySettings: ApprovalsSettings): Promise<ApprovalsOutcome> {
  const data = await source.pullRequest(number, policySettings.githubRules);
  const extra: Finding[] = [];
  let settings = policySettings;
  let layerTable: string | null = null;
  const rules = data.branchRules;
  if (policySettings.githubRules && rules) {
    const applied = applyBranchRules(policySettings, rules);
    settings = applied.settings;
    if (rules.layers.length > 0) layerTable = applied.table;
    for (const note of rules.unreadable) extra.push({ level: "warning", message: note });
    for (const r of applied.unresolved) {
      extra.push({ level: "failure", message: `a ruleset requires ${r.minimum} approvals from team ${r.teamId} for ${r.patterns.join(" ")}, but the token cannot tell which team that is (organization members: read lists the teams)` });
    }
  }

  // The facts below depend on the applied rules only, not on each other: asked for together, one round trip.
  const slugs = teamSlugsNeeded(data, settings);
  const [people, pusher, sameDiffAsHead] = await Promise.all([
    source.teamsAndOwners(slugs, settings.codeowners ? ownersNeeded(data) : []),
    settings.lastPushApproval ? source.pusherOf(data) : undefined,
    settings.requireHeadCommit || settings.lastPushApproval ? commitsWithHeadDiff(source, data) : [],
  ]);
  const teams: Record<string, string[]> = {};
  const unreadable: string[] = [];
  for (const slug of slugs) {
    const list = people.members[slug];
    if (list) teams[slug] = list;
    else unreadable.push(`@${slug}`);
  }

  let lastPusher = data.lastPusher;
  let lastPusherFrom = `${data.lastPusherFrom}: GitHub's activity log did not list the push`;
  if (pusher) [lastPusher, lastPusherFrom] = [pusher, "from the repository's activity"];

  const result = evaluateApprovals(
    {
      pullRequest: { author: data.author, headSha: data.headSha, lastPusher, lastPusherFrom },
      reviews: data.reviews,
      changedFiles: data.changedFiles,
      codeowners: data.codeowners,
      teams,
      permissions: data.permissions,
      sameDiffAsHead,
      ownerAccess: people.ownerAccess,
    },
    settings,
  );
  if (unreadable.length > 0) {
    extra.push({
      level: "warning",
      message: `the members of ${unreadable.join(", ")} could not be read (not found, or the token lacks organization members: read): approvals from them count only by user name`,
    });
  }
  result.findings.push(...extra);
  if (extra.some((f) => f.level === "failure")) result.status = "fail";
  else if (result.status === "pass" && extra.some((f) => f.level === "warning")) result.status = "warn";
  if (layerTable) result.summary = `${result.summary}\n\nRules of \`${data.baseRef}\` (GitHub enforces every layer; the gate applies the most restrictive):\n\n${layerTable}`;
  result.metrics.required = settings.required;
  result.metrics["pull-request"] = number;
  result.title = `#${number}: ${result.title}`;
  return { result, pullRequest: data };
}

/** A merge group passes when every pull request in it does: the queue merges them together. */
function combineGroup(outcomes: ApprovalsOutcome[], headSha: string): ApprovalsOutcome {
  const results = outcomes.map((o) => o.result);
  const status = results.some((r) => r.status === "fail") ? "fail" : results.some((r) => r.status === "warn") ? "warn" : "pass";
  const numbers = results.map((r) => `#${String(r.metrics["pull-request"])}`);
  const failed = results.filter((r) => r.status === "fail");
  return {
    pullRequest: outcomes[0]?.pullRequest ?? null,
    result: {
      gate: "approvals",
      status,
      title: failed.length > 0 ? `merge group ${headSha.slice(0, 7)}: ${failed.map((r) => r.title).join("; ")}` : `merge group ${headSha.slice(0, 7)} (${numbers.join(", ")}): every pull request approved`,
      summary: results.map((r) => `#### ${r.title}\n\n${r.summary}`).join("\n\n"),
      findings: results.flatMap((r) => r.findings.map((f) => ({ ...f, message: `#${String(r.metrics["pull-request"])}: ${f.message}` }))),
      metrics: { approvals: Math.min(...results.map((r) => Number(r.metrics.approvals ?? 0))), required: Math.max(...results.map((r) => Number(r.metrics.required ?? 0))), "pull-request": results[0]?.metrics["pull-request"] ?? null, "pull-requests": numbers.join(" ") },
    },
  };
}

/**
 * The approvals gate against GitHub: finds the pull request (from a deployed commit, a merge group or a fork's head
 * when needed), reads it and the base branch's rules, reads what the applied rules need, then evaluates.
 */
export async function runApprovalsGate(source: ApprovalsSource, target: ApprovalsTarget, settings: ApprovalsSettings): Promise<ApprovalsOutcome> {
  if ("mergeGroup" in target) {
    const { headSha, headRef, baseRef } = target.mergeGroup;
    const numbers = await source.mergeGroupPulls(baseRef, headSha, headRef);
    if (numbers.length === 0) return failure(`the merge group ${headSha.slice(0, 7)} (${headRef}) names no pull request this gate can find`, `no pull request in merge group ${headSha.slice(0, 7)}`, settings);
    const outcomes: ApprovalsOutcome[] = [];
    for (const number of numbers) outcomes.push(await judgePullRequest(source, number, settings));
    return combineGroup(outcomes, headSha);
  }
  if ("pullRequestHead" in target) {
    const { repository, branch, sha } = target.pullRequestHead;
    const number = await source.openPullOfHead(repository, branch, sha);
    if (number === undefined) return failure(`no open pull request has ${repository}:${branch} at ${sha.slice(0, 7)} as its head`, `no open pull request for ${sha.slice(0, 7)}`, settings);
    return judgePullRequest(source, number, settings);
  }
  if ("sha" in target) {
    const found = await source.mergedPullRequestOf(target.sha);
    const short = target.sha.slice(0, 7);
    if (found === undefined) return failure(`no merged pull request contains commit ${short}: a commit pushed without a reviewed pull request cannot pass the approvals gate`, `no merged pull request for ${short}`, settings);
    return judgePullRequest(source, found, settings);
  }
  return judgePullRequest(source, target.pullRequest, settings);
}

/** The gate against the GitHub API of the run; the client loads only when the gate runs (cold start). */
export async function runApprovalsOnGitHub(request: ApprovalsRequest, invocation: Invocation): Promise<ApprovalsOutcome> {
  const { octokitOfRun } = await import("../github/run-client.ts");
  const { createApprovalsSource } = await import("../github/approvals.ts");
  const octokit = octokitOfRun(request.token, invocation);
  return runApprovalsGate(createApprovalsSource(octokit, request.repository), request.target, request.settings);
}
