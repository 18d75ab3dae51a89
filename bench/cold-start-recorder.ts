/**
 * Loaded with --import before a bundle, in an untimed re-run only (bench/cold-start-io.ts): records each
 * external operation the run starts (fetch, node:http(s) requests, child processes, file reads) and writes them,
 * as JSON, to the file named by SHIPGATE_BENCH_IO_LOG when the process exits. The wrappers pass every call on
 * unchanged; syncBuiltinESMExports() makes the bundle's named imports (`import { execFile } from ...`) see them.
 * Reads given a URL are left out: that is Node's module loader reading the bundle's own files.
 */
import childProcess from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { syncBuiltinESMExports } from "node:module";
import type { Operation } from "./cold-start-io.ts";

const log = process.env.SHIPGATE_BENCH_IO_LOG;
const operations: Operation[] = [];
const writeFileSync = fs.writeFileSync;

function bodyText(body: unknown, headers: Headers): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) {
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    return body.toString();
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return Buffer.from(body as Uint8Array).toString();
  throw new Error(`the cold-start recorder cannot replay a fetch body of type ${Object.prototype.toString.call(body)}`);
}

const originalFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const request = input instanceof Request ? input : undefined;
  const headers = new Headers(init?.headers ?? request?.headers);
  const body = bodyText(init?.body, headers);
  const url = request ? request.url : String(input);
  operations.push({ kind: "fetch", url, method: init?.method ?? request?.method ?? "GET", headers: [...headers], ...(body === undefined ? {} : { body }) });
  return originalFetch(input, init);
};

for (const [scheme, module] of [["http:", http], ["https:", https]] as const) {
  const originalRequest = module.request;
  module.request = ((...args: Parameters<typeof http.request>) => {
    const [first, second] = args;
    const options = (typeof first === "string" || first instanceof URL ? (typeof second === "object" ? second : {}) : first) as http.RequestOptions;
    const url =
      typeof first === "string" || first instanceof URL
        ? String(first)
        : `${options.protocol ?? scheme}//${options.hostname ?? options.host ?? "localhost"}${options.port ? `:${options.port}` : ""}${options.path ?? "/"}`;
    const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name, String(value)]));
    const operation: Extract<Operation, { kind: "http" }> = { kind: "http", url, method: options.method ?? "GET", headers };
    operations.push(operation);
    const request = originalRequest(...args);
    // The body, as the request writes it: the floor sends the same bytes.
    const keep = (chunk: unknown) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function") operation.body = (operation.body ?? "") + (typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("latin1"));
    };
    const { write, end } = request;
    request.write = ((...written: unknown[]) => (keep(written[0]), Reflect.apply(write, request, written))) as typeof request.write;
    request.end = ((...written: unknown[]) => (keep(written[0]), Reflect.apply(end, request, written))) as typeof request.end;
    return request;
  }) as typeof http.request;
}

for (const name of ["execFile", "spawn"] as const) {
  const original = childProcess[name] as (...args: unknown[]) => unknown;
  (childProcess as unknown as Record<string, unknown>)[name] = (file: string, ...rest: unknown[]) => {
    const args = Array.isArray(rest[0]) ? (rest[0] as string[]) : [];
    const options = rest.find((value): value is { cwd?: string } => typeof value === "object" && value !== null && !Array.isArray(value));
    operations.push({ kind: "process", file, args, cwd: String(options?.cwd ?? process.cwd()) });
    return original(file, ...rest);
  };
}

const originalReadFileSync = fs.readFileSync;
fs.readFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
  if (typeof file === "string") operations.push({ kind: "read", file });
  return (originalReadFileSync as (...args: unknown[]) => unknown)(file, ...rest);
}) as typeof fs.readFileSync;
const originalReadFile = fs.promises.readFile;
fs.promises.readFile = ((file: fs.PathLike, ...rest: unknown[]) => {
  if (typeof file === "string") operations.push({ kind: "read", file });
  return (originalReadFile as (...args: unknown[]) => unknown)(file, ...rest);
}) as typeof fs.promises.readFile;
const originalOpen = fs.promises.open;
fs.promises.open = ((file: fs.PathLike, ...rest: unknown[]) => {
  if (typeof file === "string") operations.push({ kind: "read", file });
  return (originalOpen as (...args: unknown[]) => unknown)(file, ...rest);
}) as typeof fs.promises.open;
const originalCreateReadStream = fs.createReadStream;
fs.createReadStream = ((file: fs.PathLike, ...rest: unknown[]) => {
  if (typeof file === "string") operations.push({ kind: "read", file });
  return (originalCreateReadStream as (...args: unknown[]) => unknown)(file, ...rest);
}) as typeof fs.createReadStream;
syncBuiltinESMExports();

process.on("exit", () => {
  if (log) writeFileSync(log, JSON.stringify(operations));
});
