/** What an action writes to its step log: each gate's verdict line and its key figures, pass or fail. */
import type { GateResult, MetricValue } from "../core/result.ts";
import { combinedTitle } from "./summary.ts";

const label = { pass: "PASS", fail: "FAIL", warn: "WARN", skip: "SKIP" } as const;

function figure(value: MetricValue): string | undefined {
  if (value === null || value === "") return undefined;
  if (typeof value === "number") return String(Math.round(value * 100) / 100);
  return String(value);
}

/** "lines=70.83 patch=37.5 files=12": the metrics a log reader greps for, nulls left out. */
export function keyFigures(result: GateResult): string {
  return Object.entries(result.metrics)
    .map(([name, value]) => [name, figure(value)] as const)
    .filter(([, value]) => value !== undefined && value.length <= 80)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");
}

export function stepLogLines(results: GateResult[]): string[] {
  const lines: string[] = [];
  if (results.length > 1) lines.push(`shipgate: ${combinedTitle(results)}`);
  for (const result of results) {
    lines.push(`${label[result.status]} ${result.gate}: ${result.title}`);
    const figures = keyFigures(result);
    if (figures) lines.push(`  ${figures}`);
  }
  return lines;
}
