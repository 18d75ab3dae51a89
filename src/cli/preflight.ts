import { combineStatus } from "../core/result.ts";
import { loadPolicy } from "../policy/load.ts";
import { gateText } from "../report/text.ts";
import type { GateError } from "../preflight/run.ts";
import type { CommandOutcome, CommandSpec } from "./command.ts";
import { commitOf, githubAccessOf, pullRequestOption, repoOption, repositoryOf } from "./github.ts";
import { configOption } from "./options.ts";

/** A gate that could not run outranks a verdict: its configuration first, then an outage. */
function exitCodeOf(status: string, errors: readonly GateError[]): CommandOutcome["exitCode"] {
  if (errors.some((e) => e.kind === "configuration")) return 2;
  if (errors.some((e) => e.kind === "external")) return 3;
  return status === "fail" ? 1 : 0;
}

export const preflightCommand: CommandSpec = {
  name: "preflight",
  summary: "Run every gate the policy file enables, as the umbrella action does",
  usage: "[--config FILE] [--repo OWNER/NAME] [--pr N] [--sha SHA]",
  details: [
    "Runs the enabled gates of the policy file concurrently: coverage and security from files in the checkout,",
    "approvals (with --pr N, or --sha SHA for the merged pull request of a deployed commit) and go/no-go (on",
    "--sha, default HEAD) from GitHub with the token in GITHUB_TOKEN. Without a token, the GitHub gates are",
    "skipped (not passed) and say which token and permission they need. Every gate is reported; the exit code is",
    "2 when a gate's configuration is wrong, else 3 when GitHub failed after retries, else 1 when a gate failed.",
    "JSON: { status, gates: [{ gate, status, title, metrics }], results }.",
  ].join("\n"),
  options: {
    config: configOption,
    repo: repoOption,
    pr: { type: "string", valueName: "N", description: "Pull request for the approvals gate" },
    sha: { type: "string", valueName: "SHA", description: "Commit for go/no-go (default HEAD); for approvals when --pr is absent" },
  },
  positionals: { min: 0, max: 0 },
  async run(input) {
    const { runPreflightReport } = await import("../preflight/run.ts");
    const config = typeof input.options.config === "string" ? input.options.config : undefined;
    const { policy } = await loadPolicy({ cwd: input.cwd, ...(config ? { file: config } : {}) });
    const pr = pullRequestOption(input);
    const sha = await commitOf(input);
    const needsGitHub = policy.gates.approvals.enabled || policy.gates["go-no-go"].enabled;
    const github = needsGitHub && input.env.GITHUB_TOKEN?.trim() ? await githubAccessOf(input, await repositoryOf(input)) : undefined;
    const approvalsTarget = pr !== undefined ? { pullRequest: pr } : typeof input.options.sha === "string" && sha ? { sha } : undefined;
    const { results, errors } = await runPreflightReport({
      root: input.cwd,
      policy,
      now: input.now,
      ...(approvalsTarget ? { approvalsTarget } : {}),
      ...(sha ? { sha } : {}),
      ...(github ? { github } : {}),
      githubMissing: "GITHUB_TOKEN is not set",
    });
    const status = combineStatus(results.map((r) => r.status));
    const json = { status, gates: results.map((r) => ({ gate: r.gate, status: r.status, title: r.title, metrics: r.metrics })), results };
    const text = results.length === 0 ? "The policy file enables no gate.\n" : results.map((r) => gateText(r)).join("");
    const errorLines = results.filter((r) => errors.some((e) => e.gate === r.gate)).map((r) => `${r.gate}: ${r.title}`);
    return { exitCode: exitCodeOf(status, errors), json, text, errors: errorLines };
  },
};
