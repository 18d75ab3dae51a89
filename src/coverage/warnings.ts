import { MAX_WARNINGS, type CoverageWarning } from "./model.ts";

/**
 * The warnings of one report, kept to MAX_WARNINGS: a report with a million negative counts says so
 * in a bounded list whose last entry tells how many were left out.
 */
export class WarningList {
  private readonly kept: CoverageWarning[] = [];
  private left = 0;
  private readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  add(line: number, message: string): void {
    if (this.kept.length < MAX_WARNINGS) this.kept.push({ source: this.source, line, message });
    else this.left++;
  }

  list(): CoverageWarning[] {
    if (this.left === 0) return this.kept;
    const last = this.kept.at(-1)!;
    return [...this.kept, { source: this.source, line: last.line, message: `${this.left} more warning${this.left === 1 ? "" : "s"} like the ones above after this line` }];
  }
}
