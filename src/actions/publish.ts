import * as core from "@actions/core";
import { combineStatus, type Finding } from "../core/result.ts";
import { summaryMarkdown } from "../report/markdown.ts";
import { checkRunOutput } from "../report/check-run.ts";
import { pullRequestOf } from "../github/context.ts";
import type { ActionContext, ActionOutcome } from "./run-action.ts";

/** Workflow-command annotations shown per step; GitHub displays only a few per step anyway. */
const MAX_STEP_ANNOTATIONS = 50;
const MAX_CHECK_ANNOTATIONS = 1000;

function annotate(finding: Finding): void {
  const properties: core.AnnotationProperties = {
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
export async function publishResults(outcome: ActionOutcome, context: ActionContext): Promise<string | undefined> {
  const { results } = outcome;
  const status = combineStatus(results.map((r) => r.status));
  for (const [name, value] of Object.entries(outcome.outputs ?? {})) core.setOutput(name, String(value));
  if (results.length === 0) return undefined;

  const notes: string[] = [...(outcome.notes ?? [])];
  const findings = results.flatMap((r) => r.findings);
  findings.slice(0, MAX_STEP_ANNOTATIONS).forEach(annotate);
  if (findings.length > MAX_STEP_ANNOTATIONS) {
    core.info(`${findings.length - MAX_STEP_ANNOTATIONS} more findings are not shown as annotations of this step.`);
  }

  const token = context.inputs.string("token");
  const pr = pullRequestOf(context.run);
  const headSha = pr?.headSha ?? context.run.sha;
  if (outcome.checkName && token && headSha && context.run.owner) {
    const { createOctokit } = await import("../github/client.ts");
    const { writeCheckRun } = await import("../github/checks.ts");
    const title = results.length === 1 ? results[0]!.title : `${results.filter((r) => r.status === "fail").length} of ${results.length} gates failed`;
    const output = checkRunOutput(status, title, results, MAX_CHECK_ANNOTATIONS);
    const { clientTuningFromEnv } = await import("../github/tuning.ts");
    // context.env is the environment the action's entry was started with.
    const octokit = createOctokit({ token, baseUrl: context.run.apiUrl, log: context.log, ...clientTuningFromEnv(context.env) });
    const detailsUrl = context.run.runId ? `${context.run.serverUrl}/${context.run.owner}/${context.run.repo}/actions/runs/${context.run.runId}` : undefined;
    const written = await writeCheckRun(octokit, { owner: context.run.owner, repo: context.run.repo, headSha, name: outcome.checkName, ...(detailsUrl ? { detailsUrl } : {}) }, output);
    if (written.written) core.info(`Check run written: ${written.url}`);
    else {
      const note = `No check run was written: ${written.reason}. The verdict stands in this summary and the step's exit code.`;
      core.warning(note);
      notes.push(note);
    }
  }

  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(results, notes)).write();
  core.setOutput("status", status);
  core.setOutput("passed", String(status !== "fail"));

  const failed = results.filter((r) => r.status === "fail");
  // The step's message already names the action; name the gate only when it differs.
  return failed.length > 0 ? failed.map((r) => (r.gate === context.action ? r.title : `${r.gate}: ${r.title}`)).join("; ") : undefined;
}
