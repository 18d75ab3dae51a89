import type { Finding, GateResult, GateStatus } from "../core/result.ts";
import type { RunContext } from "../core/run-context.ts";
import { capText, capTitle, GITHUB_LIMITS } from "./limits.ts";
import { terminalLine, terminalText } from "./neutralise.ts";
import { checkRunTitle, summaryMarkdown } from "./summary.ts";

/** GitHub takes at most 50 annotations per check-run request. */
export const ANNOTATIONS_PER_REQUEST = GITHUB_LIMITS.annotationsPerRequest;

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

export interface CheckRunOutput {
  conclusion: "success" | "failure" | "neutral" | "skipped";
  title: string;
  summary: string;
  /** Annotation batches of at most 50; the first goes with the create request, the rest with updates. */
  batches: CheckAnnotation[][];
  /** Annotations not sent because of the cap. */
  omitted: number;
}

const conclusions: Record<GateStatus, CheckRunOutput["conclusion"]> = {
  pass: "success",
  warn: "neutral",
  fail: "failure",
  skip: "skipped",
};

export function toAnnotation(finding: Finding): CheckAnnotation | undefined {
  if (!finding.file || !finding.line) return undefined;
  return {
    path: finding.file,
    start_line: finding.line,
    end_line: finding.endLine ?? finding.line,
    annotation_level: finding.level,
    // Annotations are plain text on GitHub: only control characters and escapes can act there.
    message: capText(terminalText(finding.message), GITHUB_LIMITS.annotationMessageBytes, "the job summary of the run", "bytes"),
    ...(finding.title ? { title: capTitle(terminalLine(finding.title), GITHUB_LIMITS.annotationTitle) } : {}),
  };
}

/**
 * The check run for a set of gate results: conclusion, a title that fits the checks list, the summary below it
 * (GitHub shows the title as its heading) and annotation batches (capped).
 */
export function checkRunOutput(status: GateStatus, results: GateResult[], maxAnnotations: number, run?: RunContext): CheckRunOutput {
  const annotations = results.flatMap((r) => r.findings.map(toAnnotation).filter((a): a is CheckAnnotation => a !== undefined));
  const kept = annotations.slice(0, maxAnnotations);
  const omitted = annotations.length - kept.length;
  const notes = omitted > 0 ? [`${omitted} of ${annotations.length} annotations were left out (cap ${maxAnnotations}).`] : [];
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < kept.length; i += ANNOTATIONS_PER_REQUEST) batches.push(kept.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return {
    conclusion: conclusions[status],
    title: capTitle(terminalLine(checkRunTitle(results)), GITHUB_LIMITS.checkRunSummary),
    summary: capText(summaryMarkdown(results, { notes, withoutHeading: true, ...(run ? { run } : {}) }), GITHUB_LIMITS.checkRunSummary, "the job summary of the run"),
    batches,
    omitted,
  };
}
