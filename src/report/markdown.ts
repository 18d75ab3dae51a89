import type { Finding, GateResult, GateStatus } from "../core/result.ts";
import { codeSpan, literalMarkdown, neutraliseMarkdown } from "./neutralise.ts";

export const statusIcon: Record<GateStatus, string> = { pass: "✅", fail: "❌", warn: "⚠️", skip: "⏭️" };
export const statusWord: Record<GateStatus, string> = { pass: "passed", fail: "failed", warn: "passed with warnings", skip: "skipped" };

/** A table cell of any text: shown literally (no markup, HTML or mention takes effect) and never breaking the table. */
export function cell(text: string): string {
  return literalMarkdown(text);
}

function findingLine(finding: Finding): string {
  const where = finding.file ? `${codeSpan(`${finding.file}${finding.line ? `:${finding.line}` : ""}`)} ` : "";
  return `- ${finding.level === "failure" ? "❌" : finding.level === "warning" ? "⚠️" : "ℹ️"} ${where}${literalMarkdown(finding.message)}`;
}

/** The findings a summary lists, and a line saying how many were left out. */
export function findingsMarkdown(findings: Finding[], limit: number): string {
  if (findings.length === 0) return "";
  const shown = findings.slice(0, limit).map(findingLine);
  if (findings.length > limit) shown.push(`- … and ${findings.length - limit} more not shown`);
  return shown.join("\n");
}

/** One gate's section: its verdict line, its own markdown body and its findings. */
export function gateMarkdown(result: GateResult, options: { findingLimit?: number; heading?: string } = {}): string {
  const heading = options.heading ?? "###";
  const parts = [`${heading} ${statusIcon[result.status]} ${literalMarkdown(result.gate)}: ${literalMarkdown(result.title)}`, result.summary.trim()];
  const findings = findingsMarkdown(result.findings, options.findingLimit ?? 20);
  if (findings) parts.push(findings);
  return parts.filter(Boolean).join("\n\n");
}

/** The job summary of one or more gates: a row per gate when there are several, then each gate's section. */
export function summaryMarkdown(results: GateResult[], notes: string[] = []): string {
  const parts: string[] = [];
  if (results.length > 1) {
    parts.push("| Gate | Status | Result |", "| --- | --- | --- |");
    for (const r of results) parts.push(`| ${cell(r.gate)} | ${statusIcon[r.status]} ${statusWord[r.status]} | ${cell(r.title)} |`);
    parts.push("");
  }
  for (const r of results) parts.push(gateMarkdown(r), "");
  for (const note of notes) parts.push(`> ${neutraliseMarkdown(note)}`, "");
  return parts.join("\n").trimEnd() + "\n";
}
