import { UserError } from "../core/errors.ts";
import { loadPolicy } from "../policy/load.ts";
import { gateText } from "../report/text.ts";
import type { CommandSpec } from "./command.ts";
import { commitOf, githubAccessOf, repoOption, repositoryOf } from "./github.ts";
import { configOption } from "./options.ts";

export const goNoGoCommand: CommandSpec = {
  name: "go-no-go",
  summary: "Decide go or no-go for a commit: blocking issues, required checks, staging",
  usage: "[--repo OWNER/NAME] [--sha SHA] [--config FILE]",
  details: [
    "Counts open issues by the label sets of gates.go-no-go.issue-rules (issues list API, pull requests left",
    "out), checks every required check run or commit status on the commit (--sha, default HEAD) and, when",
    "required, its latest staging deployment. Token from GITHUB_TOKEN (issues, checks, statuses, deployments: read).",
    "JSON: { status, go, title, sha, issues: { rule: count }, checksPassed, staging, gate }.",
  ].join("\n"),
  options: {
    repo: repoOption,
    sha: { type: "string", valueName: "SHA", description: "Commit to judge (default HEAD)" },
    config: configOption,
  },
  positionals: { min: 0, max: 0 },
  async run(input) {
    const { GO_NO_GO_TOKEN_NEEDS } = await import("../go-no-go/source.ts");
    const { goNoGoSettingsOf } = await import("../go-no-go/evaluate.ts");
    const { runGoNoGoGate } = await import("../go-no-go/run.ts");
    const { createGoNoGoSource } = await import("../github/go-no-go.ts");
    const config = typeof input.options.config === "string" ? input.options.config : undefined;
    const { policy } = await loadPolicy({ cwd: input.cwd, ...(config ? { file: config } : {}) });
    const sha = await commitOf(input);
    if (!sha) throw new UserError("no commit: pass --sha SHA (outside a git checkout)");
    const repository = await repositoryOf(input);
    const github = await githubAccessOf(input, repository);
    if (!github) throw new UserError(`GITHUB_TOKEN is not set: shipgate go-no-go needs ${GO_NO_GO_TOKEN_NEEDS}`);
    const result = await runGoNoGoGate(createGoNoGoSource(github.octokit, repository), sha, goNoGoSettingsOf(policy.gates["go-no-go"]));
    const issues = Object.fromEntries(Object.entries(result.metrics).filter(([key]) => key.startsWith("issues:")).map(([key, value]) => [key.slice("issues:".length), value]));
    const json = { status: result.status, go: result.status !== "fail", title: result.title, sha, issues, checksPassed: result.metrics["checks-passed"], staging: result.metrics.staging, gate: result };
    return { exitCode: result.status === "fail" ? 1 : 0, json, text: gateText(result) };
  },
};
