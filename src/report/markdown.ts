import type { Finding, GateStatus } from "../core/result.ts";
import { codeSpan, literalMarkdown } from "./neutralise.ts";

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
