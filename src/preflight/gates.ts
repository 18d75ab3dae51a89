import type { ActionContext } from "../actions/run-action.ts";
import type { GateResult } from "../core/result.ts";
import type { Policy } from "../policy/types.ts";
import { pullRequestOf } from "../github/context.ts";
import { changedLinesBetween, hasCommit } from "../git/diff.ts";
import { coverageSettings } from "../coverage/settings.ts";
import { runCoverageGate } from "../coverage/run.ts";

export interface GateRunInput {
  root: string;
  policy: Policy;
  context: ActionContext;
}

/** A gate the umbrella can run from the policy file alone. A capability adds one entry. */
export interface PreflightGate {
  name: string;
  run(input: GateRunInput): Promise<GateResult>;
}

const coverageGate: PreflightGate = {
  name: "coverage",
  async run({ root, policy, context }) {
    const pr = pullRequestOf(context.run);
    const changed =
      pr && (await hasCommit(root, pr.baseSha)) && (await hasCommit(root, pr.headSha)) ? () => changedLinesBetween(root, pr.baseSha, pr.headSha) : undefined;
    return (await runCoverageGate(coverageSettings(policy.gates.coverage, {}, root), changed)).result;
  },
};

const securityGate: PreflightGate = {
  name: "security",
  async run({ root, policy, context }) {
    const { runSecurityGate } = await import("../security/run.ts");
    return (await runSecurityGate({ reports: [], cwd: root, policy: policy.gates.security, overrides: {}, now: context.now })).result;
  },
};

/**
 * The gates the policy file enables that can run from files in the checkout. A gate whose inputs the file
 * does not name (security without `reports`) is left out rather than failed.
 */
export function gatesOf(policy: Policy): PreflightGate[] {
  const gates: PreflightGate[] = [];
  if (policy.gates.coverage.enabled) gates.push(coverageGate);
  if (policy.gates.security.enabled && (policy.gates.security.reports ?? []).length > 0) gates.push(securityGate);
  return gates;
}
