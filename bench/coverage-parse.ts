/**
 * Coverage report parse throughput and peak memory: shipgate's streaming parsers against lcov-parse
 * (lcov) and fast-xml-parser (Cobertura) on the same generated files, and against the floor of
 * reading the file with a stream and counting its newlines in Node. Every measurement runs in its own
 * child process (peak RSS is per parser) and is repeated, in rounds that run every subject once; the
 * table shows the median. Ratios use CPU time (user + system) of the parse, which a busy machine
 * disturbs far less than wall time.
 * Files are generated in bench/.data/ (gitignored) at two sizes to show how memory follows size;
 * the competitors run on the smaller size only (lcov-parse and fast-xml-parser hold the whole file
 * and its parse tree: several GB at the larger size).
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

const DATA = join(import.meta.dirname, ".data");
const WORKER = join(import.meta.dirname, "coverage-parse-worker.ts");
const RUNS = 3;
const SIZES_MB = [50, 200];
/** Issue targets: the parse with line detail within this many times the floor's CPU time. */
const MAX_RATIO = 2.5;
/** Peak RSS of a report repeating the smaller size's files, at most this much above the smaller size's. */
const MAX_REPEATED_RSS_GROWTH = 1.15;

interface Measurement {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  summary: string;
}

export async function run(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const rows: string[][] = [];
  const [small, large] = SIZES_MB as [number, number];
  const cases: { label: string; file: string; format: string; competitor?: string; repeats?: string }[] = [];
  for (const [format, competitor, extension, writer] of [
    ["lcov", "lcov-parse", "info", LCOV],
    ["cobertura", "fast-xml-parser", "xml", COBERTURA],
  ] as const) {
    const filesInSmall = filesFor(writer, small);
    cases.push({ label: `${format} ${small} MB`, file: generate(join(DATA, `${format}-${small}mb.${extension}`), writer, filesInSmall, filesInSmall), format, competitor });
    const filesInLarge = filesFor(writer, large);
    cases.push({ label: `${format} ${large} MB, distinct files`, file: generate(join(DATA, `${format}-${large}mb.${extension}`), writer, filesInLarge, filesInLarge), format });
    cases.push({
      label: `${format} ${large} MB, ${small} MB of files reported ${Math.round(large / small)}x`,
      file: generate(join(DATA, `${format}-${large}mb-repeated.${extension}`), writer, filesInLarge, filesInSmall),
      format,
      repeats: `${format} ${small} MB`,
    });
  }
  const targets: string[] = [];
  const detailRss = new Map<string, number>();
  for (const { label, file, competitor, repeats } of cases) {
    const subjects = ["floor", "shipgate-no-detail", "shipgate", ...(competitor === undefined ? [] : [competitor])];
    const results = measureInRounds(subjects, file);
    const floor = results.get("floor")!;
    const competitorResult = competitor === undefined ? null : results.get(competitor)!;
    for (const subject of subjects) {
      const result = results.get(subject)!;
      if (subject === "shipgate") {
        const ratio = result.cpuMs / floor.cpuMs;
        targets.push(`${ratio <= MAX_RATIO ? "✅" : "❌"} ${label}: line detail ${ratio.toFixed(2)}x the floor (target <= ${MAX_RATIO}x)`);
        detailRss.set(label, result.maxRssMb);
        const base = repeats === undefined ? undefined : detailRss.get(repeats);
        if (base !== undefined) {
          const growth = result.maxRssMb / base;
          targets.push(
            `${growth <= MAX_REPEATED_RSS_GROWTH ? "✅" : "❌"} ${label}: peak RSS ${result.maxRssMb.toFixed(0)} MB against ${base.toFixed(0)} MB for ${repeats} (${growth.toFixed(2)}x, target <= ${MAX_REPEATED_RSS_GROWTH}x)`,
          );
        }
      }
      rows.push([
        label,
        subject,
        result.ms.toFixed(0),
        result.cpuMs.toFixed(0),
        (statSync(file).size / (1 << 20) / (result.cpuMs / 1000)).toFixed(0),
        (result.cpuMs / floor.cpuMs).toFixed(1),
        subject.startsWith("shipgate") && competitorResult ? (competitorResult.cpuMs / result.cpuMs).toFixed(1) : "",
        result.maxRssMb.toFixed(0),
        result.summary,
      ]);
    }
  }
  printTable(["file", "parser", "wall ms", "CPU ms", "MB/s (CPU)", "x floor", "x faster than lcov-parse / fast-xml-parser", "peak RSS MB", "result"], rows);
  console.log("\nshipgate: lineDetail true (per-line hits kept, as the gate needs for patch coverage); shipgate-no-detail: totals only.");
  console.log("");
  for (const target of targets) console.log(target);
}

/**
 * Each subject's median over RUNS rounds, every round running every subject once: on a machine whose load
 * changes, the floor and the parsers then share its phases, where measuring one subject's runs after another's
 * put the floor and a parser in different ones.
 */
function measureInRounds(subjects: string[], file: string): Map<string, Measurement> {
  const runs = new Map<string, Measurement[]>(subjects.map((subject) => [subject, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const subject of subjects) {
      const output = execFileSync(process.execPath, ["--max-old-space-size=8192", WORKER, subject, file], { encoding: "utf8", maxBuffer: 1 << 20 });
      runs.get(subject)!.push(JSON.parse(output.trim().split("\n").pop()!) as Measurement);
    }
  }
  const medians = new Map<string, Measurement>();
  for (const [subject, results] of runs) {
    results.sort((a, b) => a.cpuMs - b.cpuMs);
    const median = results[Math.floor(RUNS / 2)]!;
    medians.set(subject, { ...median, maxRssMb: Math.max(...results.map((result) => result.maxRssMb)) });
  }
  return medians;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

interface ReportWriter {
  header(totals: { lines: [number, number]; branches: [number, number] }): string;
  file(index: number): string;
  footer(): string;
  /** Lines covered/total and branches covered/total of file `index`. */
  counts(index: number): { lines: [number, number]; branches: [number, number] };
}

function filesFor(writer: ReportWriter, sizeMb: number): number {
  return Math.ceil((sizeMb * 1e6) / Buffer.byteLength(writer.file(0)));
}

/**
 * Writes `files` source files' coverage, cycling through `distinct` different ones (a report of
 * concatenated test runs when distinct < files), unless a previous run already wrote it.
 */
function generate(file: string, writer: ReportWriter, files: number, distinct: number): string {
  if (existsSync(file)) return file;
  const totals = { lines: [0, 0] as [number, number], branches: [0, 0] as [number, number] };
  for (let index = 0; index < distinct; index++) {
    const counts = writer.counts(index);
    totals.lines[0] += counts.lines[0];
    totals.lines[1] += counts.lines[1];
    totals.branches[0] += counts.branches[0];
    totals.branches[1] += counts.branches[1];
  }
  const descriptor = openSync(`${file}.tmp`, "w");
  writeSync(descriptor, writer.header(totals));
  for (let index = 0; index < files; index++) writeSync(descriptor, writer.file(index % distinct));
  writeSync(descriptor, writer.footer());
  closeSync(descriptor);
  renameSync(`${file}.tmp`, file);
  return file;
}

const LINES_PER_FILE = 2000;

/** Deterministic hit counts: about a fifth of the lines are never run. */
function hits(file: number, line: number): number {
  const value = (file * 7919 + line * 104729) % 97;
  return value < 20 ? 0 : value;
}

function countLines(index: number): [number, number] {
  let covered = 0;
  for (let line = 1; line <= LINES_PER_FILE; line++) if (hits(index, line) > 0) covered++;
  return [covered, LINES_PER_FILE];
}

const LCOV: ReportWriter = {
  header: () => "",
  footer: () => "",
  counts: (index) => {
    let covered = 0;
    let total = 0;
    for (let line = 5; line <= LINES_PER_FILE; line += 10) {
      total += 2;
      if (hits(index, line + 1) > 0) covered++;
      if (line % 3 !== 0 && hits(index, line + 2) > 0) covered++;
    }
    return { lines: countLines(index), branches: [covered, total] };
  },
  file: (index) => {
    const parts = ["TN:", `SF:/home/runner/work/app/app/src/module-${index % 50}/file-${index}.ts`];
    for (let line = 1; line <= LINES_PER_FILE; line += 40) parts.push(`FN:${line},fn_${index}_${line}`);
    for (let line = 1; line <= LINES_PER_FILE; line += 40) parts.push(`FNDA:${hits(index, line)},fn_${index}_${line}`);
    for (let line = 1; line <= LINES_PER_FILE; line++) parts.push(`DA:${line},${hits(index, line)}`);
    for (let line = 5; line <= LINES_PER_FILE; line += 10) {
      parts.push(`BRDA:${line},0,0,${hits(index, line + 1)}`, `BRDA:${line},0,1,${line % 3 === 0 ? "-" : hits(index, line + 2)}`);
    }
    const [covered] = countLines(index);
    parts.push(`LF:${LINES_PER_FILE}`, `LH:${covered}`, "end_of_record", "");
    return parts.join("\n");
  },
};

const COBERTURA: ReportWriter = {
  header: ({ lines, branches }) =>
    `<?xml version="1.0" ?>\n<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n<coverage version="7.4" timestamp="1700000000" lines-valid="${lines[1]}" lines-covered="${lines[0]}" line-rate="${(lines[0] / lines[1]).toFixed(4)}" branches-covered="${branches[0]}" branches-valid="${branches[1]}" branch-rate="${(branches[0] / branches[1]).toFixed(4)}" complexity="0">\n\t<sources>\n\t\t<source>/home/runner/work/app/app</source>\n\t</sources>\n\t<packages>\n\t\t<package name="src" line-rate="0" branch-rate="0" complexity="0">\n\t\t\t<classes>\n`,
  footer: () => "\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>\n",
  counts: (index) => ({ lines: countLines(index), branches: [LINES_PER_FILE / 10, LINES_PER_FILE / 5] }),
  file: (index) => {
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
  },
};
