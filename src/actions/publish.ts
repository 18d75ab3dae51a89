import type { AnnotationProperties } from "@actions/core";
import { core } from "./toolkit.ts";
import { combineStatus, type Finding } from "../core/result.ts";
import { summaryMarkdown } from "../report/summary.ts";
import { checkRunOutput } from "../report/check-run.ts";
import { capText, capTitle, GITHUB_LIMITS } from "../report/limits.ts";
import { terminalLine } from "../report/neutralise.ts";
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
    ...(finding.title ? { title: capTitle(terminalLine(finding.title), GITHUB_LIMITS.annotationTitle) } : {}),
    ...(finding.file ? { file: finding.file } : {}),
    ...(finding.line ? { startLine: finding.line, endLine: finding.endLine ?? finding.line } : {}),
  };
  const message = capText(finding.message, GITHUB_LIMITS.annotationMessageBytes, "the job summary of the run", "bytes");
  if (finding.level === "failure") core.error(message, properties);
  else if (finding.level === "warning") core.warning(message, properties);
  else core.notice(message, properties);
}

/**
 * A step output within GitHub's room for outputs: text is cut with a note; a JSON document cut short would mislead
 * whoever parses it, so one too large is left empty and a warning says where the whole is.
 */
function setOutput(name: string, value: string): void {
  if (value.length <= GITHUB_LIMITS.stepOutput) return core.setOutput(name, value);
  if (/^\s*[[{]/.test(value)) {
    core.warning(`Output "${name}" is left empty: its JSON (${value.length} characters) is over the ${GITHUB_LIMITS.stepOutput} shipgate writes per output; the job summary and \`--json\` of the CLI have it whole.`);
    return core.setOutput(name, "");
  }
  core.setOutput(name, capText(value, GITHUB_LIMITS.stepOutput, "the job summary of the run"));
}

/**
 * Publishes gate results as the runner shows them: outputs, job summary, annotations and, on pull requests
 * and pushes, a check run. Returns the failure message when a gate failed, else undefined.
 */
export async function publishResults(outcome: Presentation, target: PublishTarget): Promise<string | undefined> {
  const { results } = outcome;
  const { invocation: context, token, checkName } = target;
  const status = combineStatus(results.map((r) => r.status));
  for (const [name, value] of Object.entries(outcome.outputs ?? {})) setOutput(name, String(value));
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

  if (process.env.GITHUB_STEP_SUMMARY) {
    const summary = summaryMarkdown(results, { notes, run: context.run, ...(headSha ? { sha: headSha } : {}) });
    // The summary is the fullest text there is: nothing else to point to.
    await core.summary.addRaw(capText(summary, GITHUB_LIMITS.jobSummaryBytes, undefined, "bytes")).write();
  }
  core.setOutput("status", status);
  core.setOutput("passed", String(status !== "fail"));

  const failed = results.filter((r) => r.status === "fail");
  // The step's message already names the action; name the gate only when it differs.
  return failed.length > 0 ? failed.map((r) => (r.gate === target.action ? r.title : `${r.gate}: ${r.title}`)).join("; ") : undefined;
}
