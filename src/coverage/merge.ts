import { FileBuilder } from "./file-builder.ts";
import { addCounter, emptyCounter, type Counter, type CoverageReport, type FileCoverage } from "./model.ts";
import { normalizeReportPath, type PathContext } from "./paths.ts";

type Totals = CoverageReport["totals"];

/**
 * Merges reports (a monorepo's packages, sharded test jobs) into one, naming files by their
 * repository-relative path when `context` is given.
 *
 * Totals stay the producers' own: a file that appears once keeps its counters and the reports'
 * totals add up. A file that appears several times (two jobs testing the same code, "./a.ts" and
 * "a.ts" in one report) is merged by line: a line counts once, covered if any report covers it;
 * branches per line keep the better-covered report's count. Those files' merged counters replace
 * their parts in the totals. Without line detail (lineDetail: false) the best-covered copy stands in
 * for the union, and functions of repeated files always do (no format names functions portably).
 */
export function mergeReports(reports: readonly CoverageReport[], context?: PathContext): CoverageReport {
  if (reports.length === 0) throw new Error("mergeReports needs at least one report");
  const groups = new Map<string, FileCoverage[]>();
  for (const report of reports) {
    for (const file of report.files) {
      const path = context === undefined ? file.path : normalizeReportPath(file.path, report.roots, context);
      const group = groups.get(path);
      if (group === undefined) groups.set(path, [{ ...file, path }]);
      else group.push({ ...file, path });
    }
  }

  const totals: Totals = { lines: emptyCounter(), branches: null, functions: null };
  for (const report of reports) addTotals(totals, report.totals);
  const files: FileCoverage[] = [];
  for (const [path, group] of groups) {
    if (group.length === 1) {
      files.push(group[0]!);
      continue;
    }
    const merged = mergeFile(path, group);
    files.push(merged);
    // Replace the parts' contribution to the totals with the merged file's.
    for (const part of group) subtractTotals(totals, part);
    addTotals(totals, merged);
  }
  const [first] = reports;
  return {
    format: first!.format,
    totals,
    files,
    source: reports.map((report) => report.source).join(", "),
    roots: context === undefined && reports.length === 1 ? first!.roots : [],
    warnings: reports.flatMap((report) => report.warnings),
  };
}

function mergeFile(path: string, group: FileCoverage[]): FileCoverage {
  const withDetail = group.every((file) => file.lines.total === 0 || file.lineHits.size > 0);
  const builder = new FileBuilder(path, true);
  for (const file of group) {
    for (const [line, hits] of file.lineHits) builder.addLine(line, hits);
    for (const [line, counter] of file.lineBranches) builder.addBranches(line, counter.covered, counter.total);
  }
  const branchDetail = group.every((file) => file.branches === null || file.branches.total === 0 || file.lineBranches.size > 0);
  const lines = withDetail ? builder.lines.counter() : best(group.map((file) => file.lines));
  const branchParts = group.map((file) => file.branches).filter((counter) => counter !== null);
  const branches = branchParts.length === 0 ? null : branchDetail ? builder.branchCounter() : best(branchParts);
  const functionParts = group.map((file) => file.functions).filter((counter) => counter !== null);
  const functions = functionParts.length === 0 ? null : best(functionParts);
  const built = builder.build({ lines, branches, functions });
  return withDetail ? built : { ...built, lineHits: new Map(), lineBranches: new Map() };
}

/** The best-covered counter, for when the parts cannot be merged line by line. */
function best(counters: Counter[]): Counter {
  let chosen = counters[0]!;
  for (const counter of counters) {
    const ratio = counter.total === 0 ? 0 : counter.covered / counter.total;
    const chosenRatio = chosen.total === 0 ? 0 : chosen.covered / chosen.total;
    if (ratio > chosenRatio || (ratio === chosenRatio && counter.total > chosen.total)) chosen = counter;
  }
  return { ...chosen };
}

function addTotals(into: Totals, add: { lines: Counter; branches: Counter | null; functions: Counter | null }): void {
  addCounter(into.lines, add.lines);
  if (add.branches !== null) addCounter((into.branches ??= emptyCounter()), add.branches);
  if (add.functions !== null) addCounter((into.functions ??= emptyCounter()), add.functions);
}

function subtractTotals(from: Totals, part: { lines: Counter; branches: Counter | null; functions: Counter | null }): void {
  from.lines.covered -= part.lines.covered;
  from.lines.total -= part.lines.total;
  if (part.branches !== null && from.branches !== null) {
    from.branches.covered -= part.branches.covered;
    from.branches.total -= part.branches.total;
  }
  if (part.functions !== null && from.functions !== null) {
    from.functions.covered -= part.functions.covered;
    from.functions.total -= part.functions.total;
  }
}
