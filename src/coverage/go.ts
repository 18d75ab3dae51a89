import { UserError } from "../core/errors.ts";
import { scanEnd, scanUnsigned } from "./bytes.ts";
import { LineTable, MAX_LINE_NUMBER, NO_BRANCHES, NO_LINES } from "./line-table.ts";
import { addCounter, emptyCounter, type CoverageReport, type FileCoverage } from "./model.ts";
import { readLines } from "./read-lines.ts";

/**
 * Go coverprofiles (`go test -coverprofile`, modes set, count and atomic):
 * `mode: set` then `path/file.go:startLine.startCol,endLine.endCol numStatements count` per block.
 *
 * Totals are statements, as `go tool cover -func` reports them. With -coverpkg every test binary
 * writes every covered package's blocks, so one block appears many times: blocks at the same
 * position merge as Go's own tooling merges them (set: covered if any copy is; count/atomic: counts
 * add up), and their statements count once. Concatenated profiles may repeat the mode line.
 *
 * Line detail: a line's hits are the highest count of the blocks spanning it.
 */

interface Block {
  startLine: number;
  endLine: number;
  statements: number;
  count: number;
}

export async function parseGo(file: string, displayName: string, lineDetail: boolean): Promise<CoverageReport> {
  let mode = "";
  const files = new Map<string, Map<string, Block>>();
  const fail = (lineNumber: number, message: string): never => {
    throw new UserError(`${displayName}:${lineNumber}: ${message}`);
  };

  await readLines(file, displayName, (buffer, start, end, lineNumber) => {
    if (end === start) return;
    if (buffer[start] === 109 && buffer.toString("latin1", start, Math.min(end, start + 5)) === "mode:") {
      const lineMode = buffer.toString("latin1", start + 5, end).trim();
      if (lineMode !== "set" && lineMode !== "count" && lineMode !== "atomic") fail(lineNumber, `unknown coverage mode "${lineMode}"; expected set, count or atomic`);
      if (mode !== "" && lineMode !== mode) fail(lineNumber, `mode "${lineMode}" differs from the profile's mode "${mode}"`);
      mode = lineMode;
      return;
    }
    if (mode === "") fail(lineNumber, 'a Go coverprofile starts with a "mode:" line');
    const bad = (): never => fail(lineNumber, `malformed coverprofile block "${buffer.toString("utf8", start, Math.min(end, start + 120))}"`);
    // Parse from the end: the path may contain spaces and colons, the numbers never do.
    let countStart = end;
    while (countStart > start && buffer[countStart - 1] !== 32) countStart--;
    let statementsStart = countStart - 1;
    while (statementsStart > start && buffer[statementsStart - 1] !== 32) statementsStart--;
    let colon = statementsStart - 1;
    while (colon > start && buffer[colon] !== 58) colon--;
    if (countStart <= start || statementsStart <= start || colon <= start) bad();
    const count = scanUnsigned(buffer, countStart, end);
    if (count < 0 || scanEnd !== end) bad();
    const statements = scanUnsigned(buffer, statementsStart, countStart - 1);
    if (statements < 0 || scanEnd !== countStart - 1) bad();
    const startLine = scanUnsigned(buffer, colon + 1, statementsStart - 1);
    if (startLine < 0 || buffer[scanEnd] !== 46 || scanUnsigned(buffer, scanEnd + 1, statementsStart - 1) < 0 || buffer[scanEnd] !== 44) bad();
    const endLine = scanUnsigned(buffer, scanEnd + 1, statementsStart - 1);
    if (endLine < startLine || buffer[scanEnd] !== 46 || scanUnsigned(buffer, scanEnd + 1, statementsStart - 1) < 0 || scanEnd !== statementsStart - 1) bad();
    if (endLine > MAX_LINE_NUMBER) bad();
    const path = buffer.toString("utf8", start, colon);
    const position = buffer.toString("latin1", colon + 1, statementsStart - 1);
    let blocks = files.get(path);
    if (blocks === undefined) {
      blocks = new Map();
      files.set(path, blocks);
    }
    const existing = blocks.get(position);
    if (existing === undefined) {
      blocks.set(position, { startLine, endLine, statements, count });
      return;
    }
    if (existing.statements !== statements) {
      fail(lineNumber, `block ${path}:${position} has ${statements} statements here but ${existing.statements} earlier in the profile`);
    }
    existing.count = mode === "set" ? Math.max(existing.count, count) : existing.count + count;
  });

  if (mode === "") throw new UserError(`${displayName}: is empty; a Go coverprofile starts with a "mode:" line`);
  const totals = emptyCounter();
  const result: FileCoverage[] = [];
  for (const [path, blocks] of files) {
    const lines = emptyCounter();
    const table = new LineTable(true);
    const maxHits = new Map<number, number>();
    for (const block of blocks.values()) {
      lines.total += block.statements;
      if (block.count > 0) lines.covered += block.statements;
      if (lineDetail) {
        for (let line = block.startLine; line <= block.endLine; line++) {
          maxHits.set(line, Math.max(maxHits.get(line) ?? 0, block.count));
        }
      }
    }
    for (const [line, hits] of maxHits) table.add(line, hits);
    addCounter(totals, lines);
    result.push({ path, lines, branches: null, functions: null, lineHits: lineDetail ? table : NO_LINES, lineBranches: NO_BRANCHES });
  }
  return { format: "go", totals: { lines: totals, branches: null, functions: null }, files: result, source: displayName, roots: [], warnings: [] };
}
