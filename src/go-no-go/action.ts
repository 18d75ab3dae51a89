import type { ActionDefinition } from "../actions/run-action.ts";
import { UserError } from "../core/errors.ts";
import { pullRequestOf } from "../core/run-context.ts";
import type { ClientTuning } from "../github/tuning.ts";
import { loadPolicy } from "../policy/load.ts";
import { goNoGoSettingsOf, type GoNoGoSettings } from "./evaluate.ts";
import { GO_NO_GO_TOKEN_NEEDS } from "./source.ts";

interface GoNoGoActionSettings {
  settings: GoNoGoSettings;
  sha: string;
  token: string;
  checkName: string;
}

const SHA = /^[0-9a-f]{40}$/i;

/** The `go-no-go` action: blocking issues, required checks and staging of the commit to deploy. */
export function goNoGoAction(tuning: ClientTuning = {}): ActionDefinition<GoNoGoActionSettings> {
  return {
    name: "go-no-go",
    async readSettings({ inputs, run }) {
      const config = inputs.string("config");
      const { policy } = await loadPolicy({ cwd: run.workspace, ...(config ? { file: config } : {}) });
      const settings = goNoGoSettingsOf(policy.gates["go-no-go"]);
      const checks = inputs.list("required-checks");
      if (checks) settings.requiredChecks = checks;
      const staging = inputs.boolean("require-staging");
      if (staging !== undefined) settings.staging = { ...settings.staging, required: staging };
      const environment = inputs.string("staging-environment");
      if (environment !== undefined) settings.staging = { ...settings.staging, environment };
      const token = inputs.string("token");
      if (!token) throw new UserError(`input "token" is empty: the go/no-go gate needs ${GO_NO_GO_TOKEN_NEEDS}`);
      if (!run.owner) throw new UserError("GITHUB_REPOSITORY is not set: the go/no-go gate must run in a GitHub Actions job");
      const sha = inputs.string("sha") ?? pullRequestOf(run)?.headSha ?? run.sha;
      if (!SHA.test(sha)) throw new UserError(`input "sha": expected a full 40-character commit SHA, got "${sha}"`);
      return { settings, sha, token, checkName: inputs.string("check-name") ?? "shipgate / go-no-go" };
    },
    async run({ settings, sha, token, checkName }, context) {
      const { createOctokit } = await import("../github/client.ts");
      const { createGoNoGoSource } = await import("../github/go-no-go.ts");
      const { runGoNoGoGate } = await import("./run.ts");
      const octokit = createOctokit({ token, baseUrl: context.run.apiUrl, log: context.log, ...tuning });
      const result = await runGoNoGoGate(createGoNoGoSource(octokit, { owner: context.run.owner, repo: context.run.repo }), sha, settings);
      const issues = Object.fromEntries(Object.entries(result.metrics).filter(([key]) => key.startsWith("issues:")).map(([key, value]) => [key.slice("issues:".length), value]));
      return {
        results: [result],
        outputs: { go: result.status !== "fail", issues: JSON.stringify(issues), "checks-passed": Number(result.metrics["checks-passed"] ?? 0), staging: String(result.metrics.staging ?? "") },
        checkName,
      };
    },
  };
}
