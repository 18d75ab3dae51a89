import { UserError } from "../core/errors.ts";
import { loadPolicy } from "../policy/load.ts";
import { gateText } from "../report/text.ts";
import type { CommandSpec } from "./command.ts";
import { commitOf, githubAccessOf, pullRequestOption, repoOption, repositoryOf } from "./github.ts";
import { configOption } from "./options.ts";

export const approvalsCommand: CommandSpec = {
  name: "approvals",
  summary: "Check a pull request's code-review approvals as GitHub counts them (CODEOWNERS, team rules)",
  usage: "[--repo OWNER/NAME] [--pr N | --sha SHA] [--config FILE]",
  details: [
    "Reads the pull request (--pr), or the merged pull request of a deployed commit (--sha, default HEAD), with",
    "the token in GITHUB_TOKEN (pull-requests: read, contents: read; organization members: read for teams).",
    "Settings come from gates.approvals of the policy file. Exit 0 passed, 1 failed, 2 no token or bad input,",
    "3 GitHub failed after retries. JSON: { status, title, pullRequest, approvals, required, gate }.",
  ].join("\n"),
  options: {
    repo: repoOption,
    pr: { type: "string", valueName: "N", description: "Pull request number" },
    sha: { type: "string", valueName: "SHA", description: "Deployed commit whose merged pull request is judged (default HEAD)" },
    config: configOption,
    required: { type: "string", valueName: "N", description: "Approvals required (overrides the policy)" },
  },
  positionals: { min: 0, max: 0 },
  async run(input) {
    const { APPROVALS_TOKEN_NEEDS } = await import("../approvals/source.ts");
    const { approvalsSettingsOf } = await import("../approvals/evaluate.ts");
    const { runApprovalsGate } = await import("../approvals/run.ts");
    const { createApprovalsSource } = await import("../github/approvals.ts");
    if (typeof input.options.pr === "string" && typeof input.options.sha === "string") throw new UserError("--pr and --sha: give one of them, not both");
    const config = typeof input.options.config === "string" ? input.options.config : undefined;
    const { policy } = await loadPolicy({ cwd: input.cwd, ...(config ? { file: config } : {}) });
    const settings = approvalsSettingsOf(policy.gates.approvals);
    if (typeof input.options.required === "string") {
      if (!/^\d{1,3}$/.test(input.options.required)) throw new UserError(`--required: expected a whole number >= 0, got "${input.options.required}"`);
      settings.required = Number(input.options.required);
    }
    const pr = pullRequestOption(input);
    const sha = pr === undefined ? await commitOf(input) : undefined;
    if (pr === undefined && !sha) throw new UserError("no pull request: pass --pr N or --sha SHA (outside a git checkout)");
    const repository = await repositoryOf(input);
    const github = await githubAccessOf(input, repository);
    if (!github) throw new UserError(`GITHUB_TOKEN is not set: shipgate approvals needs ${APPROVALS_TOKEN_NEEDS}`);
    const { result, pullRequest } = await runApprovalsGate(createApprovalsSource(github.octokit, repository), pr !== undefined ? { pullRequest: pr } : { sha: sha! }, settings);
    const json = { status: result.status, title: result.title, pullRequest: pullRequest?.number ?? null, approvals: result.metrics.approvals, required: settings.required, gate: result };
    return { exitCode: result.status === "fail" ? 1 : 0, json, text: gateText(result) };
  },
};
