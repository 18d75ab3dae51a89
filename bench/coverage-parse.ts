/**
 * Coverage report parse throughput and peak memory: shipgate's streaming parsers against lcov-parse
 * (lcov) and fast-xml-parser (Cobertura) on the same generated files, and against the floor of
 * reading the file with a stream and counting its newlines in Node. Every measurement runs in its own
 * child process (peak RSS is per parser) and is repeated; the table shows the median. Ratios use CPU
 * time (user + system) of the parse, which a busy machine disturbs far less than wall time.
 * Files are generated in bench/.data/ (gitignored) at two sizes to show how memory follows size;
 * the competitors run on the smaller size only (lcov-parse and fast-xml-parser hold the whole file
 * and its parse tree: several GB at the larger size).
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

const DATA = join(import.meta.dirname, ".data");
const WORKER = join(import.meta.dirname, "coverage-parse-worker.ts");
const RUNS = 3;
const SIZES_MB = [50, 200];

interface Measurement {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  summary: string;
}

export async function run(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const rows: string[][] = [];
  for (const sizeMb of SIZES_MB) {
    const lcov = generate(join(DATA, `lcov-${sizeMb}mb.info`), sizeMb, lcovFile, lcovFooter, lcovHeader);
    const cobertura = generate(join(DATA, `cobertura-${sizeMb}mb.xml`), sizeMb, coberturaFile, coberturaFooter, coberturaHeader);
    for (const [file, format, competitor] of [
      [lcov, "lcov", "lcov-parse"],
      [cobertura, "cobertura", "fast-xml-parser"],
    ] as const) {
      const mb = statSync(file).size / (1 << 20);
      const floor = measure("floor", file);
      const competitorResult = sizeMb === SIZES_MB[0] ? measure(competitor, file) : null;
      for (const subject of ["floor", "shipgate-no-detail", "shipgate", ...(competitorResult ? [competitor] : [])]) {
        const result = subject === "floor" ? floor : subject === competitor && competitorResult ? competitorResult : measure(subject, file);
        rows.push([
          `${format} ${mb.toFixed(0)} MB`,
          subject,
          result.ms.toFixed(0),
          result.cpuMs.toFixed(0),
          (mb / (result.cpuMs / 1000)).toFixed(0),
          (result.cpuMs / floor.cpuMs).toFixed(1),
          subject.startsWith("shipgate") && competitorResult ? (competitorResult.cpuMs / result.cpuMs).toFixed(1) : "",
          result.maxRssMb.toFixed(0),
          result.summary,
        ]);
      }
    }
  }
  printTable(["file", "parser", "wall ms", "CPU ms", "MB/s (CPU)", "x floor", "x faster than lcov-parse / fast-xml-parser", "peak RSS MB", "result"], rows);
}

function measure(subject: string, file: string): Measurement {
  const results: Measurement[] = [];
  for (let attempt = 0; attempt < RUNS; attempt++) {
    const output = execFileSync(process.execPath, ["--max-old-space-size=8192", WORKER, subject, file], { encoding: "utf8", maxBuffer: 1 << 20 });
    results.push(JSON.parse(output.trim().split("\n").pop()!) as Measurement);
  }
  results.sort((a, b) => a.cpuMs - b.cpuMs);
  const median = results[Math.floor(RUNS / 2)]!;
  return { ...median, maxRssMb: Math.max(...results.map((result) => result.maxRssMb)) };
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

/** Writes `sizeMb` of a report, one source file at a time, unless a previous run already did. */
function generate(file: string, sizeMb: number, body: (index: number) => string, footer: () => string, header: () => string): string {
  if (existsSync(file) && statSync(file).size >= sizeMb * 1e6) return file;
  const descriptor = openSync(`${file}.tmp`, "w");
  let written = writeSync(descriptor, header());
  for (let index = 0; written < sizeMb * 1e6; index++) written += writeSync(descriptor, body(index));
  writeSync(descriptor, footer());
  closeSync(descriptor);
  execFileSync("mv", [`${file}.tmp`, file]);
  return file;
}

const LINES_PER_FILE = 2000;

/** Deterministic hit counts: about a fifth of the lines are never run. */
function hits(file: number, line: number): number {
  const value = (file * 7919 + line * 104729) % 97;
  return value < 20 ? 0 : value;
}

function lcovHeader(): string {
  return "";
}

function lcovFooter(): string {
  return "";
}

function lcovFile(index: number): string {
  const parts = ["TN:", `SF:/home/runner/work/app/app/src/module-${index % 50}/file-${index}.ts`];
  for (let line = 1; line <= LINES_PER_FILE; line += 40) parts.push(`FN:${line},fn_${index}_${line}`);
  for (let line = 1; line <= LINES_PER_FILE; line += 40) parts.push(`FNDA:${hits(index, line)},fn_${index}_${line}`);
  let covered = 0;
  for (let line = 1; line <= LINES_PER_FILE; line++) {
    const count = hits(index, line);
    if (count > 0) covered++;
    parts.push(`DA:${line},${count}`);
  }
  for (let line = 5; line <= LINES_PER_FILE; line += 10) {
    parts.push(`BRDA:${line},0,0,${hits(index, line + 1)}`, `BRDA:${line},0,1,${line % 3 === 0 ? "-" : hits(index, line + 2)}`);
  }
  parts.push(`LF:${LINES_PER_FILE}`, `LH:${covered}`, "end_of_record", "");
  return parts.join("\n");
}

function coberturaHeader(): string {
  // Root totals are not known before the files are written; the bench parsers do not check them.
  return '<?xml version="1.0" ?>\n<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n<coverage version="7.4" timestamp="1700000000" lines-valid="0" lines-covered="0" line-rate="0" branches-covered="0" branches-valid="0" branch-rate="0" complexity="0">\n\t<sources>\n\t\t<source>/home/runner/work/app/app</source>\n\t</sources>\n\t<packages>\n\t\t<package name="src" line-rate="0" branch-rate="0" complexity="0">\n\t\t\t<classes>\n';
}

function coberturaFooter(): string {
  return "\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>\n";
}

function coberturaFile(index: number): string {
  const parts = [`\t\t\t\t<class name="file-${index}.py" filename="src/module-${index % 50}/file-${index}.py" complexity="0" line-rate="0.8" branch-rate="0.5">`, "\t\t\t\t\t<methods/>", "\t\t\t\t\t<lines>"];
  for (let line = 1; line <= LINES_PER_FILE; line++) {
    const count = hits(index, line);
    if (line % 10 === 5) {
      parts.push(`\t\t\t\t\t\t<line number="${line}" hits="${count}" branch="true" condition-coverage="50% (1/2)" missing-branches="${line + 3}"/>`);
    } else {
      parts.push(`\t\t\t\t\t\t<line number="${line}" hits="${count}"/>`);
    }
  }
  parts.push("\t\t\t\t\t</lines>", "\t\t\t\t</class>", "");
  return parts.join("\n");
}
