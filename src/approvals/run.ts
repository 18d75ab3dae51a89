import type { Invocation } from "../core/capability.ts";
import type { GateResult } from "../core/result.ts";
import type { Repository } from "../github/target.ts";
import { parseCodeowners, ruleFor } from "./codeowners.ts";
import { evaluateApprovals, type ApprovalsSettings } from "./evaluate.ts";
import type { ApprovalsSource, PullRequestData } from "./ports.ts";

/** A pull request by number (pull-request workflows), or the commit being deployed (deploy jobs). */
export type ApprovalsTarget = { pullRequest: number } | { sha: string };

/** What the door settled: whose approvals to judge, by which rules, with which token. */
export interface ApprovalsRequest {
  settings: ApprovalsSettings;
  target: ApprovalsTarget;
  repository: Repository;
  token: string;
}

export interface ApprovalsOutcome {
  result: GateResult;
  /** The pull request judged; null when a deployed commit has none. */
  pullRequest: PullRequestData | null;
}

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

/**
 * The approvals gate against GitHub: finds the pull request (from a deployed commit when needed), reads it,
 * reads the members of the teams its CODEOWNERS rules and team rules name, then evaluates.
 */
export async function runApprovalsGate(source: ApprovalsSource, target: ApprovalsTarget, settings: ApprovalsSettings): Promise<ApprovalsOutcome> {
  let number: number;
  if ("sha" in target) {
    const found = await source.mergedPullRequestOf(target.sha);
    if (found === undefined) {
      const short = target.sha.slice(0, 7);
      const message = `no merged pull request contains commit ${short}: a commit pushed without a reviewed pull request cannot pass the approvals gate`;
      return {
        pullRequest: null,
        result: { gate: "approvals", status: "fail", title: `no merged pull request for ${short}`, summary: message, findings: [{ level: "failure", message }], metrics: { approvals: 0, required: settings.required, "pull-request": null } },
      };
    }
    number = found;
  } else number = target.pullRequest;

  const data = await source.pullRequest(number);
  const slugs = teamSlugsNeeded(data, settings);
  const members = await Promise.all(slugs.map((slug) => source.teamMembers(slug)));
  const teams: Record<string, string[]> = {};
  const unreadable: string[] = [];
  slugs.forEach((slug, i) => {
    const list = members[i];
    if (list) teams[slug] = list;
    else unreadable.push(`@${slug}`);
  });

  const result = evaluateApprovals(
    {
      pullRequest: { author: data.author, headSha: data.headSha, lastPusher: data.lastPusher },
      reviews: data.reviews,
      changedFiles: data.changedFiles,
      codeowners: data.codeowners,
      teams,
      permissions: data.permissions,
    },
    settings,
  );
  if (unreadable.length > 0) {
    result.findings.push({
      level: "warning",
      message: `the members of ${unreadable.join(", ")} could not be read (not found, or the token lacks organization members: read): approvals from them count only by user name`,
    });
    if (result.status === "pass") result.status = "warn";
  }
  result.metrics["pull-request"] = number;
  result.title = `#${number}: ${result.title}`;
  return { result, pullRequest: data };
}

/** The gate against the GitHub API of the run; the client loads only when the gate runs (cold start). */
export async function runApprovalsOnGitHub(request: ApprovalsRequest, invocation: Invocation): Promise<ApprovalsOutcome> {
  const { octokitOfRun } = await import("../github/run-client.ts");
  const { createApprovalsSource } = await import("../github/approvals.ts");
  const octokit = octokitOfRun(request.token, invocation);
  return runApprovalsGate(createApprovalsSource(octokit, request.repository), request.target, request.settings);
}
