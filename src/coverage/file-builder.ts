import { LineBranches } from "./line-branches.ts";
import { LineTable, MAX_LINE_NUMBER, NO_BRANCHES, NO_LINES } from "./line-table.ts";
import type { Counter, FileCoverage } from "./model.ts";

/**
 * Collects one file's lines from XML reports, where a file can appear in several elements
 * (one Cobertura <class> per class of a source file): lines merge by number, never counted twice.
 */
export class FileBuilder {
  readonly path: string;
  readonly lines: LineTable;
  private readonly branches = new LineBranches();
  /** Function key -> covered; a function listed again is covered if any listing covers it. */
  private readonly functions = new Map<string, boolean>();
  private readonly lineDetail: boolean;

  constructor(path: string, lineDetail: boolean) {
    this.path = path;
    this.lineDetail = lineDetail;
    this.lines = new LineTable(lineDetail);
  }

  /** Drops the line table's growth slack when the element describing the file closes. */
  compact(): void {
    this.lines.compact();
  }

  /** Returns false when the line number is out of range (the caller names the line in its error). */
  addLine(line: number, hits: number): boolean {
    if (!Number.isInteger(line) || line > MAX_LINE_NUMBER) return false;
    this.lines.add(line, hits);
    return true;
  }

  /** Branches on one line; a line listed again keeps the better-covered of the two. */
  addBranches(line: number, covered: number, total: number): void {
    const previous = this.branches.coveredOf(line);
    if (previous < 0 || covered > previous || (covered === previous && total > this.branches.totalOf(line))) {
      this.branches.set(line, covered, total);
    }
  }

  addFunction(key: string, covered: boolean): void {
    if (covered || !this.functions.has(key)) this.functions.set(key, covered);
  }

  functionCounter(): Counter {
    let covered = 0;
    for (const isCovered of this.functions.values()) if (isCovered) covered++;
    return { covered, total: this.functions.size };
  }

  branchCounter(): Counter {
    return this.branches.sum();
  }

  build(counters: { lines?: Counter; branches: Counter | null; functions: Counter | null }): FileCoverage {
    return {
      path: this.path,
      lines: counters.lines ?? this.lines.counter(),
      branches: counters.branches,
      functions: counters.functions,
      lineHits: this.lineDetail ? this.lines : NO_LINES,
      lineBranches: this.lineDetail && this.branches.size > 0 ? this.branches : NO_BRANCHES,
    };
  }
}
