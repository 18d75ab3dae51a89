/**
 * The job summary, the check run's text and the pull-request comment of one or more gate results. Each leads with
 * one heading, the verdict; several gates get a table (failing first), the failing gates' detail, and the passing
 * gates' detail collapsed.
 */
import { combineStatus, type GateResult, type GateStatus } from "../core/result.ts";
import type { RunContext } from "../core/run-context.ts";
import { code, count, details, link, table } from "./blocks.ts";
import { cell, findingsMarkdown, statusIcon } from "./markdown.ts";

/** Worst first: what a reviewer must act on leads. */
const ORDER: Record<GateStatus, number> = { fail: 0, warn: 1, pass: 2, skip: 3 };
const FINDING_LIMIT = 20;

export function byUrgency(results: GateResult[]): GateResult[] {
  return results.map((r, i) => ({ r, i })).sort((a, b) => ORDER[a.r.status] - ORDER[b.r.status] || a.i - b.i).map(({ r }) => r);
}

/** "❌ coverage: Patch 37.50 % < 80 % · project 70.83 %": a gate's heading and step-log line. */
export function verdictLine(result: GateResult): string {
  return `${statusIcon[result.status]} ${result.gate}: ${cell(result.title)}`;
}

/** "2 of 6 gates failed", "all 4 gates passed (1 skipped)": the verdict of several gates, key figure first. */
export function combinedTitle(results: GateResult[]): string {
  const of = (status: GateStatus) => results.filter((r) => r.status === status);
  const [failed, warned, skipped] = [of("fail"), of("warn"), of("skip")];
  const ran = results.length - skipped.length;
  const skipNote = skipped.length > 0 ? ` (${skipped.length} skipped)` : "";
  if (failed.length > 0) return `${failed.length} of ${count(results.length, "gate")} failed: ${failed.map((r) => r.gate).join(", ")}`;
  if (warned.length > 0) return `${warned.length} of ${count(results.length, "gate")} warned: ${warned.map((r) => r.gate).join(", ")}`;
  if (ran === 0) return `${count(results.length, "gate")} skipped`;
  return `${ran === 1 ? "1 gate" : `all ${ran} gates`} passed${skipNote}`;
}

/** GitHub's checks list cuts a title after about 70 characters: the verdict's key figure must come before. */
export const CHECK_TITLE_MAX = 70;

export function checkRunTitle(results: GateResult[]): string {
  const title = results.length === 1 ? results[0]!.title : combinedTitle(results);
  return title.length <= CHECK_TITLE_MAX ? title : `${title.slice(0, CHECK_TITLE_MAX - 1).trimEnd()}…`;
}

/** Where a result comes from: the workflow run, its commit. Empty outside GitHub Actions. */
export function provenance(run: RunContext | undefined, sha?: string): string {
  if (!run?.owner || !run.runId) return "";
  const runUrl = `${run.serverUrl}/${run.owner}/${run.repo}/actions/runs/${run.runId}`;
  const commit = sha || run.sha;
  const parts = ["Reported by **shipgate**"];
  parts.push(link(`${run.workflow ? `${cell(run.workflow)} ` : ""}run ${run.runId}`, runUrl));
  if (commit) parts.push(`commit ${link(code(commit.slice(0, 7)), `${run.serverUrl}/${run.owner}/${run.repo}/commit/${commit}`)}`);
  return parts.join(" · ");
}

function body(result: GateResult): string {
  const parts = [result.summary.trim()];
  if (!result.findingsShown) parts.push(findingsMarkdown(result.findings, FINDING_LIMIT));
  return parts.filter(Boolean).join("\n\n");
}

function section(result: GateResult, heading: string): string {
  return [`${heading} ${verdictLine(result)}`, body(result)].filter(Boolean).join("\n\n");
}

function gateTable(results: GateResult[]): string {
  return table(
    ["Gate", "Result"],
    results.map((r) => [`${statusIcon[r.status]} ${cell(r.gate)}`, cell(r.title)]),
  );
}

export interface SummaryOptions {
  /** Lines the summary ends with (quoted). */
  notes?: string[];
  /** The workflow run, for the line that says where this comes from. */
  run?: RunContext;
  /** The commit judged, when it is not the run's. */
  sha?: string;
  /** The check run shows its title itself: its text starts below it. */
  withoutHeading?: boolean;
  /** The heading's words for several gates, e.g. "shipgate preflight". */
  name?: string;
}

function several(results: GateResult[], options: SummaryOptions): string[] {
  const ordered = byUrgency(results);
  const urgent = ordered.filter((r) => r.status === "fail" || r.status === "warn");
  const calm = ordered.filter((r) => r.status === "pass" || r.status === "skip");
  const parts = [gateTable(ordered)];
  for (const r of urgent) parts.push(section(r, "###"));
  if (calm.length > 0) {
    const passed = calm.filter((r) => r.status === "pass").length;
    const skipped = calm.length - passed;
    const label = [passed > 0 ? `${statusIcon.pass} ${count(passed, "gate")} passed` : "", skipped > 0 ? `${statusIcon.skip} ${skipped} skipped` : ""].filter(Boolean).join(", ");
    parts.push(details(`${label}: details`, calm.map((r) => section(r, "####")).join("\n\n")));
  }
  const status = combineStatus(results.map((r) => r.status));
  return [`## ${statusIcon[status]} ${options.name ?? "shipgate"}: ${cell(combinedTitle(results))}`, ...parts];
}

/** The job summary (and, withoutHeading, the check run's summary) of one or more gate results. */
export function summaryMarkdown(results: GateResult[], options: SummaryOptions = {}): string {
  const parts: string[] = [];
  if (results.length === 1) parts.push(`## ${verdictLine(results[0]!)}`, body(results[0]!));
  else parts.push(...several(results, options));
  const from = provenance(options.run, options.sha);
  if (from) parts.splice(1, 0, from);
  if (options.withoutHeading) parts.shift();
  for (const note of options.notes ?? []) parts.push(`> ${note}`);
  return parts.filter(Boolean).join("\n\n").trimEnd() + "\n";
}

/** The sticky pull-request comment: says it is shipgate's, which run wrote it, and that it is kept current. */
export function commentMarkdown(results: GateResult[], options: SummaryOptions): string {
  const notes = [...(options.notes ?? []), "This comment is updated in place on every run; the check runs hold the annotations."];
  return summaryMarkdown(results, { ...options, notes });
}
