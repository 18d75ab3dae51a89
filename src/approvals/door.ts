/** The approvals gate's front door: action `approvals-gate`, `shipgate approvals`, the preflight's approvals entry. */
import type { Capability, Invocation } from "../core/capability.ts";
import { checkNameOption, configOption, pullRequestOption, repositoryOption, rootOption, shaOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { NotApplicable, UserError } from "../core/errors.ts";
import { optionLabel, wholeNumber } from "../core/options.ts";
import { pullRequestOf } from "../core/run-context.ts";
import { defaultCommitOf, gitHubAccessOf } from "../github/target.ts";
import type { Policy } from "../policy/types.ts";
import { gateText } from "../report/text.ts";
import { approvalsSettingsOf } from "./evaluate.ts";
import { APPROVALS_TOKEN_NEEDS } from "./ports.ts";
import { runApprovalsOnGitHub, type ApprovalsOutcome, type ApprovalsRequest, type ApprovalsTarget } from "./run.ts";

const options = {
  // GitHub's own limit (rulesets: 0 to 10; classic branch protection: 0 to 6): a larger number is a typo that no reviewer count could ever satisfy.
  required: { type: wholeNumber({ min: 0, max: 10 }), policy: "gates.approvals.required", description: "Approvals required (overrides gates.approvals.required, default 2)." },
  "pull-request": { ...pullRequestOption, description: "Pull request to judge (default: the event's pull request)." },
  sha: {
    ...shaOption,
    description: "Deployed commit whose merged pull request is judged (default: the commit of the run outside pull-request events, HEAD on the CLI).",
  },
  repository: repositoryOption,
  config: configOption,
  // --repo names the GitHub repository on commands that talk to GitHub, so the checkout is --dir.
  root: { ...rootOption, flag: "dir" },
  token: { ...tokenOption, description: "Token that reads the pull request, its reviews, files and CODEOWNERS, and writes the check run." },
  "time-budget": timeBudgetOption,
  "check-name": { ...checkNameOption("shipgate / approvals"), description: "Name of the check run written on the commit; branch protection can require it." },
};

interface MergeGroupPayload {
  head_sha?: string;
  head_ref?: string;
  base_ref?: string;
}

interface WorkflowRunPayload {
  head_sha?: string;
  head_branch?: string;
  head_repository?: { full_name?: string };
  pull_requests?: { number?: number }[];
}

/**
 * The pull request named, else the merged pull request of the commit named; else the event's: its pull request, the
 * pull requests of a merge-queue group, or the pull request whose head a workflow_run follow-up ran for (a fork's
 * pull request lists none there, so its head branch finds it); else the door's commit.
 */
async function targetOf(pullRequest: number | undefined, sha: string | undefined, root: string, invocation: Invocation): Promise<ApprovalsTarget | undefined> {
  if (pullRequest !== undefined) return { pullRequest };
  if (sha !== undefined) return { sha: sha.toLowerCase() };
  const event = pullRequestOf(invocation.run);
  if (event) return { pullRequest: event.number };
  const group = invocation.run.event.merge_group as MergeGroupPayload | undefined;
  if (group?.head_sha && group.base_ref) return { mergeGroup: { headSha: group.head_sha, headRef: group.head_ref ?? "", baseRef: group.base_ref.replace(/^refs\/heads\//, "") } };
  const run = invocation.run.event.workflow_run as WorkflowRunPayload | undefined;
  if (run?.head_sha && run.head_branch && run.head_repository?.full_name) {
    const listed = run.pull_requests?.[0]?.number;
    if (typeof listed === "number") return { pullRequest: listed };
    return { pullRequestHead: { repository: run.head_repository.full_name, branch: run.head_branch, sha: run.head_sha } };
  }
  const commit = await defaultCommitOf(invocation, root);
  return commit ? { sha: commit } : undefined;
}

/**
 * On a pull request it judges that pull request; in a deploy job (push, workflow_dispatch, ...) or on the CLI, the
 * merged pull request of the commit being deployed.
 */
export const approvalsDoor: Capability<typeof options, ApprovalsRequest, ApprovalsOutcome, Policy> = {
  name: "approvals",
  options,
  action: {
    name: "approvals-gate",
    title: "shipgate approvals gate",
    description: [
      "Counts code-review approvals exactly as GitHub does (latest non-comment review per reviewer, author and bots",
      "excluded, write access required) and checks the required number, CODEOWNERS of every changed file, N-of-team",
      "rules and outstanding change requests. On a pull request it judges that pull request; in a deploy job (push,",
      "workflow_dispatch) it judges the merged pull request of the commit being deployed and fails when there is none.",
      "GITHUB_TOKEN cannot read team members (CODEOWNERS teams, team rules): give a GitHub App or fine-grained token",
      "with organization members: read for those. Permissions: contents: read for CODEOWNERS; pull-requests: read for",
      "reviews and changed files; checks: write for the check run.",
    ].join(" "),
    checkName: "shipgate / approvals",
    branding: { icon: "users", color: "green" },
    outputs: {
      approvals: "Approvals that count.",
      required: "Approvals required.",
      "pull-request": "Number of the pull request judged (empty when a deployed commit has none).",
    },
  },
  command: {
    details: [
      "Reads the pull request (--pr), or the merged pull request of a deployed commit (--sha, default HEAD of --dir), with",
      "the token in GITHUB_TOKEN (pull-requests: read, contents: read; organization members: read for teams).",
      "Settings come from gates.approvals of the policy file. Exit 0 passed, 1 failed, 2 no token or bad input,",
      "3 GitHub failed after retries. JSON: { status, title, pullRequest, approvals, required, gate }.",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const label = (key: keyof typeof options): string => optionLabel(invocation.door, key, options[key]);
    if (values["pull-request"] !== undefined && values.sha !== undefined) throw new UserError(`${label("pull-request")} and ${label("sha")}: give one of them, not both`);
    const { token, repository } = await gitHubAccessOf(values, { token: label("token"), repository: label("repository") }, "approvals gate", APPROVALS_TOKEN_NEEDS, invocation, scope.root);
    const approvals = approvalsSettingsOf(scope.policy.gates.approvals);
    if (values.required !== undefined) approvals.required = values.required;
    const target = await targetOf(values["pull-request"], values.sha, scope.root, invocation);
    if (!target) {
      const why = invocation.door === "cli" ? "not in a git checkout" : `event ${invocation.run.eventName || "unknown"} has neither`;
      throw new NotApplicable(`no pull request to judge: give ${label("pull-request")} or ${label("sha")} (${why})`);
    }
    // A workflow_run follow-up runs on the default branch's commit: its check run belongs on the pull request's head.
    const run = invocation.run.event.workflow_run as WorkflowRunPayload | undefined;
    const checkSha = !("pullRequest" in target && values["pull-request"] !== undefined) && run?.head_sha ? run.head_sha : undefined;
    return { settings: approvals, target, repository, token, ...(checkSha ? { checkSha } : {}) };
  },
  run: runApprovalsOnGitHub,
  present({ result, pullRequest }, { settings, checkSha }) {
    return {
      ...(checkSha ? { checkSha } : {}),
      results: [result],
      outputs: { approvals: Number(result.metrics.approvals ?? 0), required: settings.required, "pull-request": pullRequest ? pullRequest.number : "" },
      json: { status: result.status, title: result.title, pullRequest: pullRequest?.number ?? null, approvals: result.metrics.approvals, required: settings.required, gate: result },
      text: gateText(result),
    };
  },
  preflight: (policy) => policy.gates.approvals.enabled,
};
