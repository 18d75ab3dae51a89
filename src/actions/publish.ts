import type { AnnotationProperties } from "@actions/core";
import { core } from "./toolkit.ts";
import { combineStatus, type Finding } from "../core/result.ts";
import { summaryMarkdown } from "../report/summary.ts";
import { checkRunOutput } from "../report/check-run.ts";
import type { Invocation, Presentation } from "../core/capability.ts";
import { pullRequestOf } from "../core/run-context.ts";

export interface PublishTarget {
  action: string;
  invocation: Invocation;
  /** Writes the check run when given with a check name. */
  token: string | undefined;
  checkName: string | undefined;
}

/** Workflow-command annotations shown per step; GitHub displays only a few per step anyway. */
const MAX_STEP_ANNOTATIONS = 50;
const MAX_CHECK_ANNOTATIONS = 1000;

function annotate(finding: Finding): void {
  const properties: AnnotationProperties = {
    ...(finding.title ? { title: finding.title } : {}),
    ...(finding.file ? { file: finding.file } : {}),
    ...(finding.line ? { startLine: finding.line, endLine: finding.endLine ?? finding.line } : {}),
  };
  if (finding.level === "failure") core.error(finding.message, properties);
  else if (finding.level === "warning") core.warning(finding.message, properties);
  else core.notice(finding.message, properties);
}

/**
 * Publishes gate results as the runner shows them: outputs, job summary, annotations and, on pull requests
 * and pushes, a check run. Returns the failure message when a gate failed, else undefined.
 */
export async function publishResults(outcome: Presentation, target: PublishTarget): Promise<string | undefined> {
  const { results } = outcome;
  const { invocation: context, token, checkName } = target;
  const status = combineStatus(results.map((r) => r.status));
  for (const [name, value] of Object.entries(outcome.outputs ?? {})) core.setOutput(name, String(value));
  if (results.length === 0) return undefined;

  const notes: string[] = [...(outcome.notes ?? [])];
  const findings = results.flatMap((r) => r.findings);
  findings.slice(0, MAX_STEP_ANNOTATIONS).forEach(annotate);
  if (findings.length > MAX_STEP_ANNOTATIONS) {
    core.info(`${findings.length - MAX_STEP_ANNOTATIONS} more findings are not shown as annotations of this step.`);
  }

  const pr = pullRequestOf(context.run);
  const headSha = outcome.checkSha ?? pr?.headSha ?? context.run.sha;
  if (checkName && token && headSha && context.run.owner) {
    const { octokitOfRun } = await import("../github/run-client.ts");
    const { writeCheckRun } = await import("../github/checks.ts");
    const output = checkRunOutput(status, results, MAX_CHECK_ANNOTATIONS, context.run);
    // context.env is the environment the action's entry was started with.
    const octokit = octokitOfRun(token, context);
    const detailsUrl = context.run.runId ? `${context.run.serverUrl}/${context.run.owner}/${context.run.repo}/actions/runs/${context.run.runId}` : undefined;
    const written = await writeCheckRun(octokit, { owner: context.run.owner, repo: context.run.repo, headSha, name: checkName, ...(detailsUrl ? { detailsUrl } : {}) }, output);
    if (written.written) core.info(`Check run written: ${written.url}`);
    else {
      const note = `No check run was written: ${written.reason}. The verdict stands in this summary and the step's exit code.`;
      core.warning(note);
      notes.push(note);
    }
  }

  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(results, { notes, run: context.run, ...(headSha ? { sha: headSha } : {}) })).write();
  core.setOutput("status", status);
  core.setOutput("passed", String(status !== "fail"));

  const failed = results.filter((r) => r.status === "fail");
  // The step's message already names the action; name the gate only when it differs.
  return failed.length > 0 ? failed.map((r) => (r.gate === target.action ? r.title : `${r.gate}: ${r.title}`)).join("; ") : undefined;
}
