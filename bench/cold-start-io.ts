/**
 * The external work of a passing run, recorded once and replayed by a plain `node` script: the run's I/O floor.
 *
 * recorderImport() is loaded (--import) before a bundle, in an untimed re-run only: it wraps fetch, node:http(s)
 * requests, child processes (git) and file reads, and writes what the run asked for, in order, when it exits.
 * floorScript() turns that list into a script that does exactly the same work, one operation after the other,
 * with the same Node APIs (fetch stays fetch, node:http stays node:http, git runs through execFile), so that the
 * floor pays what the run must pay for its I/O and nothing of the bundle: no parsing, no policy, no report.
 * Built-ins are loaded the cheapest way, process.getBuiltinModule: an ES import of node:http alone reads its lazy
 * WebSocket export and so loads undici, about 30 ms that no run needs to pay.
 */
import path from "node:path";

export type Operation =
  | { kind: "fetch"; url: string; method: string; headers: [string, string][]; body?: string }
  | { kind: "http"; url: string; method: string; headers: Record<string, string>; body?: string }
  | { kind: "process"; file: string; args: string[]; cwd: string }
  | { kind: "read"; file: string };

/** The recorder, as a module loaded before the bundle; it writes JSON lines to the file in SHIPGATE_BENCH_IO_LOG. */
export function recorderImport(): string {
  return `file://${path.join(import.meta.dirname, "cold-start-recorder.ts")}`;
}

function label(operation: Operation): string {
  if (operation.kind === "process") return path.basename(operation.file);
  if (operation.kind === "read") return "file read";
  return operation.kind === "fetch" ? "fetch" : "http";
}

/** "7 fetch, 3 git, 1 file read": what the floor does, for the table. */
export function describe(operations: Operation[]): string {
  if (operations.length === 0) return "nothing";
  const counts = new Map<string, number>();
  for (const operation of operations) counts.set(label(operation), (counts.get(label(operation)) ?? 0) + 1);
  return [...counts].map(([name, count]) => `${count} ${name}`).join(", ");
}

/** An ES module that does `operations` one after the other and exits 0 (any failure exits non-zero). */
export function floorScript(operations: Operation[]): string {
  const lines: string[] = [];
  const needs = new Set(operations.map((operation) => operation.kind));
  const builtin = (name: string, module: string) => lines.push(`const ${name} = process.getBuiltinModule(${JSON.stringify(module)});`);
  if (needs.has("process")) builtin("{ execFile }", "node:child_process");
  if (needs.has("read")) builtin("{ readFile }", "node:fs/promises");
  if (operations.some((operation) => operation.kind === "http" && operation.url.startsWith("http:"))) builtin("http", "node:http");
  if (operations.some((operation) => operation.kind === "http" && operation.url.startsWith("https:"))) builtin("https", "node:https");
  const run = (file: string, args: string[], cwd: string) =>
    `await new Promise((ok, fail) => execFile(${JSON.stringify(file)}, ${JSON.stringify(args)}, { cwd: ${JSON.stringify(cwd)}, maxBuffer: 2 ** 30 }, (e) => (e && typeof e.code !== "number" ? fail(e) : ok())));`;
  for (const operation of operations) {
    if (operation.kind === "fetch") {
      const init = { method: operation.method, headers: operation.headers, ...(operation.body === undefined ? {} : { body: operation.body }) };
      lines.push(`await (await fetch(${JSON.stringify(operation.url)}, ${JSON.stringify(init)})).arrayBuffer();`);
    } else if (operation.kind === "http") {
      lines.push(
        `await new Promise((ok, fail) => ${operation.url.startsWith("https:") ? "https" : "http"}.request(${JSON.stringify(operation.url)}, { method: ${JSON.stringify(operation.method)}, headers: ${JSON.stringify(operation.headers)} }, (res) => { res.resume(); res.on("end", ok); }).on("error", fail).end(${operation.body === undefined ? "" : `Buffer.from(${JSON.stringify(operation.body)}, "latin1")`}));`,
      );
    } else if (operation.kind === "process") lines.push(run(operation.file, operation.args, operation.cwd));
    else lines.push(`await readFile(${JSON.stringify(operation.file)});`);
  }
  return lines.join("\n") + "\n";
}
