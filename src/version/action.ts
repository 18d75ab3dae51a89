import path from "node:path";
import type { ActionContext, ActionDefinition } from "../actions/run-action.ts";
import type { GateResult } from "../core/result.ts";
import { loadPolicy } from "../policy/load.ts";
import { cell } from "../report/markdown.ts";
import { nextVersionOfRepository, type VersionReport, type VersionRequest } from "./repository.ts";
import { releaseRules } from "./rules.ts";

/**
 * The `version` action: the next version from conventional commits, as outputs and a job summary.
 * Reads only the checkout (contents: read); needs the full history (actions/checkout with fetch-depth: 0).
 */

const MAX_SUMMARY_COMMITS = 30;

/** The branch of the run: the pull request's head branch, else the pushed branch. */
export function branchOfRun(env: NodeJS.ProcessEnv): string | undefined {
  const head = env.GITHUB_HEAD_REF?.trim();
  if (head) return head;
  const name = env.GITHUB_REF_NAME?.trim();
  if (name && env.GITHUB_REF_TYPE !== "tag") return name;
  const ref = env.GITHUB_REF ?? "";
  return ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : undefined;
}

/** The repository, range, branch and release rules the `version` and `changelog` actions share. */
export async function readVersionRequest({ inputs, run, env }: ActionContext): Promise<VersionRequest> {
  const repo = path.resolve(run.workspace, inputs.string("working-directory") ?? ".");
  const { policy } = await loadPolicy({ file: inputs.string("config"), cwd: repo });
  const release = { ...policy.release };
  // An empty input means "not given"; an empty prefix is set in the policy file (release.tag-prefix: "").
  release["tag-prefix"] = inputs.string("tag-prefix") ?? release["tag-prefix"];
  release["initial-version"] = inputs.string("initial-version") ?? release["initial-version"];
  release["pre-major-breaking"] = inputs.oneOf("pre-major-breaking", ["minor", "major"] as const) ?? release["pre-major-breaking"];
  const rules = releaseRules(release, { name: inputs.string("package"), path: inputs.string("package-path"), where: 'input "package"' });
  return { repo, from: inputs.string("from"), to: inputs.string("to"), branch: inputs.string("branch") ?? branchOfRun(env), rules };
}

export function versionResult(report: VersionReport): GateResult {
  const title = report.next
    ? `next version ${report.next}${report.bump ? ` (${report.bump} bump)` : ""}${report.current ? ` after ${report.current}` : " (first release)"}`
    : `no release: nothing since ${report.currentTag ?? "the first commit"} calls for one`;
  const rows = report.deciding.slice(0, MAX_SUMMARY_COMMITS).map((d) => `| \`${d.hash.slice(0, 7)}\` | ${cell(d.header)} | ${d.bump} |`);
  const summary = [
    `| Current | Next | Bump | Tag | Commits | Not conventional |`,
    `| --- | --- | --- | --- | --- | --- |`,
    `| ${report.current ?? "none"} | ${report.next ?? "none"} | ${report.bump ?? "none"} | ${report.tag ? `\`${cell(report.tag)}\`` : "none"} | ${report.commits} | ${report.ignored} |`,
    ...(rows.length > 0 ? ["", "Commits that decided the bump:", "", "| Commit | Header | Bump |", "| --- | --- | --- |", ...rows] : []),
    ...(report.deciding.length > MAX_SUMMARY_COMMITS ? ["", `… and ${report.deciding.length - MAX_SUMMARY_COMMITS} more.`] : []),
  ].join("\n");
  return {
    gate: "version",
    status: report.next ? "pass" : "skip",
    title,
    summary,
    findings: [],
    metrics: { current: report.current, next: report.next, bump: report.bump, tag: report.tag, commits: report.commits, ignored: report.ignored },
  };
}

export const versionAction: ActionDefinition<VersionRequest> = {
  name: "version",
  readSettings: readVersionRequest,
  async run(request) {
    const report = await nextVersionOfRepository(request);
    return {
      results: [versionResult(report)],
      outputs: {
        current: report.current ?? "",
        "current-tag": report.currentTag ?? "",
        next: report.next ?? "",
        bump: report.bump ?? "",
        tag: report.tag ?? "",
        commits: report.commits,
        ignored: report.ignored,
        prerelease: report.prerelease,
        released: report.next !== null,
      },
    };
  },
};
