/** Coverage data as every parser returns it, before thresholds are applied. */
export interface Counter {
  covered: number;
  total: number;
}

export interface FileCoverage {
  /** Path as written in the report (normalised later, see normalizePath / normalizeReportPaths). */
  path: string;
  lines: Counter;
  branches: Counter | null;
  functions: Counter | null;
  /**
   * Line number -> hit count, for patch coverage and per-file floors. Empty when the format has no
   * line detail or when parsing with `lineDetail: false`. Read-only: parsers back it with typed arrays.
   */
  lineHits: ReadonlyMap<number, number>;
  /** Line number -> branches on that line (covered of total). Empty when unknown or without line detail. */
  lineBranches: ReadonlyMap<number, Counter>;
}

export const COVERAGE_FORMATS = ["lcov", "cobertura", "clover", "jacoco", "istanbul", "go"] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

export interface CoverageReport {
  format: CoverageFormat;
  /** The report's own totals, exactly as its producer computes them. */
  totals: { lines: Counter; branches: Counter | null; functions: Counter | null };
  files: FileCoverage[];
  /** Name of the report file as shown in messages (the path given by the user). */
  source: string;
  /**
   * Directories the report's file paths are relative to, as the report declares them
   * (Cobertura `<sources>`); empty for formats without them.
   */
  roots: string[];
  /**
   * What the parser accepted although the producer got it wrong (a summary line disagreeing with the
   * records, a negative count), each naming the report and its line; bounded per report.
   */
  warnings: CoverageWarning[];
}

export interface CoverageWarning {
  /** The report as named in messages. */
  source: string;
  line: number;
  message: string;
}

/** At most this many warnings are kept per report; the last one says how many more there were. */
export const MAX_WARNINGS = 20;

export function emptyCounter(): Counter {
  return { covered: 0, total: 0 };
}

export function addCounter(into: Counter, add: Counter): void {
  into.covered += add.covered;
  into.total += add.total;
}
