import type { ActionDefinition } from "../actions/run-action.ts";
import { UserError } from "../core/errors.ts";
import { pullRequestOf } from "../core/run-context.ts";
import type { ClientTuning } from "../github/tuning.ts";
import { loadPolicy } from "../policy/load.ts";
import { approvalsSettingsOf, type ApprovalsSettings } from "./evaluate.ts";
import type { ApprovalsTarget } from "./run.ts";
import { APPROVALS_TOKEN_NEEDS } from "./source.ts";

interface ApprovalsActionSettings {
  settings: ApprovalsSettings;
  target: ApprovalsTarget;
  token: string;
  checkName: string;
}

const SHA = /^[0-9a-f]{40}$/i;

/**
 * The `approvals-gate` action: on a pull request it judges that pull request; in a deploy job (push,
 * workflow_dispatch, ...) it judges the merged pull request of the commit being deployed.
 */
export function approvalsGateAction(tuning: ClientTuning = {}): ActionDefinition<ApprovalsActionSettings> {
  return {
    name: "approvals-gate",
    async readSettings({ inputs, run }) {
      const config = inputs.string("config");
      const { policy } = await loadPolicy({ cwd: run.workspace, ...(config ? { file: config } : {}) });
      const settings = approvalsSettingsOf(policy.gates.approvals);
      const required = inputs.number("required", { min: 0, max: 100, integer: true });
      if (required !== undefined) settings.required = required;
      const token = inputs.string("token");
      if (!token) throw new UserError(`input "token" is empty: the approvals gate needs ${APPROVALS_TOKEN_NEEDS}`);
      if (!run.owner) throw new UserError("GITHUB_REPOSITORY is not set: the approvals gate must run in a GitHub Actions job");
      const number = inputs.number("pull-request", { min: 1, integer: true });
      const sha = inputs.string("sha");
      if (sha !== undefined && !SHA.test(sha)) throw new UserError(`input "sha": expected a full 40-character commit SHA, got "${sha}"`);
      const pr = pullRequestOf(run);
      let target: ApprovalsTarget;
      if (number !== undefined) target = { pullRequest: number };
      else if (sha !== undefined) target = { sha };
      else if (pr) target = { pullRequest: pr.number };
      else if (run.sha) target = { sha: run.sha };
      else throw new UserError(`no pull request to judge: set input "pull-request" or "sha" (event ${run.eventName || "unknown"} has neither)`);
      return { settings, target, token, checkName: inputs.string("check-name") ?? "shipgate / approvals" };
    },
    async run({ settings, target, token, checkName }, context) {
      const { createOctokit } = await import("../github/client.ts");
      const { createApprovalsSource } = await import("../github/approvals.ts");
      const { runApprovalsGate } = await import("./run.ts");
      const octokit = createOctokit({ token, baseUrl: context.run.apiUrl, log: context.log, ...tuning });
      const { result, pullRequest } = await runApprovalsGate(createApprovalsSource(octokit, { owner: context.run.owner, repo: context.run.repo }), target, settings);
      return {
        results: [result],
        outputs: { approvals: Number(result.metrics.approvals ?? 0), required: settings.required, "pull-request": pullRequest ? pullRequest.number : "" },
        checkName,
      };
    },
  };
}
