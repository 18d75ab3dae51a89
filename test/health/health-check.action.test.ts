/** Runner contract of the health-check action: runs dist/health-check.js as the runner does (run `npm run build` first). */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runActionBundle } from "../support/runner.ts";
import { startHealthServer, type TestServer } from "./servers.ts";
import { tempDir } from "../support/temp.ts";

let server: TestServer;
let workspace: string;

beforeAll(async () => {
  server = await startHealthServer("127.0.0.1");
  workspace = tempDir("health-action");
  await writeFile(
    path.join(workspace, "policy.yml"),
    [
      "health:",
      "  retries: 0",
      "  endpoints:",
      "    - name: api",
      `      url: ${server.base}/ok`,
      "      version-json-path: version",
      "    - name: legacy",
      `      url: ${server.base}/wrong-version`,
      "      version-header: x-app-version",
      "",
    ].join("\n"),
  );
});

afterAll(async () => {
  await server?.close();
  await rm(workspace, { recursive: true, force: true });
});

describe("health-check action", () => {
  it("gives the outputs a deploy workflow rolls back on", async () => {
    const result = await runActionBundle("dist/health-check.js", { workspace, inputs: { config: "policy.yml", version: "1.2.3" } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ healthy: "false", "failed-endpoints": "legacy", status: "fail", passed: "false" });
    const rows = JSON.parse(result.outputs.results!) as { name: string; ok: boolean; version: string }[];
    expect(rows.map((r) => [r.name, r.ok, r.version])).toEqual([
      ["api", true, "1.2.3"],
      ["legacy", false, "1.2.2"],
    ]);
    expect(result.summary).toContain('serving version "1.2.2", expected "1.2.3"');
  });

  it("is healthy on ad-hoc urls", async () => {
    const result = await runActionBundle("dist/health-check.js", { workspace, inputs: { urls: `${server.base}/ok, ${server.base}/moved`, "follow-redirects": "true" } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ healthy: "true", "failed-endpoints": "" });
  });

  it("exits 2 when the policy's regular expression does not compile", async () => {
    await writeFile(path.join(workspace, "bad.yml"), `health:\n  endpoints:\n    - url: ${server.base}/ok\n      body-matches: "(unclosed"\n`);
    const result = await runActionBundle("dist/health-check.js", { workspace, inputs: { config: "bad.yml" } });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toMatch(/health\.endpoints\[0\]\.body-matches: not a valid regular expression/);
  });

  it("exits 2 on a status without urls, naming both inputs as the CLI names its flags", async () => {
    const result = await runActionBundle("dist/health-check.js", { workspace, inputs: { status: "200" } });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toBe('health-check: configuration error: input "status" applies to input "urls" endpoints; the policy\'s endpoints carry their own `status`');
  });
});
