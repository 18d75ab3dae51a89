import type { ApprovalsTarget } from "../approvals/run.ts";
import type { GateResult } from "../core/result.ts";
import type { Policy } from "../policy/types.ts";
import type { PullRequestInfo } from "../core/run-context.ts";
import type { Octokit } from "../github/client.ts";
import { coverageSettings } from "../coverage/settings.ts";
import { runCoverageGate } from "../coverage/run.ts";

export interface GitHubAccess {
  octokit: Octokit;
  owner: string;
  repo: string;
}

export interface GateRunInput {
  root: string;
  policy: Policy;
  now: Date;
  /** The pull request of a pull_request run (its base and head give the changed lines). */
  pullRequest?: PullRequestInfo;
  /** What the approvals gate judges: a pull request, or a deployed commit; absent when neither applies. */
  approvalsTarget?: ApprovalsTarget;
  /** The commit the go/no-go gate judges. */
  sha?: string;
  /** GitHub, when a token is there; otherwise `githubMissing` says why not. */
  github?: GitHubAccess;
  githubMissing: string;
}

/** A gate the umbrella can run from the policy file. A capability adds one entry. */
export interface PreflightGate {
  name: string;
  run(input: GateRunInput): Promise<GateResult>;
}

/** Skipped is not passed: the reason says what it would take to run the gate. */
export function skipped(gate: string, why: string): GateResult {
  return { gate, status: "skip", title: why, summary: "", findings: [{ level: "notice", message: `${gate} skipped: ${why}` }], metrics: {} };
}

const coverageGate: PreflightGate = {
  name: "coverage",
  async run({ root, policy, pullRequest: pr }) {
    // git (node:child_process) loads for a pull request's changed lines only.
    const git = pr ? await import("../git/diff.ts") : undefined;
    const changed =
      pr && git && (await git.hasCommit(root, pr.baseSha)) && (await git.hasCommit(root, pr.headSha)) ? () => git.changedLinesBetween(root, pr.baseSha, pr.headSha) : undefined;
    return (await runCoverageGate(coverageSettings(policy.gates.coverage, {}, root), changed)).result;
  },
};

const securityGate: PreflightGate = {
  name: "security",
  async run({ root, policy, now }) {
    const { runSecurityGate } = await import("../security/run.ts");
    return (await runSecurityGate({ reports: [], cwd: root, policy: policy.gates.security, overrides: {}, now })).result;
  },
};

const certsGate: PreflightGate = {
  name: "certs",
  async run({ root, policy, now }) {
    const { resolveCertOptions, runCertGate } = await import("../certs/gate.ts");
    return (await runCertGate(resolveCertOptions(policy.gates.certs, {}), { cwd: root, now })).result;
  },
};

const approvalsGate: PreflightGate = {
  name: "approvals",
  async run({ policy, github, githubMissing, approvalsTarget }) {
    const { APPROVALS_TOKEN_NEEDS } = await import("../approvals/ports.ts");
    if (!github) return skipped("approvals", `${githubMissing}; it needs ${APPROVALS_TOKEN_NEEDS}`);
    if (!approvalsTarget) return skipped("approvals", "no pull request and no deployed commit to judge (runs on pull_request, push and workflow_dispatch events, or locally with --pr N or --sha SHA)");
    const { runApprovalsGate } = await import("../approvals/run.ts");
    const { approvalsSettingsOf } = await import("../approvals/evaluate.ts");
    const { createApprovalsSource } = await import("../github/approvals.ts");
    const source = createApprovalsSource(github.octokit, github);
    return (await runApprovalsGate(source, approvalsTarget, approvalsSettingsOf(policy.gates.approvals))).result;
  },
};

const goNoGoGate: PreflightGate = {
  name: "go-no-go",
  async run({ policy, github, githubMissing, sha }) {
    const { GO_NO_GO_TOKEN_NEEDS } = await import("../go-no-go/ports.ts");
    if (!github) return skipped("go-no-go", `${githubMissing}; it needs ${GO_NO_GO_TOKEN_NEEDS}`);
    if (!sha) return skipped("go-no-go", "no commit to judge");
    const { runGoNoGoGate } = await import("../go-no-go/run.ts");
    const { goNoGoSettingsOf } = await import("../go-no-go/evaluate.ts");
    const { createGoNoGoSource } = await import("../github/go-no-go.ts");
    return runGoNoGoGate(createGoNoGoSource(github.octokit, github), sha, goNoGoSettingsOf(policy.gates["go-no-go"]));
  },
};

/**
 * The gates the policy file enables. A gate whose inputs the file does not name (security without
 * `reports`, certs without `targets` or `files`) is left out rather than failed; gates that need GitHub decide for themselves whether they can run.
 */
export function gatesOf(policy: Policy): PreflightGate[] {
  const gates: PreflightGate[] = [];
  if (policy.gates.coverage.enabled) gates.push(coverageGate);
  if (policy.gates.security.enabled && (policy.gates.security.reports ?? []).length > 0) gates.push(securityGate);
  if (policy.gates.certs.enabled && policy.gates.certs.targets.length + policy.gates.certs.files.length > 0) gates.push(certsGate);
  if (policy.gates.approvals.enabled) gates.push(approvalsGate);
  if (policy.gates["go-no-go"].enabled) gates.push(goNoGoGate);
  return gates;
}
