import type { Finding, GateResult, GateStatus } from "../core/result.ts";
import type { Counter, CoverageReport } from "./model.ts";
import { droppedMoreThan, dropPoints, formatPercent, meets, percent } from "./measure.ts";
import type { PatchCoverage } from "./patch.ts";
import { coverageSummary, coverageTitle, type CoverageLinks } from "./summary.ts";

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
  /** Line totals of the baseline report (the base commit's coverage), for the delta and maxDrop. */
  baseline?: Counter;
  /** Line counters of the baseline's files by path, for the delta of each impacted file. */
  baselineFiles?: ReadonlyMap<string, Counter>;
  /** Where links in the summary point and what the base is called; none on the CLI. */
  links?: CoverageLinks;
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
  /** Line coverage of the baseline and the change against it, in percentage points; null without a baseline. */
  base: Measure | null;
  delta: number | null;
}

/** One threshold weighed: its short verdict text, e.g. "patch 37.50 % < 80 %". */
export interface CoverageCheck {
  name: "patch" | "lines" | "drop" | "branches" | "functions" | "per-file";
  ok: boolean;
  text: string;
  /** The finding's longer message, when the text is too terse for it. */
  detail?: string;
}

function measure(counter: Counter): Measure {
  return { covered: counter.covered, total: counter.total, pct: percent(counter) };
}

function thresholdCheck(name: CoverageCheck["name"], label: string, counter: Counter | null, threshold: number | undefined): CoverageCheck | undefined {
  if (threshold === undefined) return undefined;
  if (!counter) return { name, ok: false, text: `${label}: the report has no ${label} data (minimum ${threshold} %)` };
  if (counter.total === 0) return { name, ok: false, text: `${label}: nothing measured (0 of 0), minimum ${threshold} %` };
  const ok = meets(counter, threshold);
  return { name, ok, text: `${label} ${formatPercent(percent(counter))} ${ok ? ">=" : "<"} ${threshold} %` };
}

/** The checks in the order a reviewer weighs them: the change first, then the project. */
function checksOf(input: CoverageGateInput, delta: number | null): CoverageCheck[] {
  const { report, thresholds } = input;
  const { lines, branches, functions } = report.totals;
  const checks: (CoverageCheck | undefined)[] = [];
  if (input.patch && input.patch.total > 0) checks.push(thresholdCheck("patch", "patch", input.patch, thresholds.patch));
  checks.push(thresholdCheck("lines", "lines", lines, thresholds.lines));
  if (thresholds.maxDrop !== undefined && delta !== null) {
    const drop = -delta;
    const ok = !droppedMoreThan(input.baseline!, report.totals.lines, thresholds.maxDrop);
    const detail = `line coverage ${drop > 0 ? "dropped" : "changed"} by ${Math.abs(drop).toFixed(2)} points against the baseline (${formatPercent(percent(input.baseline!))} -> ${formatPercent(percent(input.report.totals.lines))}), at most ${thresholds.maxDrop} allowed`;
    checks.push({ name: "drop", ok, detail, text: ok ? `drop ${Math.max(0, drop).toFixed(2)} <= ${thresholds.maxDrop} pts` : `drop ${drop.toFixed(2)} pts > ${thresholds.maxDrop} allowed` });
  }
  checks.push(thresholdCheck("branches", "branches", branches, thresholds.branches));
  checks.push(thresholdCheck("functions", "functions", functions, thresholds.functions));
  if (thresholds.perFile !== undefined) {
    const below = report.files.filter((f) => f.lines.total > 0 && !meets(f.lines, thresholds.perFile!)).length;
    checks.push({ name: "per-file", ok: below === 0, text: below === 0 ? `every file >= ${thresholds.perFile} %` : `${below} file${below === 1 ? "" : "s"} below ${thresholds.perFile} %` });
  }
  return checks.filter((c): c is CoverageCheck => c !== undefined);
}

export function evaluateCoverage(input: CoverageGateInput): CoverageVerdict {
  const { report, thresholds } = input;
  const { lines, branches, functions } = report.totals;
  const delta = input.baseline && input.baseline.total > 0 && lines.total > 0 ? -dropPoints(input.baseline, lines) : null;
  const checks = checksOf(input, delta);
  // Files below the per-file floor are findings of their own, below.
  const findings: Finding[] = checks.filter((c) => !c.ok && c.name !== "per-file").map((c) => ({ level: "failure", message: c.detail ?? c.text }));

  const floor = thresholds.perFile;
  if (floor !== undefined) {
    for (const file of report.files.filter((f) => f.lines.total > 0 && !meets(f.lines, floor))) {
      findings.push({ level: "failure", file: file.path, message: `line coverage ${formatPercent(percent(file.lines))} is below the per-file minimum of ${floor} %` });
    }
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

  const status: GateStatus = checks.some((c) => !c.ok) ? "fail" : "pass";
  const patchMeasure = input.patch ? measure(input.patch) : null;
  const base = input.baseline ? measure(input.baseline) : null;
  const verdict: Omit<CoverageVerdict, "result"> = {
    lines: measure(lines),
    branches: branches ? measure(branches) : null,
    functions: functions ? measure(functions) : null,
    patch: patchMeasure,
    base,
    delta,
  };
  const metrics: GateResult["metrics"] = {
    lines: percent(lines),
    branches: percent(branches),
    functions: percent(functions),
    patch: patchMeasure ? patchMeasure.pct : null,
    base: base ? base.pct : null,
    delta,
    files: report.files.length,
  };
  const view = { ...verdict, input, checks };
  return {
    result: { gate: "coverage", status, title: coverageTitle(view), summary: coverageSummary(view), findings, metrics, findingsShown: true },
    ...verdict,
  };
}
