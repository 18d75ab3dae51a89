/** The go/no-go gate's front door: action `go-no-go`, `shipgate go-no-go`, the preflight's go/no-go entry. */
import type { Capability } from "../core/capability.ts";
import { checkNameOption, configOption, repositoryOption, rootOption, shaOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { NotApplicable } from "../core/errors.ts";
import { flag, list, matching, optionLabel, text } from "../core/options.ts";
import type { GateResult } from "../core/result.ts";
import { pullRequestOf } from "../core/run-context.ts";
import { defaultCommitOf, gitHubAccessOf } from "../github/target.ts";
import type { Policy } from "../policy/types.ts";
import { gateText } from "../report/text.ts";
import { goNoGoSettingsOf } from "./evaluate.ts";
import { GO_NO_GO_TOKEN_NEEDS } from "./ports.ts";
import { runGoNoGoOnGitHub, type GoNoGoRequest } from "./run.ts";

const options = {
  sha: { ...shaOption, description: "Commit to judge (default: the pull request's head, else the commit of the run; HEAD on the CLI)." },
  "required-checks": {
    type: list("NAME", "check run names or status contexts"),
    policy: "gates.go-no-go.required-checks",
    description: "Check run names or status contexts that must have succeeded, one per line or comma-separated (overrides gates.go-no-go.required-checks).",
  },
  "require-staging": {
    type: flag,
    policy: "gates.go-no-go.staging.required",
    description: "Require a successful deployment of the commit to the staging environment (overrides the policy).",
  },
  "staging-environment": {
    type: text("NAME", "an environment name"),
    policy: "gates.go-no-go.staging.environment",
    description: "Name of the staging environment (overrides the policy, default staging).",
  },
  release: {
    type: matching(/^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, "VERSION", "a semver version"),
    description: "The release whose pre-release checklist (runbooks.release-checklist) must be complete; default: the latest checklist opened.",
  },
  repository: repositoryOption,
  config: configOption,
  // --repo names the GitHub repository on commands that talk to GitHub, so the checkout is --dir.
  root: { ...rootOption, flag: "dir" },
  token: { ...tokenOption, description: "Token that reads issues, check runs, statuses and deployments, and writes the check run." },
  "time-budget": timeBudgetOption,
  "check-name": checkNameOption("shipgate / go-no-go"),
};

/** The rule name -> open issue count of a result, from its `issues:<rule>` metrics. */
function issueCounts(result: GateResult): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result.metrics).filter(([key]) => key.startsWith("issues:")).map(([key, value]) => [key.slice("issues:".length), value]));
}

export const goNoGoDoor: Capability<typeof options, GoNoGoRequest, GateResult, Policy> = {
  name: "go-no-go",
  options,
  action: {
    name: "go-no-go",
    title: "shipgate go/no-go gate",
    description: [
      "Decides go or no-go for a commit: open issues counted by label sets through the issues list API (default at most",
      "0 bug+P1 and 2 bug+P2), every required check run or commit status succeeded on the commit, and optionally the",
      "latest deployment of the commit to the staging environment succeeded; with runbooks.release-checklist, the release's",
      "pre-release checklist is complete (every item ticked by a person or N/A with a reason).",
      "Permissions: issues: read for open issues; checks: write for the check run (read for required checks);",
      "statuses: read for commit statuses; deployments: read for staging.",
    ].join(" "),
    checkName: "shipgate / go-no-go",
    branding: { icon: "check-square", color: "green" },
    outputs: {
      go: '"true" for go, "false" for no-go.',
      issues: "JSON object of issue rule name to the number of open issues matching it.",
      "checks-passed": "Required checks that passed.",
      staging: "passed, failed, pending or missing; empty when staging is not required.",
    },
  },
  command: {
    details: [
      "Counts open issues by the label sets of gates.go-no-go.issue-rules (issues list API, pull requests left",
      "out), checks every required check run or commit status on the commit (--sha, default HEAD of --dir) and, when",
      "required, its latest staging deployment. With runbooks.release-checklist, the release's checklist (--release, default",
      "the latest opened) must be complete: every item ticked by a person, or N/A with a reason; a bot's tick does not count.",
      "Token from GITHUB_TOKEN (issues, checks, statuses, deployments: read).",
      "JSON: { status, go, title, sha, issues: { rule: count }, checksPassed, staging, gate }.",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const label = (key: keyof typeof options): string => optionLabel(invocation.door, key, options[key]);
    const { token, repository } = await gitHubAccessOf(values, { token: label("token"), repository: label("repository") }, "go/no-go gate", GO_NO_GO_TOKEN_NEEDS, invocation, scope.root);
    const checklist = scope.policy.runbooks["release-checklist"];
    const release = values.release?.replace(/^v/, "") ?? null;
    const settings = goNoGoSettingsOf(scope.policy.gates["go-no-go"], checklist === undefined ? null : { runbook: checklist, label: scope.policy.runbooks.label, version: release });
    if (values["required-checks"]) settings.requiredChecks = values["required-checks"];
    if (values["require-staging"] !== undefined) settings.staging.required = values["require-staging"];
    if (values["staging-environment"] !== undefined) settings.staging.environment = values["staging-environment"];
    const sha = values.sha?.toLowerCase() ?? pullRequestOf(invocation.run)?.headSha ?? (await defaultCommitOf(invocation, scope.root));
    if (!sha) {
      const why = invocation.door === "cli" ? "not in a git checkout" : `event ${invocation.run.eventName || "unknown"} has none`;
      throw new NotApplicable(`no commit to judge: give ${label("sha")} (${why})`);
    }
    return { settings, sha, repository, token };
  },
  run: runGoNoGoOnGitHub,
  present(result, { sha }) {
    const issues = issueCounts(result);
    const go = result.status !== "fail";
    return {
      results: [result],
      outputs: { go, issues: JSON.stringify(issues), "checks-passed": Number(result.metrics["checks-passed"] ?? 0), staging: String(result.metrics.staging ?? "") },
      json: { status: result.status, go, title: result.title, sha, issues, checksPassed: result.metrics["checks-passed"], staging: result.metrics.staging, gate: result },
      text: gateText(result),
    };
  },
  preflight: (policy) => policy.gates["go-no-go"].enabled,
};
