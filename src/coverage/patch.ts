import type { ChangedLines } from "../git/unified-diff.ts";
import type { CoverageReport } from "./model.ts";

export interface LineRange {
  file: string;
  start: number;
  end: number;
}

/** Coverage of the lines a change adds: only changed lines the report knows as executable count. */
export interface FilePatch {
  file: string;
  covered: number;
  total: number;
}

export interface PatchCoverage {
  covered: number;
  total: number;
  uncovered: LineRange[];
  /** Per changed file of the report with at least one executable changed line: its share of the patch. */
  files: FilePatch[];
  /** Changed files the coverage report does not mention (not instrumented, or not source). */
  filesNotInReport: string[];
}

function toRanges(file: string, lines: number[]): LineRange[] {
  const ranges: LineRange[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && line === last.end + 1) last.end = line;
    else ranges.push({ file, start: line, end: line });
  }
  return ranges;
}

export function patchCoverage(report: CoverageReport, changed: ChangedLines): PatchCoverage {
  const byPath = new Map(report.files.map((f) => [f.path, f]));
  const result: PatchCoverage = { covered: 0, total: 0, uncovered: [], files: [], filesNotInReport: [] };
  for (const [path, lines] of [...changed].sort(([a], [b]) => a.localeCompare(b))) {
    if (lines.length === 0) continue;
    const file = byPath.get(path);
    if (!file) {
      result.filesNotInReport.push(path);
      continue;
    }
    const missed: number[] = [];
    const own: FilePatch = { file: path, covered: 0, total: 0 };
    for (const line of new Set(lines)) {
      const hits = file.lineHits.get(line);
      if (hits === undefined) continue;
      own.total++;
      if (hits > 0) own.covered++;
      else missed.push(line);
    }
    result.total += own.total;
    result.covered += own.covered;
    if (own.total > 0) result.files.push(own);
    result.uncovered.push(...toRanges(path, missed));
  }
  return result;
}
