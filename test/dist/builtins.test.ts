/**
 * The bundles take Node's built-ins with process.getBuiltinModule (scripts/build.ts): an ES import of a built-in
 * reads all its exports, and node:http's lazy WebSocket export alone loads undici, about 30 ms of a run.
 * Checked on dist/ as committed (run `npm run build` first): no ES import of a built-in is left, and a health check
 * over node:http, run by the built CLI, does not load undici.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp.ts";

const root = path.resolve(import.meta.dirname, "../..");
const node = path.join(root, "node_modules/.bin/node");
const bundleFiles = readdirSync(path.join(root, "dist"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));

/** Loaded before the CLI: says at exit whether Node loaded undici. */
const UNDICI_REPORT = `data:text/javascript,process.on("exit",()=>process.stderr.write("undici loaded: "+process.moduleLoadList.includes("NativeModule internal/deps/undici/undici")+"\\n"))`;

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_, res) => res.end('{"status":"up"}'));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/health`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the bundles' built-ins", () => {
  it("are never ES imports (only node:module, for Node before 22.3)", () => {
    expect(bundleFiles.length).toBeGreaterThan(20);
    const imports = bundleFiles.flatMap((file) => [...readFileSync(path.join(root, "dist", file), "utf8").matchAll(/from\s*"node:(?!module")[\w/]+"|\bimport\("node:[\w/]+"\)/g)].map((match) => `${file}: ${match[0]}`));
    expect(imports).toEqual([]);
  });

  it("leave undici unloaded in a health check over node:http", async () => {
    const { stdout, stderr } = await promisify(execFile)(node, ["--import", UNDICI_REPORT, path.join(root, "dist/cli.js"), "health", "--url", url, "--retries", "0", "--json"], { cwd: tempDir("builtins") });
    expect(JSON.parse(stdout)).toMatchObject({ healthy: true });
    expect(stderr).toContain("undici loaded: false");
  });
});
