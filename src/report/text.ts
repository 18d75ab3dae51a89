import type { GateResult, GateStatus } from "../core/result.ts";
import { terminalLine } from "./neutralise.ts";

const label: Record<GateStatus, string> = { pass: "PASS", fail: "FAIL", warn: "WARN", skip: "SKIP" };

/** CLI text for one gate (every text stripped of control characters and escape sequences): the verdict line, metric lines and findings (capped). */
export function gateText(result: GateResult, options: { findingLimit?: number; details?: string[] } = {}): string {
  const lines = [`${label[result.status]} ${terminalLine(result.gate)}: ${terminalLine(result.title)}`];
  for (const detail of options.details ?? []) lines.push(`  ${terminalLine(detail)}`);
  const limit = options.findingLimit ?? 20;
  for (const finding of result.findings.slice(0, limit)) {
    const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ""}: ` : "";
    lines.push(`  ${finding.level}: ${terminalLine(where)}${terminalLine(finding.message)}`);
  }
  if (result.findings.length > limit) lines.push(`  … and ${result.findings.length - limit} more findings`);
  return lines.join("\n") + "\n";
}
