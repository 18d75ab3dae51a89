import type { Finding, GateResult, GateStatus } from "../core/result.ts";
import { cell } from "../report/markdown.ts";
import type { Counter, CoverageReport } from "./model.ts";
import { droppedMoreThan, dropPoints, formatPercent, meets, percent } from "./measure.ts";
import type { PatchCoverage } from "./patch.ts";

export interface CoverageThresholds {
  lines?: number;
  branches?: number;
  functions?: number;
  perFile?: number;
  patch?: number;
  maxDrop?: number;
}

export interface CoverageGateInput {
  report: CoverageReport;
  reportFiles: string[];
  thresholds: CoverageThresholds;
  /** Changed-lines coverage; undefined when not evaluated, with the reason in patchSkipped. */
  patch?: PatchCoverage;
  patchSkipped?: string;
  /** Line totals of the baseline report, for maxDrop. */
  baseline?: Counter;
  worstFiles: number;
}

/** `{ covered, total, pct }` as the CLI's JSON prints it; pct is null when nothing was measured. */
export interface Measure extends Counter {
  pct: number | null;
}

export interface CoverageVerdict {
  result: GateResult;
  lines: Measure;
  branches: Measure | null;
  functions: Measure | null;
  patch: Measure | null;
}

function measure(counter: Counter): Measure {
  return { covered: counter.covered, total: counter.total, pct: percent(counter) };
}

interface Check {
  name: string;
  counter: Counter | null;
  threshold: number | undefined;
}

function checkThreshold({ name, counter, threshold }: Check): { ok: boolean; text: string } | undefined {
  if (threshold === undefined) return undefined;
  if (!counter) return { ok: false, text: `${name}: the report has no ${name} data (minimum ${threshold} %)` };
  if (counter.total === 0) return { ok: false, text: `${name}: nothing measured (0 of 0), minimum ${threshold} %` };
  const ok = meets(counter, threshold);
  return { ok, text: `${name} ${formatPercent(percent(counter))} ${ok ? ">=" : "<"} ${threshold} %` };
}

function measureRow(name: string, counter: Counter | null, threshold: number | undefined): string {
  if (!counter) return `| ${name} | – | – | n/a | ${threshold ?? "–"} | ${threshold === undefined ? "" : "❌ no data"} |`;
  const verdict = threshold === undefined ? "" : meets(counter, threshold) ? "✅" : "❌";
  const pct = counter.total === 0 ? "nothing measured" : formatPercent(percent(counter));
  return `| ${name} | ${counter.covered} | ${counter.total} | ${pct} | ${threshold === undefined ? "–" : `${threshold} %`} | ${verdict} |`;
}

export function evaluateCoverage(input: CoverageGateInput): CoverageVerdict {
  const { report, thresholds } = input;
  const { lines, branches, functions } = report.totals;
  const findings: Finding[] = [];
  const failures: string[] = [];
  const passes: string[] = [];

  const checks: Check[] = [
    { name: "lines", counter: lines, threshold: thresholds.lines },
    { name: "branches", counter: branches, threshold: thresholds.branches },
    { name: "functions", counter: functions, threshold: thresholds.functions },
  ];
  if (input.patch && thresholds.patch !== undefined && input.patch.total > 0) {
    checks.push({ name: "changed lines", counter: input.patch, threshold: thresholds.patch });
  }
  for (const check of checks) {
    const outcome = checkThreshold(check);
    if (!outcome) continue;
    (outcome.ok ? passes : failures).push(outcome.text);
    if (!outcome.ok) findings.push({ level: "failure", message: outcome.text });
  }

  if (thresholds.maxDrop !== undefined && input.baseline && input.baseline.total > 0 && lines.total > 0) {
    const drop = dropPoints(input.baseline, lines);
    const text = `line coverage ${drop > 0 ? "dropped" : "changed"} by ${Math.abs(drop).toFixed(2)} points against the baseline (${formatPercent(percent(input.baseline))} -> ${formatPercent(percent(lines))}), at most ${thresholds.maxDrop} allowed`;
    if (droppedMoreThan(input.baseline, lines, thresholds.maxDrop)) {
      failures.push(text);
      findings.push({ level: "failure", message: text });
    } else passes.push(`drop ${Math.max(0, drop).toFixed(2)} <= ${thresholds.maxDrop} points`);
  }

  const floor = thresholds.perFile;
  const measuredFiles = report.files.filter((f) => f.lines.total > 0);
  if (floor !== undefined) {
    const below = measuredFiles.filter((f) => !meets(f.lines, floor));
    for (const file of below) {
      findings.push({ level: "failure", file: file.path, message: `line coverage ${formatPercent(percent(file.lines))} is below the per-file minimum of ${floor} %` });
    }
    if (below.length > 0) failures.push(`${below.length} file${below.length === 1 ? "" : "s"} below ${floor} %`);
  }

  for (const warning of report.warnings) {
    findings.push({ level: "warning", file: warning.source, line: warning.line, title: "Coverage report accepted with a problem", message: warning.message });
  }

  for (const range of input.patch?.uncovered ?? []) {
    const lineText = range.start === range.end ? `Line ${range.start} is` : `Lines ${range.start}-${range.end} are`;
    findings.push({
      level: "warning",
      file: range.file,
      line: range.start,
      endLine: range.end,
      title: "Uncovered change",
      message: `${lineText} changed in this pull request but not covered by tests.`,
    });
  }

  const nothingMeasured = lines.total === 0;
  const status: GateStatus = failures.length > 0 ? "fail" : "pass";
  const title =
    failures.length > 0
      ? failures.join("; ")
      : nothingMeasured
        ? "nothing measured (0 of 0 lines); no threshold set"
        : passes.length > 0
          ? passes.join(", ")
          : `lines ${formatPercent(percent(lines))} (no threshold set)`;

  const summary: string[] = [
    `Reports: ${input.reportFiles.map((f) => `\`${f}\``).join(", ")} (${report.format}, ${report.files.length} files)`,
    "",
    "| Measure | Covered | Total | % | Minimum | |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    measureRow("Lines", lines, thresholds.lines),
    measureRow("Branches", branches, thresholds.branches),
    measureRow("Functions", functions, thresholds.functions),
  ];
  if (input.patch) summary.push(measureRow("Changed lines", input.patch, thresholds.patch));
  if (input.patchSkipped) summary.push("", `Changed-lines coverage not measured: ${input.patchSkipped}.`);
  if (input.patch && input.patch.total === 0) summary.push("", "No changed line of this change is an executable line of the report.");
  if (input.patch && input.patch.filesNotInReport.length > 0) {
    summary.push("", `${input.patch.filesNotInReport.length} changed file(s) are not in the coverage report.`);
  }

  const worst = [...measuredFiles]
    .sort((a, b) => a.lines.covered / a.lines.total - b.lines.covered / b.lines.total || a.path.localeCompare(b.path))
    .slice(0, input.worstFiles);
  if (worst.length > 0) {
    summary.push("", "<details><summary>Least covered files</summary>", "", "| File | Lines | % |", "| --- | ---: | ---: |");
    for (const f of worst) summary.push(`| ${cell(f.path)} | ${f.lines.covered}/${f.lines.total} | ${formatPercent(percent(f.lines))} |`);
    summary.push("", "</details>");
  }

  const patchMeasure = input.patch ? measure(input.patch) : null;
  const metrics: GateResult["metrics"] = {
    lines: percent(lines),
    branches: percent(branches),
    functions: percent(functions),
    patch: patchMeasure ? patchMeasure.pct : null,
    files: report.files.length,
  };
  return {
    result: { gate: "coverage", status, title, summary: summary.join("\n"), findings, metrics },
    lines: measure(lines),
    branches: branches ? measure(branches) : null,
    functions: functions ? measure(functions) : null,
    patch: patchMeasure,
  };
}
