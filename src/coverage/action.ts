import path from "node:path";
import type { ActionDefinition } from "../actions/run-action.ts";
import { pullRequestOf } from "../github/context.ts";
import { loadPolicy } from "../policy/load.ts";
import type { CoverageFormat } from "./model.ts";
import { runCoverageGate, type ChangedLinesSource } from "./run.ts";
import { coverageSettings, type CoverageSettings } from "./settings.ts";

const formats = ["auto", "lcov", "cobertura", "clover", "jacoco", "istanbul", "go"] as const;
const percent = { min: 0, max: 100 };

interface CoverageActionSettings {
  coverage: CoverageSettings;
  checkName: string;
  token: string | undefined;
}

export const coverageAction: ActionDefinition<CoverageActionSettings> = {
  name: "coverage-gate",
  async readSettings({ inputs, run }) {
    const root = path.resolve(run.workspace, inputs.string("working-directory") ?? ".");
    const { policy } = await loadPolicy({ file: inputs.string("config"), cwd: root });
    const coverage = coverageSettings(
      policy.gates.coverage,
      {
        reports: inputs.list("files"),
        format: inputs.oneOf<"auto" | CoverageFormat>("format", formats),
        lines: inputs.number("min-lines", percent),
        branches: inputs.number("min-branches", percent),
        functions: inputs.number("min-functions", percent),
        perFile: inputs.number("min-per-file", percent),
        patch: inputs.number("min-patch", percent),
        maxDrop: inputs.number("max-drop", percent),
        baseline: inputs.string("baseline"),
        worstFiles: inputs.number("worst-files", { min: 0, max: 100, integer: true }),
      },
      root,
    );
    return { coverage, checkName: inputs.string("check-name") ?? "shipgate / coverage", token: inputs.string("token") };
  },
  async run(settings, context) {
    const pr = pullRequestOf(context.run);
    let changed: ChangedLinesSource | undefined;
    if (pr) {
      const root = settings.coverage.root;
      changed = async () => {
        // git (node:child_process) loads for a pull request's changed lines only.
        const { changedLinesBetween, hasCommit } = await import("../git/diff.ts");
        if ((await hasCommit(root, pr.baseSha)) && (await hasCommit(root, pr.headSha))) return changedLinesBetween(root, pr.baseSha, pr.headSha);
        if (!settings.token) return { unavailable: "the base commit is not in the checkout (use fetch-depth: 0) and no token was given to ask the API" };
        const { createOctokit } = await import("../github/client.ts");
        const { changedLinesOfPullRequest } = await import("../github/pull-files.ts");
        const octokit = createOctokit({ token: settings.token, baseUrl: context.run.apiUrl, log: context.log });
        const { changed: lines, withoutPatch } = await changedLinesOfPullRequest(octokit, { owner: context.run.owner, repo: context.run.repo, number: pr.number });
        if (withoutPatch.length > 0) context.warn(`GitHub sent no diff for ${withoutPatch.length} changed file(s) (binary or too large); their lines are not measured.`);
        return lines;
      };
    }
    const result = await runCoverageGate(settings.coverage, changed);
    const outputs: Record<string, string> = {
      lines: result.lines.pct === null ? "" : String(result.lines.pct),
      branches: result.branches?.pct == null ? "" : String(result.branches.pct),
      functions: result.functions?.pct == null ? "" : String(result.functions.pct),
      patch: result.patch?.pct == null ? "" : String(result.patch.pct),
      files: String(result.fileCount),
    };
    return { results: [result.result], outputs, checkName: settings.checkName };
  },
};
