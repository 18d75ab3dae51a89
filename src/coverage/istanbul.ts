import { UserError } from "../core/errors.ts";
import { readJsonMembers } from "./json-members.ts";
import { LineTable, MAX_LINE_NUMBER, NO_BRANCHES, NO_LINES } from "./line-table.ts";
import { addCounter, emptyCounter, type Counter, type CoverageReport, type FileCoverage } from "./model.ts";

/**
 * istanbul JSON: json-summary (`{"total": {...}, "<file>": {"lines": {...}, ...}}`) and
 * coverage-final.json (`{"<file>": {statementMap, s, fnMap, f, branchMap, b}}`), as written by nyc,
 * c8, jest and vitest. Each member is told apart by its shape, so both kinds share one parser.
 *
 * json-summary: totals are its `total` member. coverage-final: totals are computed as istanbul's
 * own summary does: a line's count is the highest count of the statements starting on it, lines
 * are the lines with statements; branches count every path of `b`; functions every entry of `f`.
 */
type Json = Record<string, unknown>;

interface Totals {
  lines: Counter;
  branches: Counter;
  functions: Counter;
}

export async function parseIstanbul(file: string, displayName: string, lineDetail: boolean): Promise<CoverageReport> {
  let summaryTotal: Totals | null = null;
  const files: FileCoverage[] = [];
  let kind: "summary" | "final" | null = null;

  await readJsonMembers(file, displayName, (key, value, lineNumber) => {
    const fail: (message: string) => never = (message) => {
      throw new UserError(`${displayName}:${lineNumber}: ${message}`);
    };
    if (!isObject(value)) fail(`member "${key}" is not an object; expected istanbul coverage data`);
    const data = isObject(value.data) && !("statementMap" in value) ? value.data : value;
    if ("statementMap" in data) {
      if (kind === "summary") fail(`member "${key}" is coverage-final data inside a json-summary report`);
      kind = "final";
      files.push(finalFile(key, data, lineDetail, fail));
      return;
    }
    if (isObject(data.lines)) {
      if (kind === "final") fail(`member "${key}" is json-summary data inside a coverage-final report`);
      kind = "summary";
      const totals = summaryCounters(data, key, fail);
      if (key === "total") summaryTotal = totals;
      else files.push({ path: key, ...totals, lineHits: NO_LINES, lineBranches: NO_BRANCHES });
      return;
    }
    fail(`member "${key}" is neither coverage-final data (statementMap) nor a json-summary entry (lines)`);
  });

  const summed: Totals = { lines: emptyCounter(), branches: emptyCounter(), functions: emptyCounter() };
  for (const fileCoverage of files) {
    addCounter(summed.lines, fileCoverage.lines);
    addCounter(summed.branches, fileCoverage.branches!);
    addCounter(summed.functions, fileCoverage.functions!);
  }
  return { format: "istanbul", totals: summaryTotal ?? summed, files, source: displayName, roots: [], warnings: [] };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function summaryCounters(data: Json, key: string, fail: (message: string) => never): Totals {
  const counter = (name: string): Counter => {
    const entry = data[name];
    if (entry === undefined && name !== "lines") return emptyCounter();
    if (!isObject(entry) || !isCount(entry.covered) || !isCount(entry.total) || entry.covered > entry.total) {
      return fail(`"${key}".${name} needs numeric covered <= total`);
    }
    return { covered: entry.covered, total: entry.total };
  };
  return { lines: counter("lines"), branches: counter("branches"), functions: counter("functions") };
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

function finalFile(key: string, data: Json, lineDetail: boolean, fail: (message: string) => never): FileCoverage {
  const path = typeof data.path === "string" && data.path !== "" ? data.path : key;
  const { statementMap, s: statements, f: functions, branchMap, b: branches } = data;
  if (!isObject(statementMap) || !isObject(statements)) fail(`"${key}" needs statementMap and s objects`);
  const lineCounts = new Map<number, number>();
  for (const [id, count] of Object.entries(statements as Json)) {
    const location = (statementMap as Json)[id];
    if (!isObject(location)) continue;
    const line = startLine(location);
    if (line === null || !isCount(count)) fail(`"${key}" statement ${id} has no start line or a non-numeric count`);
    const previous = lineCounts.get(line);
    if (previous === undefined || previous < count) lineCounts.set(line, count);
  }
  const table = new LineTable(lineDetail);
  for (const [line, count] of lineCounts) table.add(line, count);

  const functionCounter = emptyCounter();
  if (functions !== undefined) {
    if (!isObject(functions)) fail(`"${key}".f is not an object`);
    for (const count of Object.values(functions as Json)) {
      if (!isCount(count)) fail(`"${key}".f has a non-numeric count`);
      functionCounter.total++;
      if (count > 0) functionCounter.covered++;
    }
  }

  const branchCounter = emptyCounter();
  const byLine = new Map<number, Counter>();
  if (branches !== undefined) {
    if (!isObject(branches)) fail(`"${key}".b is not an object`);
    for (const [id, counts] of Object.entries(branches as Json)) {
      if (!Array.isArray(counts) || !counts.every(isCount)) fail(`"${key}".b["${id}"] is not a list of counts`);
      const covered = (counts as number[]).filter((count) => count > 0).length;
      branchCounter.total += (counts as number[]).length;
      branchCounter.covered += covered;
      const location = isObject(branchMap) ? (branchMap as Json)[id] : undefined;
      const line = isObject(location) ? (startLine(location) ?? lineOf(location)) : null;
      if (lineDetail && line !== null) {
        const counter = byLine.get(line) ?? emptyCounter();
        counter.total += (counts as number[]).length;
        counter.covered += covered;
        byLine.set(line, counter);
      }
    }
  }
  return {
    path,
    lines: table.counter(),
    branches: branchCounter,
    functions: functionCounter,
    lineHits: lineDetail ? table : NO_LINES,
    lineBranches: lineDetail && byLine.size > 0 ? byLine : NO_BRANCHES,
  };
}

/** `{start: {line}}` of a statement or branch location, or null when absent or out of range. */
function startLine(location: Json): number | null {
  const start = (isObject(location.loc) ? location.loc : location).start;
  if (!isObject(start)) return null;
  const line = start.line;
  return typeof line === "number" && Number.isInteger(line) && line >= 0 && line <= MAX_LINE_NUMBER ? line : null;
}

function lineOf(location: Json): number | null {
  const line = location.line;
  return typeof line === "number" && Number.isInteger(line) && line >= 0 && line <= MAX_LINE_NUMBER ? line : null;
}
