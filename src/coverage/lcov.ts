import { UserError } from "../core/errors.ts";
import { indexIn, scanEnd, scanNumber, scanUnsigned, skipTo } from "./bytes.ts";
import { BranchTable } from "./branch-table.ts";
import { LineTable, MAX_LINE_NUMBER, NO_BRANCHES, NO_LINES } from "./line-table.ts";
import { addCounter, emptyCounter, type Counter, type CoverageReport, type FileCoverage } from "./model.ts";
import { lineEndIn, readLineBlocks, type LineBlockHandler } from "./read-lines.ts";
import { WarningList } from "./warnings.ts";

/**
 * lcov tracefiles (geninfo/lcov 1.x and 2.x, istanbul, c8, coverage.py, llvm-cov, bun, ...).
 *
 * Totals are counted from the records (DA lines, BRDA branches, FN/FNDA functions), as
 * `lcov --summary` counts them: raw `lcov --capture` output has no LF/LH summary lines at all, and
 * where summary lines exist the records win, because writers get them wrong: coverage.py's LF
 * counts statements while its LH counts executed lines including docstrings (LH:12 of LF:15 where
 * DA says 12 of 16, and on some files LH above LF). Summary lines that disagree with the records are
 * therefore accepted with a warning naming their line, and the records counted; a record's summary
 * lines count only when it has no records of that kind (summaries-only writers). LH without LF is
 * an error.
 *
 * A negative count (vitest's v8 provider writes `BRDA:83,9,1,-4`, an upstream bug) or a NaN one is a
 * warning and counts as not covered, as istanbul, which wrote it, counts it (covered: a count above 0).
 *
 * Several SF records of one file (tracefiles concatenated from several test runs) merge by line:
 * a line counts once and is covered if any record covers it; branches merge by (line, block, branch)
 * and functions by name the same way.
 */

interface SummaryCounts {
  lines: Counter;
  branches: Counter;
  functions: Counter;
}

interface LcovFile {
  path: string;
  lines: LineTable;
  /** (line, block, branch) -> times taken (0 for "-": not taken). */
  branches: BranchTable;
  /** Function name (or FNL start/end) -> calls. */
  functions: Map<string, number>;
  /** Summary lines of records that had no detail records of that kind. */
  summaryOnly: SummaryCounts;
  sawBranches: boolean;
  sawFunctions: boolean;
}

interface OpenRecord {
  file: LcovFile;
  startLine: number;
  lineRecords: number;
  linesHit: number;
  branchRecords: number;
  branchesHit: number;
  functionRecords: number;
  summary: Record<SummaryKey, number>;
  /** The line of the tracefile each summary key was read from. */
  summaryLine: Record<SummaryKey, number>;
  /** FNL index -> function key, for lcov 2.2's FNA records. */
  functionIndex: Map<number, string> | null;
}

const SUMMARY_KEYS = ["LF", "LH", "BRF", "BRH", "FNF", "FNH"] as const;
type SummaryKey = (typeof SUMMARY_KEYS)[number];

export class LcovParser implements LineBlockHandler {
  lineNumber = 0;
  private readonly files = new Map<string, LcovFile>();
  private record: OpenRecord | null = null;
  private recordCount = 0;
  private readonly displayName: string;
  private readonly lineDetail: boolean;
  private readonly warnings: WarningList;

  constructor(displayName: string, lineDetail: boolean) {
    this.displayName = displayName;
    this.lineDetail = lineDetail;
    this.warnings = new WarningList(displayName);
  }

  /**
   * The complete lines of a block. DA lines, most of a tracefile, are read in the pass that finds their end
   * ("DA:<line>,<hits>" and a newline, digits only); any other line, or a DA line of another shape, goes the
   * general way, which reads (or rejects) it with the same result.
   */
  block(buffer: Buffer, start: number, end: number): number {
    let position = start;
    let lineNumber = this.lineNumber;
    for (;;) {
      const record = this.record;
      if (record !== null && buffer[position] === 68 && buffer[position + 1] === 65 && buffer[position + 2] === 58) {
        let cursor = position + 3;
        let line = 0;
        let digit: number;
        while (cursor < end && (digit = buffer[cursor]! - 48) >= 0 && digit <= 9) {
          line = line * 10 + digit;
          cursor++;
        }
        if (cursor > position + 3 && cursor < end && buffer[cursor] === 44 && line <= MAX_LINE_NUMBER) {
          const countStart = ++cursor;
          let hits = 0;
          while (cursor < end && (digit = buffer[cursor]! - 48) >= 0 && digit <= 9) {
            hits = hits * 10 + digit;
            cursor++;
          }
          const digits = cursor - countStart;
          if (cursor < end && buffer[cursor] === 13) cursor++;
          if (digits > 0 && cursor < end && buffer[cursor] === 10) {
            lineNumber++;
            record.file.lines.add(line, hits);
            record.lineRecords++;
            if (hits > 0) record.linesHit++;
            position = cursor + 1;
            continue;
          }
        }
      }
      const newline = lineEndIn(buffer, position, end);
      if (newline === -1) break;
      this.lineNumber = ++lineNumber;
      this.line(buffer, position, newline > position && buffer[newline - 1] === 13 ? newline - 1 : newline, lineNumber);
      position = newline + 1;
    }
    this.lineNumber = lineNumber;
    return position;
  }

  last(buffer: Buffer, start: number, end: number): void {
    this.line(buffer, start, end, ++this.lineNumber);
  }

  readonly line = (buffer: Buffer, start: number, end: number, lineNumber: number): void => {
    const first = buffer[start];
    if (first === 68 && buffer[start + 1] === 65 && buffer[start + 2] === 58) {
      this.lineRecord(buffer, start + 3, end, lineNumber);
    } else if (first === 66 && buffer[start + 1] === 82 && buffer[start + 2] === 68 && buffer[start + 3] === 65 && buffer[start + 4] === 58) {
      this.branchRecord(buffer, start + 5, end, lineNumber);
    } else if (first === 70 && buffer[start + 1] === 78) {
      this.functionRecord(buffer, start, end, lineNumber);
    } else if (first === 83 && buffer[start + 1] === 70 && buffer[start + 2] === 58) {
      this.startRecord(buffer.toString("utf8", start + 3, end), lineNumber);
    } else if (first === 101 && end - start === 13 && buffer.toString("latin1", start, end) === "end_of_record") {
      this.endRecord(lineNumber);
    } else {
      this.otherRecord(buffer, start, end, lineNumber);
    }
  };

  finish(): CoverageReport {
    if (this.record !== null) {
      throw new UserError(
        `${this.displayName}:${this.record.startLine}: the record for "${this.record.file.path}" has no end_of_record; the file is truncated`,
      );
    }
    if (this.recordCount === 0) throw new UserError(`${this.displayName}: no SF records; not an lcov tracefile with data`);
    const totals = { lines: emptyCounter(), branches: emptyCounter(), functions: emptyCounter() };
    let anyBranches = false;
    let anyFunctions = false;
    const files: FileCoverage[] = [];
    for (const file of this.files.values()) {
      const lines = file.lines.counter();
      addCounter(lines, file.summaryOnly.lines);
      const branches = file.sawBranches ? file.branches.counter() : null;
      if (branches) addCounter(branches, file.summaryOnly.branches);
      const functions = file.sawFunctions ? countHits(file.functions, file.summaryOnly.functions) : null;
      addCounter(totals.lines, lines);
      if (branches) addCounter(totals.branches, branches);
      if (functions) addCounter(totals.functions, functions);
      anyBranches ||= file.sawBranches;
      anyFunctions ||= file.sawFunctions;
      files.push({
        path: file.path,
        lines,
        branches,
        functions,
        lineHits: this.lineDetail ? file.lines : NO_LINES,
        lineBranches: this.lineDetail ? file.branches : NO_BRANCHES,
      });
    }
    return {
      format: "lcov",
      totals: { lines: totals.lines, branches: anyBranches ? totals.branches : null, functions: anyFunctions ? totals.functions : null },
      files,
      source: this.displayName,
      roots: [],
      warnings: this.warnings.list(),
    };
  }

  private fail(lineNumber: number, message: string): never {
    throw new UserError(`${this.displayName}:${lineNumber}: ${message}`);
  }

  private open(lineNumber: number, kind: string): OpenRecord {
    if (this.record === null) this.fail(lineNumber, `${kind} record outside a file record (no SF: line before it)`);
    return this.record;
  }

  private startRecord(path: string, lineNumber: number): void {
    if (this.record !== null) {
      this.fail(lineNumber, `SF: line inside the record for "${this.record.file.path}" started at line ${this.record.startLine}, which has no end_of_record`);
    }
    if (path.length === 0) this.fail(lineNumber, "SF: line without a file path");
    let file = this.files.get(path);
    if (file === undefined) {
      file = {
        path,
        lines: new LineTable(this.lineDetail),
        branches: new BranchTable(),
        functions: new Map(),
        summaryOnly: { lines: emptyCounter(), branches: emptyCounter(), functions: emptyCounter() },
        sawBranches: false,
        sawFunctions: false,
      };
      this.files.set(path, file);
    }
    this.record = {
      file,
      startLine: lineNumber,
      lineRecords: 0,
      linesHit: 0,
      branchRecords: 0,
      branchesHit: 0,
      functionRecords: 0,
      summary: { LF: -1, LH: -1, BRF: -1, BRH: -1, FNF: -1, FNH: -1 },
      summaryLine: { LF: 0, LH: 0, BRF: 0, BRH: 0, FNF: 0, FNH: 0 },
      functionIndex: null,
    };
  }

  private endRecord(lineNumber: number): void {
    const record = this.open(lineNumber, "end_of_record");
    const { file, summary } = record;
    for (const [hit, found] of [["LH", "LF"], ["BRH", "BRF"], ["FNH", "FNF"]] as const) {
      if ((summary[hit] >= 0) !== (summary[found] >= 0)) {
        this.fail(lineNumber, `the record for "${file.path}" has ${summary[hit] >= 0 ? hit : found} without ${summary[hit] >= 0 ? found : hit}`);
      }
    }
    this.checkSummary(record, "LH", "LF", record.lineRecords, record.linesHit, "DA");
    this.checkSummary(record, "BRH", "BRF", record.branchRecords, record.branchesHit, "BRDA");
    if (record.functionRecords === 0 && summary.FNH > summary.FNF) {
      this.warnings.add(record.summaryLine.FNH, `FNH:${summary.FNH} is more than FNF:${summary.FNF} for "${file.path}"; counted as ${summary.FNF} of ${summary.FNF}`);
    } else if (summary.FNH > summary.FNF) {
      this.warnings.add(record.summaryLine.FNH, `FNH:${summary.FNH} is more than FNF:${summary.FNF} for "${file.path}"; counted from the FN/FNDA records instead`);
    }
    if (record.lineRecords === 0 && summary.LF > 0) {
      addCounter(file.summaryOnly.lines, { covered: Math.min(Math.max(summary.LH, 0), summary.LF), total: summary.LF });
    }
    if (summary.BRF >= 0) file.sawBranches = true;
    if (record.branchRecords === 0 && summary.BRF > 0) {
      addCounter(file.summaryOnly.branches, { covered: Math.min(Math.max(summary.BRH, 0), summary.BRF), total: summary.BRF });
    }
    if (summary.FNF >= 0) file.sawFunctions = true;
    if (record.functionRecords === 0 && summary.FNF > 0) {
      addCounter(file.summaryOnly.functions, { covered: Math.min(Math.max(summary.FNH, 0), summary.FNF), total: summary.FNF });
    }
    file.lines.compact();
    file.branches.compact();
    this.record = null;
    this.recordCount++;
  }

  /**
   * Warns when a record's declared LH/LF (or BRH/BRF) disagree with its own detail records, which are
   * what is counted; without detail records the summary is counted, capped at its total.
   */
  private checkSummary(record: OpenRecord, hit: "LH" | "BRH", found: "LF" | "BRF", records: number, recordsHit: number, kind: string): void {
    const { summary, summaryLine, file } = record;
    if (summary[found] < 0) return;
    if (records === 0) {
      if (summary[hit] > summary[found]) {
        this.warnings.add(summaryLine[hit], `${hit}:${summary[hit]} is more than ${found}:${summary[found]} for "${file.path}", which has no ${kind} records; counted as ${summary[found]} of ${summary[found]}`);
      }
      return;
    }
    if (summary[hit] === recordsHit && summary[found] === records) return;
    const problem = summary[hit] > summary[found] ? `${hit}:${summary[hit]} is more than ${found}:${summary[found]}` : `${found}:${summary[found]} ${hit}:${summary[hit]} disagree with the ${kind} records`;
    this.warnings.add(summaryLine[hit], `${problem} for "${file.path}"; counted from its ${kind} records: ${recordsHit} of ${records}`);
  }

  /**
   * A count at `buffer[start]`: a negative one is a warning and counts as 0 (not covered); -1 when
   * malformed. `scanEnd` is left just after it.
   */
  private count(buffer: Buffer, start: number, end: number, lineNumber: number, recordStart: number): number {
    const first = buffer[start];
    let problem: string;
    if (first === 45) {
      if (scanNumber(buffer, start + 1, end) < 0) return -1;
      problem = "a negative count";
    } else if (first === 78 && buffer[start + 1] === 97 && buffer[start + 2] === 78 && (start + 3 === end || buffer[start + 3] === 44)) {
      // vitest 4's v8 provider writes "NaN" counts for some Vue single-file components.
      problem = "a count that is not a number";
      skipTo(start + 3);
    } else {
      return scanNumber(buffer, start, end);
    }
    const text = buffer.toString("utf8", recordStart, Math.min(end, recordStart + 80)).replace(/[^\x20-\x7e]/g, "?");
    this.warnings.add(lineNumber, `"${text}" has ${problem}; counted as not covered`);
    return 0;
  }

  /** DA:<line>,<hits>[,<checksum>] */
  private lineRecord(buffer: Buffer, start: number, end: number, lineNumber: number): void {
    const record = this.open(lineNumber, "DA:");
    const line = scanUnsigned(buffer, start, end);
    let position = scanEnd;
    if (line < 0 || buffer[position] !== 44 || line > MAX_LINE_NUMBER) this.badRecord(buffer, start - 3, end, lineNumber);
    const hits = this.count(buffer, position + 1, end, lineNumber, start - 3);
    position = scanEnd;
    if (hits < 0 || (position < end && buffer[position] !== 44)) this.badRecord(buffer, start - 3, end, lineNumber);
    record.file.lines.add(line, hits);
    record.lineRecords++;
    if (hits > 0) record.linesHit++;
  }

  /** BRDA:<line>,<block>,<branch>,<taken> where taken is a count or "-" (never evaluated). */
  private branchRecord(buffer: Buffer, start: number, end: number, lineNumber: number): void {
    const record = this.open(lineNumber, "BRDA:");
    let lastComma = end - 1;
    while (lastComma > start && buffer[lastComma] !== 44) lastComma--;
    const line = scanUnsigned(buffer, start, end);
    const position = scanEnd;
    if (line < 0 || buffer[position] !== 44 || position >= lastComma || line > MAX_LINE_NUMBER) {
      this.badRecord(buffer, start - 5, end, lineNumber);
    }
    let taken: number;
    if (end - lastComma === 2 && buffer[lastComma + 1] === 45) {
      taken = 0;
    } else {
      taken = this.count(buffer, lastComma + 1, end, lineNumber, start - 5);
      if (taken < 0 || scanEnd !== end) this.badRecord(buffer, start - 5, end, lineNumber);
    }
    if (taken > 0) record.branchesHit++;
    const branches = record.file.branches;
    const block = scanUnsigned(buffer, position + 1, lastComma);
    const branch = block >= 0 && buffer[scanEnd] === 44 ? scanUnsigned(buffer, scanEnd + 1, lastComma) : -1;
    let key = branch >= 0 && scanEnd === lastComma ? BranchTable.numericKey(block, branch) : -1;
    if (key < 0) key = branches.keyOf(buffer.toString("latin1", position + 1, lastComma));
    branches.add(line, key, taken);
    record.file.sawBranches = true;
    record.branchRecords++;
  }

  /** FN:<line>,<name> (lcov 1.x), FN:<start>,<end>,<name> (2.x), FNDA:<hits>,<name>, FNL/FNA (2.2), FNF/FNH. */
  private functionRecord(buffer: Buffer, start: number, end: number, lineNumber: number): void {
    const record = this.open(lineNumber, "FN");
    const file = record.file;
    const third = buffer[start + 2];
    if (third === 58) {
      const line = scanUnsigned(buffer, start + 3, end);
      if (line < 0 || buffer[scanEnd] !== 44) this.badRecord(buffer, start, end, lineNumber);
      let nameStart = scanEnd + 1;
      const endLine = scanUnsigned(buffer, nameStart, end);
      if (endLine >= 0 && buffer[scanEnd] === 44) nameStart = scanEnd + 1;
      if (nameStart >= end) this.badRecord(buffer, start, end, lineNumber);
      const name = buffer.toString("utf8", nameStart, end);
      if (!file.functions.has(name)) file.functions.set(name, 0);
    } else if (third === 68 && buffer[start + 3] === 65 && buffer[start + 4] === 58) {
      const hits = this.count(buffer, start + 5, end, lineNumber, start);
      if (hits < 0 || buffer[scanEnd] !== 44 || scanEnd + 1 >= end) this.badRecord(buffer, start, end, lineNumber);
      const name = buffer.toString("utf8", scanEnd + 1, end);
      file.functions.set(name, (file.functions.get(name) ?? 0) + hits);
    } else if (third === 76 && buffer[start + 3] === 58) {
      const index = scanUnsigned(buffer, start + 4, end);
      if (index < 0 || buffer[scanEnd] !== 44) this.badRecord(buffer, start, end, lineNumber);
      const key = `\u0000${buffer.toString("latin1", scanEnd + 1, end)}`;
      record.functionIndex ??= new Map();
      record.functionIndex.set(index, key);
      if (!file.functions.has(key)) file.functions.set(key, 0);
    } else if (third === 65 && buffer[start + 3] === 58) {
      const index = scanUnsigned(buffer, start + 4, end);
      if (index < 0 || buffer[scanEnd] !== 44) this.badRecord(buffer, start, end, lineNumber);
      const hits = this.count(buffer, scanEnd + 1, end, lineNumber, start);
      if (hits < 0) this.badRecord(buffer, start, end, lineNumber);
      const key = record.functionIndex?.get(index);
      if (key === undefined) this.fail(lineNumber, `FNA: record for function index ${index} without an FNL: record before it`);
      file.functions.set(key, (file.functions.get(key) ?? 0) + hits);
    } else {
      this.otherRecord(buffer, start, end, lineNumber);
      return;
    }
    file.sawFunctions = true;
    record.functionRecords++;
  }

  /** Summary lines (LF, LH, ...), TN:, VER: and records this parser has no use for; anything else is an error. */
  private otherRecord(buffer: Buffer, start: number, end: number, lineNumber: number): void {
    let position = start;
    while (position < end && buffer[position]! >= 65 && buffer[position]! <= 90) position++;
    if (position === start || position >= end || buffer[position] !== 58) {
      if (indexIn(buffer, 0, start, end) >= 0) this.fail(lineNumber, "binary data in an lcov tracefile");
      let blank = true;
      for (let index = start; index < end && blank; index++) blank = buffer[index] === 32 || buffer[index] === 9;
      if (blank) return;
      this.badRecord(buffer, start, end, lineNumber);
    }
    const key = buffer.toString("latin1", start, position);
    if ((SUMMARY_KEYS as readonly string[]).includes(key)) {
      const record = this.open(lineNumber, `${key}:`);
      const value = scanUnsigned(buffer, position + 1, end);
      if (value < 0 || scanEnd !== end) this.badRecord(buffer, start, end, lineNumber);
      record.summary[key as SummaryKey] = value;
      record.summaryLine[key as SummaryKey] = lineNumber;
    }
  }

  private badRecord(buffer: Buffer, start: number, end: number, lineNumber: number): never {
    const text = buffer.toString("utf8", start, Math.min(end, start + 80)).replace(/[^\x20-\x7e]/g, "?");
    this.fail(lineNumber, `malformed lcov record "${text}"`);
  }
}

function countHits(hits: Map<string, number>, summaryOnly: Counter): Counter {
  let covered = 0;
  for (const count of hits.values()) if (count > 0) covered++;
  return { covered: covered + summaryOnly.covered, total: hits.size + summaryOnly.total };
}

export async function parseLcov(file: string, displayName: string, lineDetail: boolean): Promise<CoverageReport> {
  const parser = new LcovParser(displayName, lineDetail);
  await readLineBlocks(file, displayName, parser);
  return parser.finish();
}
