/**
 * One measurement of bench/coverage-parse.ts in its own process, so that peak memory (maxRSS) belongs
 * to one parser alone. Prints one JSON line: { ms, cpuMs, maxRssMb, summary } (wall and CPU time of the parse).
 * Usage: node bench/coverage-parse-worker.ts <shipgate|shipgate-no-detail|lcov-parse|fast-xml-parser|floor> <file>
 */
import { createReadStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [subject, file] = process.argv.slice(2) as [string, string];
const require = createRequire(import.meta.url);

async function measure(): Promise<string> {
  switch (subject) {
    case "shipgate":
    case "shipgate-no-detail": {
      const { parseCoverageFile } = await import("../src/coverage/parse.ts");
      // Load every format's module first: the measurement is the parse, not loading (and type-stripping) code.
      await Promise.all(["lcov", "go", "cobertura", "clover", "jacoco", "istanbul", "xml-scan"].map((name) => import(`../src/coverage/${name}.ts`)));
      const started = start();
      const report = await parseCoverageFile(file, { lineDetail: subject === "shipgate" });
      return finish(started, `${report.totals.lines.covered}/${report.totals.lines.total} lines, ${report.files.length} files`);
    }
    case "lcov-parse": {
      const parse = require("lcov-parse") as (file: string, callback: (error: unknown, data: { lines: { hit: number; found: number } }[]) => void) => void;
      const started = start();
      const data = await new Promise<{ lines: { hit: number; found: number } }[]>((resolve, reject) => parse(file, (error, result) => (error ? reject(new Error(String(error))) : resolve(result))));
      let hit = 0;
      let found = 0;
      for (const entry of data) {
        hit += entry.lines.hit;
        found += entry.lines.found;
      }
      return finish(started, `${hit}/${found} lines, ${data.length} files`);
    }
    case "fast-xml-parser": {
      const { XMLParser } = await import("fast-xml-parser");
      const started = start();
      const document = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(readFileSync(file, "utf8")) as {
        coverage: Record<string, string>;
      };
      return finish(started, `${document.coverage["lines-covered"]}/${document.coverage["lines-valid"]} lines`);
    }
    case "floor": {
      const started = start();
      let lines = 0;
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
        const buffer = chunk as Buffer;
        for (let index = buffer.indexOf(10); index !== -1; index = buffer.indexOf(10, index + 1)) lines++;
      }
      return finish(started, `${lines} newlines`);
    }
    default:
      throw new Error(`unknown subject ${subject}`);
  }
}

function start(): { wall: number; cpu: NodeJS.CpuUsage } {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function finish(started: ReturnType<typeof start>, summary: string): string {
  const ms = performance.now() - started.wall;
  const cpu = process.cpuUsage(started.cpu);
  return JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, summary });
}

console.log(await measure());
